-- Administrative units with validity periods. A code may be reused by another unit in another
-- period (the 2025 lists keep the code of one merged commune), so a unit version is identified by
-- an internal id; (code, validity) never overlaps for the same code.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE COLLATION IF NOT EXISTS vi_vn (provider = icu, locale = 'vi-VN');
-- Accent- and case-insensitive comparisons for searching names typed without diacritics.
CREATE COLLATION IF NOT EXISTS vi_vn_ci (provider = icu, locale = 'vi-VN-u-ks-level1', deterministic = false);

CREATE TABLE admin_units (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL CHECK (code ~ '^[A-Za-z0-9.-]{1,32}$'),
    name          text COLLATE vi_vn NOT NULL CHECK (length(btrim(name)) > 0),
    level         text NOT NULL CHECK (level IN ('province', 'district', 'commune', 'village')),
    parent_id     bigint REFERENCES admin_units (id),
    province_code text NOT NULL,
    valid_from    date NOT NULL,
    valid_to      date,
    is_demo       boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CHECK ((level = 'province') = (parent_id IS NULL)),
    UNIQUE (code, valid_from),
    EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
CREATE INDEX admin_units_parent ON admin_units (parent_id);
CREATE INDEX admin_units_province ON admin_units (province_code, level);

-- Which units took over which (merged communes, abolished districts, renamed units).
CREATE TABLE admin_unit_replacements (
    successor_id   bigint NOT NULL REFERENCES admin_units (id),
    predecessor_id bigint NOT NULL REFERENCES admin_units (id),
    PRIMARY KEY (successor_id, predecessor_id),
    CHECK (successor_id <> predecessor_id)
);
CREATE INDEX admin_unit_replacements_predecessor ON admin_unit_replacements (predecessor_id);

-- The scope closure: (scope_id, unit_id) for every unit a person scoped to scope_id may see: the
-- unit itself, everything under it, and what it replaced (with everything under that), at any
-- depth. Rebuilt by the importer in the same transaction as the units it covers.
CREATE TABLE admin_unit_scope (
    scope_id bigint NOT NULL REFERENCES admin_units (id),
    unit_id  bigint NOT NULL REFERENCES admin_units (id),
    PRIMARY KEY (scope_id, unit_id)
);
CREATE INDEX admin_unit_scope_unit ON admin_unit_scope (unit_id);

CREATE FUNCTION rebuild_admin_unit_scope() RETURNS void LANGUAGE sql AS $$
    DELETE FROM admin_unit_scope;
    WITH RECURSIVE edges (scope_id, unit_id) AS (
        SELECT parent_id, id FROM admin_units WHERE parent_id IS NOT NULL
        UNION
        SELECT successor_id, predecessor_id FROM admin_unit_replacements
    ), reach (scope_id, unit_id) AS (
        SELECT id, id FROM admin_units
        UNION
        SELECT r.scope_id, e.unit_id FROM reach r JOIN edges e ON e.scope_id = r.unit_id
    )
    INSERT INTO admin_unit_scope (scope_id, unit_id) SELECT scope_id, unit_id FROM reach;
$$;
