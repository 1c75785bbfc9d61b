-- The yearly cycle of a learning model before its review: a household, clan or unit registers to
-- strive for a title in a year (đăng ký xây dựng), then assesses itself against the criteria set
-- (tự đánh giá). The village/commune review is the assessment of 003 with the same set, subject and
-- year, and recognition its state; the stage of a registration is derived from both, never stored.
CREATE TABLE registrations (
    province_code    text NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY,
    set_id           text NOT NULL,
    subject_key      text NOT NULL CHECK (length(btrim(subject_key)) > 0),
    subject_name     text COLLATE vi_vn NOT NULL CHECK (length(btrim(subject_name)) > 0),
    unit_id          bigint NOT NULL REFERENCES admin_units (id),
    year             smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    registered_on    date NOT NULL DEFAULT current_date,
    registered_by    bigint REFERENCES users (id),
    -- The self-assessment: the answers as the subject gave them, scored with the version named.
    self_set_version text,
    self_answers     jsonb,
    self_total       integer,
    self_meets       boolean,
    self_assessed_at timestamptz,
    self_assessed_by bigint REFERENCES users (id),
    PRIMARY KEY (province_code, id),
    UNIQUE (province_code, set_id, subject_key, year),
    CHECK ((self_answers IS NULL) = (self_total IS NULL) AND (self_answers IS NULL) = (self_set_version IS NULL))
);
CREATE INDEX registrations_year_unit ON registrations (province_code, set_id, year, unit_id);
