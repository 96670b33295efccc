-- The summary counts choices by age band and region. Copied from the response onto each answer
-- (they never change after submission), they let it count from one index, in order, without a
-- join: 100,000 responses in a fraction of a second instead of seconds.
ALTER TABLE answers ADD COLUMN consultation_id BIGINT REFERENCES consultations (id);
ALTER TABLE answers ADD COLUMN age_band TEXT
    CHECK (age_band IN ('9-12', '13-15', '16-18', '19-24', 'undisclosed'));
ALTER TABLE answers ADD COLUMN region TEXT
    CHECK (region IN ('africa', 'americas', 'arab_states', 'asia_pacific', 'cis', 'europe', 'undisclosed'));
UPDATE answers SET
    consultation_id = (SELECT r.consultation_id FROM responses r WHERE r.id = answers.response_id),
    age_band = (SELECT r.age_band FROM responses r WHERE r.id = answers.response_id),
    region = (SELECT r.region FROM responses r WHERE r.id = answers.response_id);
CREATE INDEX answers_for_summary
    ON answers (consultation_id, question_id, option_id, scale_value, age_band, region, response_id);

-- Participants by their groups, read from the index alone; it also serves every lookup by
-- consultation the old index did.
CREATE INDEX responses_for_summary
    ON responses (consultation_id, spam, age_band, region, gender, language, submitted_hour);
DROP INDEX responses_by_consultation;

CREATE INDEX reviews_for_summary ON reviews (consultation_id, status, question_id, reason, response_id);
