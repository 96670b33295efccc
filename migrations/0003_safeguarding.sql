-- A free-text answer that may disclose harm carries what it may disclose; moderators see it first.
ALTER TABLE answers ADD COLUMN concern TEXT
    CHECK (concern IN ('abuse', 'grooming', 'self_harm', 'sextortion', 'bullying'));
