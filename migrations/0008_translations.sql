-- Organizers write a consultation in one language and may translate its texts into the others.
ALTER TABLE consultations ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
    CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es'));

-- A translation belongs to the text it translates, named by a digest of that text (a long
-- description cannot be an index key): rewriting a text retires its old translation instead of
-- showing it under words it no longer matches.
CREATE TABLE translations (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    language TEXT NOT NULL CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
    source_key TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (consultation_id, language, source_key)
);
