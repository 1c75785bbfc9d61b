-- Lookup (tra cứu) of a person's, household's or collective's record: names folded as ThiDua
-- folds them (lower case, no marks, "đ" as "d", runs of spaces, "_" and "-" as one "_"), and
-- indexed by trigrams, so "nguyen van an" finds every recognition and award of Nguyễn Văn An in
-- a province without reading the tables. pg_trgm is a trusted extension (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION thidua_fold(name text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT trim(BOTH '_' FROM regexp_replace(
        lower(translate(normalize(name, NFC),
            'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ',
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd')),
        '[[:space:]_-]+', '_', 'g'))
$$;

ALTER TABLE assessments ADD COLUMN subject_folded text GENERATED ALWAYS AS (thidua_fold(subject_name)) STORED;
CREATE INDEX assessments_subject_folded ON assessments USING gin (subject_folded gin_trgm_ops);
CREATE INDEX nominations_nominee_folded ON nominations USING gin (nominee_folded gin_trgm_ops);
CREATE INDEX nominations_nominee_key ON nominations (province_code, nominee_key);
