-- Staff accounts (young people and delegates never have one), their sessions, and the
-- append-only log of what staff did.

CREATE TABLE staff (
    id BIGINT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'moderator')),
    created_at BIGINT NOT NULL,
    deactivated_at BIGINT
);

-- tower-sessions records; `staff_id` is copied out of the data so a deactivation can end them.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    staff_id BIGINT,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_staff ON sessions (staff_id);

CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    staff_id BIGINT REFERENCES staff (id),
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at);
