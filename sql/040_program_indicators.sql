-- Every target the programmes set, as data (issue "The movement's own people"). The six title
-- shares of QĐ 387/QĐ-TTg and QĐ 677/QĐ-TTg were a CHECK list; the province plans also aim at
-- shares computed from other records (title holders with digital skills, citizens who update their
-- own assessment online) and at figures only a unit knows and reports each period (association
-- cadres briefed, commune Khuyến học staff trained in IT, centres an association chair manages).
--
-- kind:
--   'title'        recognised subjects of a kind, of all of them (household, clan, community, unit)
--   'holders'      "Công dân học tập" holders among the adults of recognised families / staff of units
--   'criterion'    title holders of `set_id` whose criterion `criterion` reached `min_points`
--   'self_updated' title holders of `set_id` whose self-assessment of that year they entered
--                  themselves, with their own account
--   'reported'     a figure and its base reported by a unit for a year (reported_figures)
CREATE TABLE program_indicators (
    id             text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{0,39}$'),
    position       smallint NOT NULL UNIQUE,
    name           text NOT NULL CHECK (length(btrim(name)) > 0),
    kind           text NOT NULL CHECK (kind IN ('title', 'holders', 'criterion', 'self_updated', 'reported')),
    -- 'title' and 'holders': the kind of subject recognised (criteria_sets.subject).
    subject        text CHECK (subject IN ('household', 'clan', 'community', 'unit')),
    set_id         text,
    criterion      text,
    min_points     integer CHECK (min_points >= 0),
    achieved_label text,
    base_label     text,
    -- What the share means and how it is measured, for the report's reader.
    basis          text NOT NULL,
    CHECK ((kind IN ('title', 'holders')) = (subject IS NOT NULL)),
    CHECK ((kind IN ('criterion', 'self_updated')) = (set_id IS NOT NULL)),
    CHECK ((kind = 'criterion') = (criterion IS NOT NULL AND min_points IS NOT NULL)),
    CHECK ((kind = 'reported') = (achieved_label IS NOT NULL AND base_label IS NOT NULL))
);

INSERT INTO program_indicators (id, position, name, kind, subject, set_id, criterion, min_points, achieved_label, base_label, basis) VALUES
    ('household', 1, 'Gia đình học tập', 'title', 'household', NULL, NULL, NULL, NULL, NULL,
     'Gia đình được công nhận "Gia đình học tập", trên tổng số hộ gia đình'),
    ('clan', 2, 'Dòng họ học tập', 'title', 'clan', NULL, NULL, NULL, NULL, NULL,
     'Dòng họ được công nhận "Dòng họ học tập", trên tổng số dòng họ'),
    ('community', 3, 'Cộng đồng học tập', 'title', 'community', NULL, NULL, NULL, NULL, NULL,
     'Thôn, tổ dân phố được công nhận "Cộng đồng học tập", trên tổng số thôn, tổ dân phố'),
    ('unit', 4, 'Đơn vị học tập', 'title', 'unit', NULL, NULL, NULL, NULL, NULL,
     'Cơ quan, tổ chức được công nhận "Đơn vị học tập", trên tổng số cơ quan, tổ chức'),
    ('adult', 5, 'Người lớn trong gia đình học tập đạt Công dân học tập', 'holders', 'household', NULL, NULL, NULL, NULL, NULL,
     'Người lớn trong các gia đình học tập đạt "Công dân học tập", trên tổng số người lớn của các gia đình đó'),
    ('staff', 6, 'Cán bộ trong đơn vị học tập đạt Công dân học tập', 'holders', 'unit', NULL, NULL, NULL, NULL, NULL,
     'Cán bộ, người lao động trong các đơn vị học tập đạt "Công dân học tập", trên tổng số cán bộ của các đơn vị đó'),
    ('citizen-digital', 7, 'Công dân học tập có kỹ năng số', 'criterion', NULL, 'cong-dan-hoc-tap', '2', 6, NULL, NULL,
     'Người đạt "Công dân học tập" có nhóm năng lực 2 (sử dụng công cụ, phương tiện học tập) từ 6 điểm trở lên, trên tổng số người đạt danh hiệu; ngưỡng 6 điểm là tạm tính, tỉnh đặt lại trong dữ liệu'),
    ('citizen-self-updated', 8, 'Công dân học tập tự cập nhật phiếu đánh giá trên môi trường số', 'self_updated', NULL, 'cong-dan-hoc-tap', NULL, NULL, NULL, NULL,
     'Người đạt "Công dân học tập" đã tự nhập phiếu tự đánh giá của năm bằng tài khoản của mình, trên tổng số người đạt danh hiệu'),
    ('association-briefed', 9, 'Cán bộ, hội viên Hội Khuyến học được quán triệt tiêu chí', 'reported', NULL, NULL, NULL, NULL,
     'Số cán bộ, hội viên đã được học tập, quán triệt', 'Tổng số cán bộ, hội viên Hội Khuyến học',
     'Do Hội Khuyến học từng cấp báo cáo mỗi kỳ'),
    ('khuyen-hoc-staff-it', 10, 'Cán bộ khuyến học cấp xã được bồi dưỡng ứng dụng công nghệ thông tin', 'reported', NULL, NULL, NULL, NULL,
     'Số cán bộ đã được bồi dưỡng, tập huấn', 'Tổng số cán bộ làm công tác khuyến học tham gia hoạt động của Trung tâm học tập cộng đồng',
     'Do xã, phường báo cáo mỗi kỳ: bồi dưỡng, tập huấn ứng dụng công nghệ thông tin để khai thác, biên soạn tài liệu, lưu trữ thông tin, quản lý và vận hành thiết bị'),
    ('association-chair-centre', 11, 'Chủ tịch, Phó Chủ tịch Hội Khuyến học cấp xã tham gia quản lý Trung tâm học tập cộng đồng', 'reported', NULL, NULL, NULL, NULL,
     'Số trung tâm có Chủ tịch hoặc Phó Chủ tịch Hội Khuyến học cấp xã tham gia quản lý', 'Số Trung tâm Văn hóa Thể thao – học tập cộng đồng',
     'Do xã, phường báo cáo mỗi kỳ');

