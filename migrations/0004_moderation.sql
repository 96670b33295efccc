-- Moderation. Only free-text answers are reviewed: each gets one review row, made with it.
-- Columns copied from the answer and its response keep the queue query on one indexed table.
CREATE TABLE reviews (
    answer_id BIGINT PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
    response_id BIGINT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    question_id BIGINT NOT NULL REFERENCES questions (id),
    submitted_hour BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason TEXT CHECK (reason IN ('off_topic', 'abusive', 'spam', 'personal_information', 'duplicate')),
    concern TEXT CHECK (concern IN ('abuse', 'grooming', 'self_harm', 'sextortion', 'bullying')),
    quote BIGINT NOT NULL DEFAULT 0 CHECK (quote IN (0, 1)),
    claimed_by BIGINT REFERENCES staff (id),
    claim_expires_at BIGINT,
    decided_by BIGINT REFERENCES staff (id),
    decided_at BIGINT,
    CHECK ((status = 'rejected' AND reason IS NOT NULL) OR (status <> 'rejected' AND reason IS NULL)),
    CHECK (quote = 0 OR (status = 'approved' AND concern IS NULL)),
    CHECK ((claimed_by IS NULL) = (claim_expires_at IS NULL))
);
-- Flagged first, then oldest (by hour: exact times are not kept), with or without a filter.
CREATE INDEX reviews_queue ON reviews (status, concern, submitted_hour, answer_id);
CREATE INDEX reviews_queue_by_consultation ON reviews (consultation_id, status, concern, submitted_hour, answer_id);
CREATE INDEX reviews_queue_by_question ON reviews (question_id, status, concern, submitted_hour, answer_id);
CREATE INDEX reviews_by_response ON reviews (response_id);
-- Partial: nearly every row has no claim, and a full index would look useless to the planner.
CREATE INDEX reviews_by_claimer ON reviews (claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX reviews_by_decider ON reviews (decided_by, decided_at);

INSERT INTO reviews (answer_id, response_id, consultation_id, question_id, submitted_hour, concern)
SELECT a.id, a.response_id, r.consultation_id, a.question_id, r.submitted_hour, a.concern
FROM answers a JOIN responses r ON r.id = a.response_id
WHERE a.text IS NOT NULL;

-- The concern now lives with the rest of the review.
ALTER TABLE answers DROP COLUMN concern;

-- A response rejected as spam is left out of every count, choices included.
ALTER TABLE responses ADD COLUMN spam BIGINT NOT NULL DEFAULT 0 CHECK (spam IN (0, 1));

-- Themes grow per question as moderators tag answers.
CREATE TABLE themes (
    id BIGINT PRIMARY KEY,
    question_id BIGINT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (question_id, name)
);

CREATE TABLE answer_themes (
    answer_id BIGINT NOT NULL REFERENCES reviews (answer_id) ON DELETE CASCADE,
    theme_id BIGINT NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    PRIMARY KEY (answer_id, theme_id)
);
CREATE INDEX answer_themes_by_theme ON answer_themes (theme_id);

CREATE INDEX audit_log_by_staff ON audit_log (staff_id, at);
