-- The brief organizers write for delegates (domain::brief): a one-paragraph summary, the action
-- requested of the meeting and three to five key messages tied to themes. Written by staff, about
-- the meeting, never about anyone who answered, so a retention purge keeps it.
CREATE TABLE briefs (
    consultation_id BIGINT PRIMARY KEY REFERENCES consultations (id) ON DELETE CASCADE,
    -- domain::brief::Brief as JSON.
    body TEXT NOT NULL,
    written_at BIGINT NOT NULL,
    staff_id BIGINT NOT NULL REFERENCES staff (id)
);
