-- A nominee's learning-model recognitions, shown on the nomination page, are found by its key.
CREATE INDEX assessments_subject ON assessments (province_code, subject_key);
