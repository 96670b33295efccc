-- Each free-text answer's sentence embedding, made when it was read for meaning
-- (services::reading), so theme suggestions group a question's answers without reading them
-- all again: 512 signed bytes and their scale (domain::themes::vector). Answers read before
-- this, or with the encoder not installed, are embedded when suggestions are asked for.
CREATE TABLE answer_vectors (
    answer_id BIGINT PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
    vector BYTEA NOT NULL
);
