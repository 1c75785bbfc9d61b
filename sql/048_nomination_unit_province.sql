-- A nomination belongs to the province of its unit. The queue reads each unit's open nominations
-- in that unit's province partition only (QueueStatements): held by a key, not by convention.
CREATE UNIQUE INDEX admin_units_province_id ON admin_units (province_code, id);

ALTER TABLE nominations
    ADD CONSTRAINT nominations_unit_province FOREIGN KEY (province_code, unit_id) REFERENCES admin_units (province_code, id);
