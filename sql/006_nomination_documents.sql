-- Dossier documents of nominations (báo cáo thành tích, tờ trình, biên bản…). Their content goes
-- to the same content-addressed file store as assessment evidence: one copy per SHA-256.
CREATE TABLE nomination_documents (
    province_code text NOT NULL,
    nomination_id bigint NOT NULL,
    kind          text NOT NULL CHECK (kind ~ '^[a-z0-9_]{2,64}$'),
    sha256        bytea NOT NULL REFERENCES evidence_files (sha256),
    file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    uploaded_by   bigint REFERENCES users (id),
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, nomination_id, kind, sha256),
    FOREIGN KEY (province_code, nomination_id) REFERENCES nominations (province_code, id)
);
