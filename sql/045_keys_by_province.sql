-- Every key of a province's records carries province_code (docs/scaling.md, CitusReadinessTests):
-- the rule declarative partitioning by province and Citus distribution both need. The keys mean
-- the same: a unit, an organisation, a session and an invitation belong to one province.

-- Decision numbers: per issuing body (unit, organisation), symbol and year — within its province.
DROP INDEX decisions_number;
CREATE UNIQUE INDEX decisions_number ON decisions (province_code, unit_id, coalesce(organisation_id, 0), symbol, year, number);

-- Minutes numbers: per council (unit, organisation) and year.
DROP INDEX council_sessions_minutes_no;
CREATE UNIQUE INDEX council_sessions_minutes_no
    ON council_sessions (province_code, unit_id, coalesce(organisation_id, 0), (extract(year FROM held_on)), minutes_no)
    WHERE minutes_no IS NOT NULL;

-- Invitation codes: unique within the province (59 random bits: two provinces never draw the
-- same); found by the code's hash alone when a citizen types it.
DROP INDEX citizen_invitations_code;
CREATE UNIQUE INDEX citizen_invitations_code ON citizen_invitations (province_code, code_sha256);
CREATE INDEX citizen_invitations_by_code ON citizen_invitations (code_sha256);

-- The registers of decision numbers: kept with the province's decisions.
ALTER TABLE decision_counters ADD COLUMN province_code text;
UPDATE decision_counters c SET province_code = u.province_code FROM admin_units u WHERE u.id = c.unit_id;
ALTER TABLE decision_counters ALTER COLUMN province_code SET NOT NULL;
ALTER TABLE decision_counters DROP CONSTRAINT decision_counters_pkey;
ALTER TABLE decision_counters ADD PRIMARY KEY (province_code, unit_id, organisation_id, year);
