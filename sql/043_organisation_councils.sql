-- An organisation's own awards (issue 19): the Hội Khuyến học's Ban Thường vụ sits for the
-- nominations of its process, and keeps its own series of minutes beside the People's Committee's
-- council at the same unit.
ALTER TABLE council_sessions ADD COLUMN organisation_id bigint REFERENCES organisations (id);

DROP INDEX council_sessions_minutes_no;
CREATE UNIQUE INDEX council_sessions_minutes_no
    ON council_sessions (unit_id, coalesce(organisation_id, 0), (extract(year FROM held_on)), minutes_no) WHERE minutes_no IS NOT NULL;
