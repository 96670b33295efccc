-- "What happened next": what the meeting did with young people's views, written by organizers
-- once the summary is published (domain::follow_up), translated like the consultation's other
-- texts. Both NULL until written; `follow_up_at` is when it was last written.
ALTER TABLE consultations ADD COLUMN follow_up TEXT;
ALTER TABLE consultations ADD COLUMN follow_up_at BIGINT;
