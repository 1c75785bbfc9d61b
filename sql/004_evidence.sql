-- Evidence (minh chứng): files attached to an assessment's indicators. A file's content is stored
-- once, keyed by its SHA-256, however many assessments it supports.
CREATE TABLE evidence_files (
    sha256     bytea PRIMARY KEY CHECK (length(sha256) = 32),
    media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')),
    size       integer NOT NULL CHECK (size > 0 AND size <= 10485760),
    content    bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (length(content) = size)
);

CREATE TABLE assessment_evidence (
    province_code text NOT NULL,
    assessment_id bigint NOT NULL,
    indicator_id  text NOT NULL,
    sha256        bytea NOT NULL REFERENCES evidence_files (sha256),
    file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    uploaded_by   bigint REFERENCES users (id),
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, assessment_id, indicator_id, sha256),
    FOREIGN KEY (province_code, assessment_id) REFERENCES assessments (province_code, id)
);
