-- Who recognises each learning-model title: data, like the targets. Rows of scope 'VN' are the
-- defaults the system ships with; a province's own rows (scope = its code) take precedence. A
-- row holds from its year until a later row of the same scope and title: the 2025 reform moved
-- what districts recognised to the communes or the province. A recognition decision for a title is
-- recorded at a unit of the row's level (or, for 'central', by a system administrator).
CREATE TABLE recognition_bodies (
    scope     text NOT NULL,
    set_id    text NOT NULL,
    from_year smallint NOT NULL CHECK (from_year BETWEEN 2000 AND 2100),
    level     text NOT NULL CHECK (level IN ('commune', 'district', 'province', 'central')),
    body      text NOT NULL CHECK (length(btrim(body)) > 0),
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
