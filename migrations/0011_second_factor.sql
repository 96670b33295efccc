-- A second factor for staff (domain::second_factor). `totp_secret` is the authenticator app's
-- secret (base32), NULL until the account has set one up; `totp_last_step` is the last 30-second
-- step whose code was accepted, so no code is accepted twice. `second_factor` is whether the
-- account must give one: admins always do, whatever it says; an admin may make it optional for
-- a moderator.
ALTER TABLE staff ADD COLUMN totp_secret TEXT;
ALTER TABLE staff ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN second_factor TEXT NOT NULL DEFAULT 'required'
    CHECK (second_factor IN ('required', 'optional'));

-- Ten one-time codes per account for a lost phone, stored only as SHA-256 hashes.
CREATE TABLE recovery_codes (
    staff_id BIGINT NOT NULL REFERENCES staff (id),
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (staff_id, code_hash)
);
