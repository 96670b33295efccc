-- Integrity of the count. A response the door doubts is stored but held: it counts nowhere (its
-- choices are not added to choice_counts, its free text gets no review row, so it is not in the
-- moderation queue) until a moderator releases its group. `hold` is NULL for a response never
-- held; `hold_reasons` keeps why it was held (bits of domain::integrity::HoldReason), even after
-- a decision, for the summary's method note. `hold_group` ties together what a moderator decides
-- on at once: one address's burst (a random number, not the address) or one copied text (the
-- id of the first response with it).
ALTER TABLE responses ADD COLUMN hold TEXT CHECK (hold IN ('held', 'released', 'confirmed'));
ALTER TABLE responses ADD COLUMN hold_reasons BIGINT NOT NULL DEFAULT 0 CHECK (hold_reasons >= 0);
ALTER TABLE responses ADD COLUMN hold_group BIGINT;
-- Near-copies of free text are found across every instance on one database: each response with
-- text enough has the MinHash signature of its text here, and its bands to find candidates by
-- (domain::integrity::near_copy): keyed hashes that say nothing the text does not, and go with
-- the response.
CREATE TABLE text_signatures (
    response_id BIGINT PRIMARY KEY REFERENCES responses (id) ON DELETE CASCADE,
    signature TEXT NOT NULL
);
CREATE TABLE text_bands (
    consultation_id BIGINT NOT NULL,
    band BIGINT NOT NULL,
    response_id BIGINT NOT NULL REFERENCES responses (id) ON DELETE CASCADE
);

CREATE INDEX responses_held ON responses (consultation_id, hold_group) WHERE hold IS NOT NULL;
CREATE INDEX text_bands_by_band ON text_bands (consultation_id, band);
CREATE INDEX text_bands_by_response ON text_bands (response_id);
