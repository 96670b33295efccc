-- What happened next in the four parts feedback to young people tells (domain::follow_up::Told):
-- who received their views, what was decided and why, what was not taken up and why, and when
-- the next update comes; each optional. A single text written before goes on as what was decided.
ALTER TABLE consultations ADD COLUMN follow_up_received TEXT;
ALTER TABLE consultations ADD COLUMN follow_up_decided TEXT;
ALTER TABLE consultations ADD COLUMN follow_up_not_taken TEXT;
ALTER TABLE consultations ADD COLUMN follow_up_next TEXT;
UPDATE consultations SET follow_up_decided = follow_up;
ALTER TABLE consultations DROP COLUMN follow_up;
