-- Integrity of the count. A response the door doubts is stored but held: it counts nowhere (its
-- choices are not added to choice_counts, its free text gets no review row, so it is not in the
-- moderation queue) until a moderator releases its group. `hold` is NULL for a response never
-- held; `hold_reasons` keeps why it was held (bits of domain::integrity::HoldReason), even after
-- a decision, for the summary's method note. `hold_group` ties together what a moderator decides
-- on at once: one address's burst (a random number, not the address) or one copied content.
ALTER TABLE responses ADD COLUMN hold TEXT CHECK (hold IN ('held', 'released', 'confirmed'));
ALTER TABLE responses ADD COLUMN hold_reasons BIGINT NOT NULL DEFAULT 0 CHECK (hold_reasons >= 0);
ALTER TABLE responses ADD COLUMN hold_group BIGINT;
-- A keyed hash of the response's choices and normalised free text (domain::integrity::fingerprint),
-- set only when it has text enough to tell a copy from a coincidence: a copy is found across
-- every instance on one database.
ALTER TABLE responses ADD COLUMN content_key BIGINT;

CREATE INDEX responses_held ON responses (consultation_id, hold_group) WHERE hold IS NOT NULL;
CREATE INDEX responses_by_content ON responses (content_key) WHERE content_key IS NOT NULL;
