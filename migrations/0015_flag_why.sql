-- Why the safeguarding detector flagged an answer, as its moderator is told: the rule that
-- matched (its list, line and text) or the example it is close to in meaning, as JSON
-- (domain::safeguarding::Why). Empty for answers flagged before, or by a moderator.
ALTER TABLE reviews ADD COLUMN flag_why TEXT;
