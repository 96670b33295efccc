-- Free text is read for meaning (the safeguarding detector's encoder) off the answer's path when
-- the reader is busy: the answer is stored at once, marked here, and read as soon as the reader is
-- free, never skipped (a restart finds it here). The value is the rank its flag would take in the
-- flagged lane (reviews.flag_rank); NULL once read, or when the rules flagged it, or when the
-- encoder is not installed.
ALTER TABLE answers ADD COLUMN awaiting_meaning BIGINT CHECK (awaiting_meaning >= 1);
CREATE INDEX answers_awaiting_meaning ON answers (id) WHERE awaiting_meaning IS NOT NULL;
