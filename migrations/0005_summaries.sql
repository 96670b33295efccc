-- Published summaries: each publication freezes the summary as it was, as a new version. Rows
-- are only ever added; the public page and exports read the latest one.
CREATE TABLE summaries (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    version BIGINT NOT NULL CHECK (version >= 1),
    published_at BIGINT NOT NULL,
    published_by BIGINT REFERENCES staff (id),
    -- The summary as JSON, exactly as delegates read it.
    body TEXT NOT NULL,
    PRIMARY KEY (consultation_id, version)
);
