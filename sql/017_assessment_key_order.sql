-- One index fewer on the table that takes the bulk imports: the unique key now leads with the
-- subject, so it also finds a nominee's recognitions by subject key (what
-- assessments_subject of 013 was for), and every look-up by the whole key still uses it. Each
-- index costs about a second per million imported rows.
ALTER TABLE assessments DROP CONSTRAINT assessments_province_code_set_id_subject_key_year_key;
ALTER TABLE assessments ADD CONSTRAINT assessments_subject_set_year UNIQUE (province_code, subject_key, set_id, year);
DROP INDEX assessments_subject;
