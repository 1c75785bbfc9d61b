-- The stages that learning-model recognition runs by (QĐ 387/QĐ-TTg: 2021–2025 and 2026–2030)
-- and the reviews of the emulation movement (QĐ 1315/QĐ-TTg: interim 2023–2025, final 2023–2030).
-- Data, like the targets: a province may add its own stages (scope = province code). A stage's
-- figures count each subject recognised in any year of it once, against the targets of its last
-- year.
CREATE TABLE program_stages (
    scope      text NOT NULL,
    first_year smallint NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
    last_year  smallint NOT NULL CHECK (last_year BETWEEN 2000 AND 2100),
    name       text NOT NULL CHECK (length(btrim(name)) > 0),
    -- 'recognition': a stage titles are recognised for (when a province's rule says so);
    -- 'review': a review of the movement, reported but never a period of recognition.
    kind       text NOT NULL CHECK (kind IN ('recognition', 'review')),
    basis      text NOT NULL,
    PRIMARY KEY (scope, first_year, last_year),
    CHECK (first_year <= last_year)
);

INSERT INTO program_stages (scope, first_year, last_year, name, kind, basis) VALUES
    ('VN', 2021, 2025, 'Giai đoạn 2021–2025', 'recognition', 'Quyết định số 387/QĐ-TTg ngày 25/3/2022'),
    ('VN', 2026, 2030, 'Giai đoạn 2026–2030', 'recognition', 'Quyết định số 387/QĐ-TTg ngày 25/3/2022'),
    ('VN', 2023, 2025, 'Sơ kết 2023–2025', 'review', 'Quyết định số 1315/QĐ-TTg năm 2023'),
    ('VN', 2023, 2030, 'Tổng kết 2023–2030', 'review', 'Quyết định số 1315/QĐ-TTg năm 2023');
