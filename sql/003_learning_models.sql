-- Learning-model recognition: criteria sets as loaded, assessments with their scores, imports,
-- the counts that shares are taken of, and the program targets.

-- A criteria set as it was loaded: its YAML is kept whole, so a result can always be explained
-- with the exact table it was scored with. A loaded version never changes.
CREATE TABLE criteria_sets (
    id         text NOT NULL,
    version    text NOT NULL,
    title      text NOT NULL,
    subject    text NOT NULL CHECK (subject IN ('household', 'clan', 'community', 'unit', 'commune', 'district', 'province', 'citizen')),
    status     text NOT NULL CHECK (status IN ('official', 'provisional')),
    source     text,
    definition text NOT NULL,
    checksum   text NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, version)
);

CREATE TABLE assessment_imports (
    province_code text NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY,
    file_name     text NOT NULL,
    file_sha256   text NOT NULL,
    set_id        text NOT NULL,
    set_version   text NOT NULL,
    rows          integer NOT NULL,
    inserted      integer NOT NULL,
    unchanged     integer NOT NULL,
    imported_by   bigint REFERENCES users (id),
    imported_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, id)
);

-- One subject assessed against one set in one year. `unit_id` is the unit version (village,
-- commune…) the subject belonged to when assessed; reports roll it up through admin_unit_scope,
-- so assessments made under the old communes count for the communes that replaced them.
--
-- No per-row foreign keys to admin_units and criteria_sets: this table takes ~10^7 rows a year in
-- bulk, and the two row-by-row RI checks were measured at more than half the cost of an import
-- (11 µs of 20 µs a row). The importer resolves both references set-based in the inserting
-- transaction, and neither referenced table ever loses a row (see the delete guards below).
CREATE TABLE assessments (
    province_code  text NOT NULL,
    id             bigint GENERATED ALWAYS AS IDENTITY,
    set_id         text NOT NULL,
    set_version    text NOT NULL,
    subject_key    text NOT NULL,
    subject_name   text COLLATE vi_vn NOT NULL,
    unit_id        bigint NOT NULL,
    year           smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    answers        jsonb NOT NULL,
    facts          jsonb NOT NULL DEFAULT '{}',
    total          integer NOT NULL,
    level          smallint NOT NULL DEFAULT 0,
    meets_criteria boolean NOT NULL,
    -- Working-age adults (or staff, for units) and how many of them hold "Công dân học tập":
    -- the QĐ 677/QĐ-TTg shares are taken over recognised families, clans, communities and units.
    adults         integer CHECK (adults >= 0),
    adults_holding integer CHECK (adults_holding >= 0 AND adults_holding <= adults),
    state          text NOT NULL DEFAULT 'assessed' CHECK (state IN ('assessed', 'recognised', 'not_recognised')),
    recognised_by  text,
    import_id      bigint,
    source_line    integer,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, id),
    UNIQUE (province_code, set_id, subject_key, year),
    CHECK (state <> 'recognised' OR meets_criteria)
);
CREATE INDEX assessments_year_unit ON assessments (province_code, year, unit_id);

-- Units are closed (valid_to), never deleted, and a loaded criteria set is never removed: what
-- assessments, roles and reports point at stays.
CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME
        USING HINT = 'Close an administrative unit with valid_to; load a corrected criteria set as a new version.';
END;
$$;
CREATE TRIGGER admin_units_no_delete BEFORE DELETE OR TRUNCATE ON admin_units
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete();
CREATE TRIGGER criteria_sets_no_delete BEFORE DELETE OR TRUNCATE ON criteria_sets
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete();

-- How many households, clans and organisations a unit has in a year: what shares are taken of.
-- Counts are entered at one level per subject (households and clans per village or commune,
-- organisations per commune); villages themselves are counted from admin_units.
CREATE TABLE unit_counts (
    province_code text NOT NULL,
    unit_id       bigint NOT NULL REFERENCES admin_units (id),
    year          smallint NOT NULL,
    subject       text NOT NULL CHECK (subject IN ('household', 'clan', 'unit')),
    total         integer NOT NULL CHECK (total >= 0),
    PRIMARY KEY (province_code, unit_id, year, subject)
);

-- Program targets: national ones (scope 'VN') from the Prime Minister's decisions, and each
-- province's own (scope = province code), as data.
CREATE TABLE program_targets (
    scope     text NOT NULL,
    year      smallint NOT NULL,
    indicator text NOT NULL CHECK (indicator IN ('household', 'clan', 'community', 'unit', 'adult', 'staff')),
    percent   numeric(5, 2) NOT NULL CHECK (percent BETWEEN 0 AND 100),
    basis     text NOT NULL,
    PRIMARY KEY (scope, year, indicator)
);

INSERT INTO program_targets (scope, year, indicator, percent, basis) VALUES
    ('VN', 2025, 'household', 70, 'Quyết định số 387/QĐ-TTg ngày 25/3/2022'),
    ('VN', 2025, 'clan', 65, 'Quyết định số 387/QĐ-TTg ngày 25/3/2022'),
    ('VN', 2025, 'community', 65, 'Quyết định số 387/QĐ-TTg ngày 25/3/2022'),
    ('VN', 2025, 'unit', 80, 'Quyết định số 387/QĐ-TTg ngày 25/3/2022'),
    ('VN', 2025, 'adult', 40, 'Quyết định số 677/QĐ-TTg ngày 03/6/2022'),
    ('VN', 2025, 'staff', 60, 'Quyết định số 677/QĐ-TTg ngày 03/6/2022'),
    ('VN', 2030, 'adult', 70, 'Quyết định số 677/QĐ-TTg ngày 03/6/2022'),
    ('VN', 2030, 'staff', 80, 'Quyết định số 677/QĐ-TTg ngày 03/6/2022');
