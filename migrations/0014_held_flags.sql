-- A held response's flagged free text is read like any other disclosure: it gets its review row
-- at ingest, marked held, so it is in the flagged lane (and counts nowhere) until its group is
-- released. Its other text still waits for the release.
ALTER TABLE reviews ADD COLUMN held BIGINT NOT NULL DEFAULT 0 CHECK (held IN (0, 1));
-- The flagged lane takes every source's first flag before anyone's second, so one source's
-- hundred flags cannot push a child's disclosure back: how many flagged responses its source
-- (an address, by a keyed hash kept in memory for the day, never stored) had sent, this one
-- included. Only an ordinal is stored.
ALTER TABLE reviews ADD COLUMN flag_rank BIGINT NOT NULL DEFAULT 1 CHECK (flag_rank >= 1);
CREATE INDEX reviews_flagged ON reviews (status, flag_rank, submitted_hour, answer_id)
    WHERE concern IS NOT NULL;
