-- The answer a moderation entry touched, in a column of its own: the moderator's history links
-- to it without reading it back out of the subject, which stays the text people read. No
-- foreign key: answers are purged with their consultation, the log is kept.
ALTER TABLE audit_log ADD COLUMN answer_id BIGINT;

-- Entries written before: 'answer 12' and 'response 3 (answer 12)' end with the answer's id.
UPDATE audit_log
SET answer_id = CAST(RTRIM(SUBSTR(subject, LENGTH(RTRIM(subject, '0123456789)')) + 1), ')') AS BIGINT)
WHERE subject LIKE 'answer %' OR subject LIKE 'response %';
