-- Who recognises each learning-model title: data, like the targets. Rows of scope 'VN' are the
-- defaults the system ships with; a province's own rows (scope = its code) take precedence. A
-- row holds from its year until a later row of the same scope and title: the 2025 reform moved
-- what districts recognised to the communes or the province. A recognition decision for a title is
-- recorded at a unit of the row's level (a central body's, at the province that receives it). A title
-- recognised for the 'stage' holds from its decision to the end of the recognition stage
-- (program_stages of kind 'recognition'); one recognised for the 'year' holds for that year.
CREATE TABLE recognition_bodies (
    scope     text NOT NULL,
    set_id    text NOT NULL,
    from_year smallint NOT NULL CHECK (from_year BETWEEN 2000 AND 2100),
    level     text NOT NULL CHECK (level IN ('commune', 'district', 'province', 'central')),
    body      text NOT NULL CHECK (length(btrim(body)) > 0),
    period    text NOT NULL DEFAULT 'year' CHECK (period IN ('year', 'stage')),
    basis     text NOT NULL,
    PRIMARY KEY (scope, set_id, from_year)
);

INSERT INTO recognition_bodies (scope, set_id, from_year, level, body, basis) VALUES
    ('VN', 'gia-dinh-hoc-tap', 2015, 'commune', 'Ủy ban nhân dân cấp xã', 'Mặc định của hệ thống, chưa đối chiếu văn bản hướng dẫn; tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'dong-ho-hoc-tap', 2015, 'commune', 'Ủy ban nhân dân cấp xã', 'Mặc định của hệ thống, chưa đối chiếu văn bản hướng dẫn; tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'cong-dan-hoc-tap', 2015, 'commune', 'Ủy ban nhân dân cấp xã', 'Mặc định của hệ thống, chưa đối chiếu văn bản hướng dẫn; tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'don-vi-hoc-tap-xa', 2015, 'commune', 'Ủy ban nhân dân cấp xã', 'Mặc định của hệ thống, chưa đối chiếu văn bản hướng dẫn; tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'cong-dong-hoc-tap-thon', 2015, 'district', 'Ủy ban nhân dân cấp huyện', 'Mặc định của hệ thống, chưa đối chiếu văn bản hướng dẫn; tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'cong-dong-hoc-tap-thon', 2025, 'commune', 'Ủy ban nhân dân cấp xã', 'Từ 01/07/2025 không còn cấp huyện; mặc định của hệ thống, tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'don-vi-hoc-tap', 2015, 'district', 'Ủy ban nhân dân cấp huyện', 'Mặc định của hệ thống, chưa đối chiếu văn bản hướng dẫn; tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'don-vi-hoc-tap', 2025, 'province', 'Ủy ban nhân dân cấp tỉnh', 'Từ 01/07/2025 không còn cấp huyện; mặc định của hệ thống, tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'cong-dong-hoc-tap-cap-xa', 2015, 'district', 'Ủy ban nhân dân cấp huyện', 'Mặc định của hệ thống, chưa đối chiếu văn bản hướng dẫn; tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'cong-dong-hoc-tap-cap-xa', 2025, 'province', 'Ủy ban nhân dân cấp tỉnh', 'Từ 01/07/2025 không còn cấp huyện; mặc định của hệ thống, tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'cong-dong-hoc-tap-cap-huyen', 2015, 'province', 'Ủy ban nhân dân cấp tỉnh', 'Mặc định của hệ thống, chưa đối chiếu văn bản hướng dẫn; tỉnh đặt lại bằng "thidua recognition set"'),
    ('VN', 'cong-dong-hoc-tap-cap-tinh', 2015, 'central', 'Bộ Giáo dục và Đào tạo', 'Mặc định của hệ thống, chưa đối chiếu văn bản hướng dẫn');

-- The years a recognition in `p_year` counts for when asking whether a subject holds the title in
-- `p_year`: that year, or for a title recognised by stage, the recognition stage's years up to it.
CREATE FUNCTION recognition_window(p_province text, p_set text, p_year int) RETURNS int4range
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN (SELECT period FROM recognition_bodies
              WHERE set_id = p_set AND scope IN ('VN', p_province) AND from_year <= p_year
              ORDER BY scope = 'VN', from_year DESC LIMIT 1) = 'stage'
        THEN coalesce((SELECT int4range(first_year, p_year, '[]') FROM program_stages
                       WHERE kind = 'recognition' AND scope IN ('VN', p_province) AND p_year BETWEEN first_year AND last_year
                       ORDER BY scope = 'VN', first_year DESC LIMIT 1),
                      int4range(p_year, p_year, '[]'))
        ELSE int4range(p_year, p_year, '[]')
    END
$$;