ALTER TABLE program_targets DROP CONSTRAINT program_targets_indicator_check;
ALTER TABLE program_targets ADD CONSTRAINT program_targets_indicator_fkey FOREIGN KEY (indicator) REFERENCES program_indicators (id);
CREATE INDEX program_targets_indicator ON program_targets (indicator);
ALTER TABLE program_targets ADD CONSTRAINT program_targets_year CHECK (year BETWEEN 2000 AND 2100);

-- Each criterion's points, as scored ({"1": 6, "2": 8, ...}), so a share of title holders by one
-- criterion is counted without scoring again. NULL for rows stored before this migration until
-- `thidua migrate` fills them in (it scores their answers again).
ALTER TABLE assessments ADD COLUMN criteria_points jsonb;

-- A figure a unit reports for a year: what was achieved, of what. Append-only: a correction is a
-- new revision, so the history of who entered what and when is the table itself; the current
-- figure is the highest revision.
CREATE TABLE reported_figures (
    province_code text NOT NULL,
    unit_id       bigint NOT NULL REFERENCES admin_units (id),
    indicator     text NOT NULL REFERENCES program_indicators (id),
    year          smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    revision      integer NOT NULL CHECK (revision >= 1),
    achieved      integer NOT NULL CHECK (achieved BETWEEN 0 AND 100000000),
    base          integer NOT NULL CHECK (base BETWEEN 0 AND 100000000),
    note          text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    entered_by    bigint NOT NULL REFERENCES users (id),
    entered_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, unit_id, indicator, year, revision),
    CHECK (achieved <= base)
);
CREATE INDEX reported_figures_year ON reported_figures (indicator, year);
CREATE TRIGGER reported_figures_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON reported_figures
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION refuse_unreported_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM program_indicators WHERE id = NEW.indicator AND kind = 'reported') THEN
        RAISE EXCEPTION 'indicator % is not a reported figure', NEW.indicator USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER reported_figures_reported_kind BEFORE INSERT ON reported_figures
    FOR EACH ROW EXECUTE FUNCTION refuse_unreported_indicator();
