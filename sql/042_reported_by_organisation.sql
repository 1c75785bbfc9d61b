-- Who reports a period figure (issue "The movement's own people", from a probe of the figures
-- page): the unit's own staff, or — for a figure only an organisation knows, such as the Hội
-- Khuyến học's cadres and members briefed — the staff of that kind of organisation at the unit.
ALTER TABLE program_indicators ADD COLUMN reporter_kind text CHECK (reporter_kind ~ '^[a-z][a-z0-9-]{1,39}$');
ALTER TABLE program_indicators ADD CONSTRAINT program_indicators_reporter CHECK (reporter_kind IS NULL OR kind = 'reported');
UPDATE program_indicators SET reporter_kind = 'hoi-khuyen-hoc' WHERE id = 'association-briefed';
UPDATE program_indicators SET basis = 'Do Hội Khuyến học từng cấp báo cáo mỗi kỳ; số liệu của cấp trên là của chính cấp đó, không cộng thêm số của cấp dưới'
WHERE id = 'association-briefed';
