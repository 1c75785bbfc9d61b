-- Organisations that review, recognise and issue beside the People's Committees (issue "The
-- movement's own people"): the Hội Khuyến học at commune, province and central level, the
-- education department, other mass organisations. An organisation is set up at the
-- administrative unit it serves; its staff hold roles at it, reach what lies in that unit's scope,
-- and act for the organisation — never for the People's Committee of the same unit.
CREATE TABLE organisations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    province_code text NOT NULL,
    -- How operators and forms name it ("HKH-99010").
    code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9.-]{1,39}$'),
    -- What it is, for rules that name a kind of organisation at a level ("hoi-khuyen-hoc").
    kind          text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{1,39}$'),
    name          text COLLATE vi_vn NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    unit_id       bigint NOT NULL REFERENCES admin_units (id),
    -- The organisation one level up (the province association of a commune association).
    parent_id     bigint REFERENCES organisations (id),
    -- Its decisions: the number's symbol (12/QĐ-HKH), who issues, the signer's title, the first
    -- basis every decision cites (its charter).
    symbol        text NOT NULL CHECK (symbol ~ '^[A-ZĐ0-9.-]{2,30}$'),
    issuer_title  text NOT NULL CHECK (length(btrim(issuer_title)) BETWEEN 1 AND 200),
    signer_title  text NOT NULL DEFAULT 'CHỦ TỊCH' CHECK (length(btrim(signer_title)) BETWEEN 1 AND 200),
    charter_basis text NOT NULL CHECK (length(btrim(charter_basis)) BETWEEN 1 AND 500),
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, unit_id)
);
CREATE INDEX organisations_unit ON organisations (unit_id);
CREATE TRIGGER organisations_no_delete BEFORE DELETE OR TRUNCATE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete();

-- A role held at an organisation: unit_id is the unit it serves (the grant's scope), so every
-- scope check stays one check; organisation_id says whose staff the person is.
ALTER TABLE user_roles ADD COLUMN organisation_id bigint REFERENCES organisations (id);
ALTER TABLE user_roles DROP CONSTRAINT user_roles_user_id_role_unit_id_key;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_grant UNIQUE NULLS NOT DISTINCT (user_id, role, unit_id, organisation_id);

CREATE FUNCTION check_organisation_grant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.organisation_id IS NOT NULL THEN
        IF NEW.role IN ('province_admin', 'system_admin') THEN
            RAISE EXCEPTION 'an organisation''s staff hold no administrator role' USING ERRCODE = 'check_violation';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM organisations WHERE id = NEW.organisation_id AND unit_id = NEW.unit_id) THEN
            RAISE EXCEPTION 'a grant at an organisation is scoped to the unit it serves' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER user_roles_organisation BEFORE INSERT OR UPDATE ON user_roles
    FOR EACH ROW EXECUTE FUNCTION check_organisation_grant();

-- A title recognised by an organisation (the Hội Khuyến học of the level), not the People's Committee.
ALTER TABLE recognition_bodies ADD COLUMN organisation_kind text CHECK (organisation_kind ~ '^[a-z][a-z0-9-]{1,39}$');

-- Decisions of an organisation: numbered in its own register, per year.
ALTER TABLE decision_counters ADD COLUMN organisation_id bigint NOT NULL DEFAULT 0;
ALTER TABLE decision_counters DROP CONSTRAINT decision_counters_pkey;
ALTER TABLE decision_counters ADD PRIMARY KEY (unit_id, organisation_id, year);

ALTER TABLE recognition_decisions ADD COLUMN organisation_id bigint REFERENCES organisations (id);
ALTER TABLE recognition_decisions DROP CONSTRAINT recognition_decisions_province_code_unit_id_symbol_number_y_key;
CREATE UNIQUE INDEX recognition_decisions_number
    ON recognition_decisions (province_code, unit_id, coalesce(organisation_id, 0), symbol, number_year, number);

ALTER TABLE decisions ADD COLUMN organisation_id bigint REFERENCES organisations (id);
ALTER TABLE decisions DROP CONSTRAINT decisions_unit_id_symbol_year_number_key;
-- A draft has no number yet: NULL numbers stay distinct; the People's Committee is organisation 0.
CREATE UNIQUE INDEX decisions_number ON decisions (unit_id, coalesce(organisation_id, 0), symbol, year, number);

-- "Công dân học tập" is the Hội Khuyến học's title (QĐ 677/QĐ-TTg gives the association the lead;
-- the criteria are its own, QĐ 324/QĐ-KHVN): from 2025 the commune association recognises it by
-- default. A province sets its own rule with "thidua recognition set".
INSERT INTO recognition_bodies (scope, set_id, from_year, level, body, period, basis, organisation_kind) VALUES
    ('VN', 'cong-dan-hoc-tap', 2025, 'commune', 'Hội Khuyến học cấp xã', 'year',
     'Quyết định số 677/QĐ-TTg ngày 03/6/2022 của Thủ tướng Chính phủ giao Hội Khuyến học Việt Nam chủ trì xây dựng mô hình "Công dân học tập"; mặc định của hệ thống, tỉnh đặt lại bằng "thidua recognition set"',
     'hoi-khuyen-hoc');
