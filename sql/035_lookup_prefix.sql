-- Lookup by the beginning of a name (what a reviewer types: the full name, or its start) from
-- b-tree indexes that also hold what the list shows, so a province of a million recognitions
-- answers from the index; the trigram indexes of 032 remain for a name typed from its middle.
CREATE INDEX assessments_subject_prefix ON assessments (subject_folded text_pattern_ops)
    INCLUDE (province_code, subject_key, unit_id, state, set_id);
CREATE INDEX nominations_nominee_prefix ON nominations (nominee_folded text_pattern_ops)
    INCLUDE (province_code, nominee_key, unit_id, nominee_kind);
