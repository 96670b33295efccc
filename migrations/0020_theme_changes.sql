-- Moderators also rename, merge, split and drop themes (services::themes): each such change takes
-- answers off one theme, and for a move puts them on another, in one decision that undoes like an
-- accepted suggestion. `kind` (domain::themes::ChangeKind) says which:
--   accepted: `answers` were tagged with `theme_id`;
--   moved:    `answers` were taken off `theme_id`, and `added` (those not carrying it already)
--             tagged with `into_theme_id`;
--   dropped:  `answers` were taken off `theme_id`.
-- Theme rows are never deleted by these changes, so a decision can always be undone; a theme no
-- answer carries is not listed anywhere.
ALTER TABLE theme_decisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'accepted'
    CHECK (kind IN ('accepted', 'moved', 'dropped'));
ALTER TABLE theme_decisions ADD COLUMN into_theme_id BIGINT REFERENCES themes (id) ON DELETE CASCADE;
ALTER TABLE theme_decisions ADD COLUMN added TEXT;
