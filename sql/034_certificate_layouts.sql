-- Layouts of the certificates printed on blank stock (certificate-layouts/*.yaml, loaded by
-- `thidua certificates import`): per province ('*' for every province) and form, where each field
-- goes in millimetres. A province's own layout for a form wins over the default.
CREATE TABLE certificate_layouts (
    province_code text NOT NULL CHECK (province_code = '*' OR province_code ~ '^[0-9]{2}$'),
    id            text NOT NULL,
    layout        jsonb NOT NULL,
    checksum      text NOT NULL,
    loaded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, id)
);
