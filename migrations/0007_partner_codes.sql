-- Partner organisations (a school network, a youth council) share their own link,
-- /c/{slug}?via={code}, so organizers learn which channels bring answers. A response records
-- only which code its link carried, never anything about the person.
CREATE TABLE partner_codes (
    id BIGINT PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- A retired code stays with the answers it brought; new links carrying it record nothing.
    retired_at BIGINT,
    UNIQUE (consultation_id, code)
);

ALTER TABLE responses ADD COLUMN partner_id BIGINT REFERENCES partner_codes (id);
