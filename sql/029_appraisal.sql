-- The appraisal (thẩm định) of a self-assessment entered on the web: who appraised it and, for
-- each indicator the reviewer changed, the subject's own answer and the reason. No foreign key on
-- appraised_by: this table takes ~10^7 rows a year in bulk (see 003), and users are never deleted.
ALTER TABLE assessments
    ADD COLUMN appraised_by bigint,
    ADD COLUMN appraised_at timestamptz,
    ADD COLUMN adjustments jsonb NOT NULL DEFAULT '{}';
