-- Choices are only ever counted, so they are counted as they arrive. A response keeps what it
-- chose (JSON `[[question_id, option_id, scale_value], …]`, one of the last two null) so a
-- withdrawal can take it back out of the counts and the summary can leave spam out; the answers
-- table keeps free text only. A row in four indexes for each choice, one of them scattered over
-- every option and group, was most of what the single writer spent on a response.
ALTER TABLE responses ADD COLUMN choices TEXT NOT NULL DEFAULT '[]';
UPDATE responses SET choices = COALESCE((
    SELECT '[' || string_agg(
        '[' || a.question_id || ',' || COALESCE(CAST(a.option_id AS TEXT), 'null') || ','
            || COALESCE(CAST(a.scale_value AS TEXT), 'null') || ']', ',') || ']'
    FROM answers a WHERE a.response_id = responses.id AND a.text IS NULL), '[]');

-- How many responses chose each option or scale value, by age band and region. The unique index
-- names the cell (a choice and the groups, any of them unknown) for the writer's upsert.
CREATE TABLE choice_counts (
    question_id BIGINT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    option_id BIGINT REFERENCES question_options (id) ON DELETE CASCADE,
    scale_value BIGINT CHECK (scale_value BETWEEN 1 AND 5),
    age_band TEXT CHECK (age_band IN ('9-12', '13-15', '16-18', '19-24', 'undisclosed')),
    region TEXT CHECK (region IN ('africa', 'americas', 'arab_states', 'asia_pacific', 'cis', 'europe', 'undisclosed')),
    n BIGINT NOT NULL CHECK (n >= 0),
    CHECK ((option_id IS NULL) <> (scale_value IS NULL))
);
CREATE UNIQUE INDEX choice_counts_cell ON choice_counts
    (question_id, COALESCE(option_id, 0), COALESCE(scale_value, 0), COALESCE(age_band, ''), COALESCE(region, ''));
INSERT INTO choice_counts (question_id, option_id, scale_value, age_band, region, n)
SELECT a.question_id, a.option_id, a.scale_value, r.age_band, r.region, COUNT(*)
FROM answers a JOIN responses r ON r.id = a.response_id
WHERE a.text IS NULL
GROUP BY a.question_id, a.option_id, a.scale_value, r.age_band, r.region;

DROP INDEX answers_for_summary;
DELETE FROM answers WHERE text IS NULL;
ALTER TABLE answers DROP COLUMN age_band;
ALTER TABLE answers DROP COLUMN region;

-- Participants are counted from the table in the order rows arrived; this index grows at its end
-- instead of taking a write on a page of its own for every response. The spam ones are few.
DROP INDEX responses_for_summary;
CREATE INDEX responses_by_consultation ON responses (consultation_id);
CREATE INDEX responses_spam ON responses (consultation_id) WHERE spam = 1;

-- A resent form is recognised by its receipt (both are derived from the form's nonce), so there is
-- no longer a row for every form ever accepted: only withdrawn ones are remembered, so resending
-- one does not store it again. (Forms withdrawn before this migration are not known here.)
DROP TABLE form_submissions;
CREATE TABLE withdrawn_receipts (
    receipt_hash TEXT PRIMARY KEY
);
