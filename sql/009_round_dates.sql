-- A round opens on a day (which chooses the workflow version in force, 3-tier before 01/07/2025,
-- 2-tier after) and may close to new nominations on a cut-off day the province sets.
ALTER TABLE rounds ADD COLUMN opens_on date;
ALTER TABLE rounds ADD COLUMN closes_on date;
UPDATE rounds SET opens_on = created_at::date WHERE opens_on IS NULL;
ALTER TABLE rounds ALTER COLUMN opens_on SET NOT NULL;
ALTER TABLE rounds ADD CHECK (closes_on IS NULL OR closes_on >= opens_on);
