-- A theme suggestion accepted by a moderator tags many answers in one decision; this keeps which
-- answers it tagged, so the decision can be undone exactly (answers tagged with the theme before,
-- or by hand since, keep their tag). The audit log records both.
CREATE TABLE theme_decisions (
    id BIGINT PRIMARY KEY,
    theme_id BIGINT NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    staff_id BIGINT NOT NULL REFERENCES staff (id),
    at BIGINT NOT NULL,
    -- The answers it tagged, as a JSON array of ids.
    answers TEXT NOT NULL,
    undone_at BIGINT
);
