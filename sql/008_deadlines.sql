-- Deadlines in working days. A working day is Monday to Friday, except the public holidays and
-- compensatory days off listed here, plus the Saturdays worked in exchange (working = true).
-- Source: Bộ luật Lao động 2019, Điều 112, and the yearly notices of the Ministry (Bộ LĐ-TB&XH,
-- from 2025 Bộ Nội vụ) on days off for civil servants. Add the next year's days as they are
-- announced (INSERT … ON CONFLICT (day) DO UPDATE); the deadlines of steps entered after that use them.
CREATE TABLE calendar_days (
    day     date PRIMARY KEY,
    working boolean NOT NULL,
    name    text NOT NULL
);

INSERT INTO calendar_days (day, working, name) VALUES
    ('2024-01-01', false, 'Tết Dương lịch'),
    ('2024-02-08', false, 'Tết Nguyên đán'), ('2024-02-09', false, 'Tết Nguyên đán'), ('2024-02-12', false, 'Tết Nguyên đán'),
    ('2024-02-13', false, 'Tết Nguyên đán'), ('2024-02-14', false, 'Tết Nguyên đán'),
    ('2024-04-18', false, 'Giỗ Tổ Hùng Vương'),
    ('2024-04-29', false, 'Nghỉ bù (hoán đổi với thứ Bảy 04/05/2024)'), ('2024-05-04', true, 'Làm bù cho ngày 29/04/2024'),
    ('2024-04-30', false, 'Ngày Chiến thắng'), ('2024-05-01', false, 'Ngày Quốc tế Lao động'),
    ('2024-09-02', false, 'Quốc khánh'), ('2024-09-03', false, 'Quốc khánh'),
    ('2025-01-01', false, 'Tết Dương lịch'),
    ('2025-01-27', false, 'Tết Nguyên đán'), ('2025-01-28', false, 'Tết Nguyên đán'), ('2025-01-29', false, 'Tết Nguyên đán'),
    ('2025-01-30', false, 'Tết Nguyên đán'), ('2025-01-31', false, 'Tết Nguyên đán'),
    ('2025-04-07', false, 'Giỗ Tổ Hùng Vương'),
    ('2025-04-30', false, 'Ngày Chiến thắng'), ('2025-05-01', false, 'Ngày Quốc tế Lao động'),
    ('2025-05-02', false, 'Nghỉ bù (hoán đổi với thứ Bảy 26/04/2025)'), ('2025-04-26', true, 'Làm bù cho ngày 02/05/2025'),
    ('2025-09-01', false, 'Quốc khánh'), ('2025-09-02', false, 'Quốc khánh'),
    ('2026-01-01', false, 'Tết Dương lịch'),
    ('2026-02-16', false, 'Tết Nguyên đán'), ('2026-02-17', false, 'Tết Nguyên đán'), ('2026-02-18', false, 'Tết Nguyên đán'),
    ('2026-02-19', false, 'Tết Nguyên đán'), ('2026-02-20', false, 'Tết Nguyên đán'),
    ('2026-04-27', false, 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 là Chủ nhật)'),
    ('2026-04-30', false, 'Ngày Chiến thắng'), ('2026-05-01', false, 'Ngày Quốc tế Lao động'),
    ('2026-09-02', false, 'Quốc khánh');

CREATE FUNCTION is_working_day(d date) RETURNS boolean LANGUAGE sql STABLE STRICT AS $$
    SELECT coalesce((SELECT working FROM calendar_days WHERE day = d), extract(isodow FROM d) < 6)
$$;

-- Every working day from 2015 to 2045 with its ordinal, rebuilt whenever calendar_days changes:
-- a deadline is then two index look-ups, not a walk over the calendar (it is computed in every
-- transition into a step with a deadline).
CREATE TABLE working_day_index (
    day     date PRIMARY KEY,
    ordinal integer NOT NULL UNIQUE
);

CREATE FUNCTION rebuild_working_day_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM working_day_index;
    INSERT INTO working_day_index (day, ordinal)
    SELECT d::date, row_number() OVER (ORDER BY d)
    FROM generate_series(date '2015-01-01', date '2045-12-31', interval '1 day') AS g(d)
    WHERE is_working_day(d::date);
    RETURN NULL;
END;
$$;
CREATE TRIGGER calendar_days_reindex AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
    FOR EACH STATEMENT EXECUTE FUNCTION rebuild_working_day_index();
-- The rows inserted above came before the trigger: build the index once now.
INSERT INTO calendar_days (day, working, name) VALUES ('2015-01-01', false, 'Tết Dương lịch');

-- The ordinal of the last working day on or before `d`.
CREATE FUNCTION working_day_ordinal(d date) RETURNS integer LANGUAGE sql STABLE STRICT AS $$
    SELECT ordinal FROM working_day_index WHERE day <= d ORDER BY day DESC LIMIT 1
$$;

-- The day a step of `n` working days falls due when it starts on `start`: the n-th working day
-- after it (a step entered on Friday with 1 working day is due on Monday). Null outside 2015–2045.
CREATE FUNCTION add_working_days(start date, n integer) RETURNS date LANGUAGE sql STABLE STRICT AS $$
    SELECT day FROM working_day_index WHERE ordinal = working_day_ordinal(start) + greatest(n, 1)
$$;

-- Working days after `a` up to and including `b`: how late an item is.
CREATE FUNCTION working_days_between(a date, b date) RETURNS integer LANGUAGE sql STABLE STRICT AS $$
    SELECT greatest(working_day_ordinal(b) - working_day_ordinal(a), 0)
$$;

-- When the current step falls due (null: the step has no deadline). Set by every transition.
ALTER TABLE nominations ADD COLUMN due_on date;
CREATE INDEX nominations_due ON nominations (province_code, due_on) WHERE is_open AND due_on IS NOT NULL;

-- Escalations of overdue items by the rule of their step: recorded once per nomination and step
-- visit (`transition_seq` is the transition that entered the step).
CREATE TABLE nomination_escalations (
    province_code  text NOT NULL,
    nomination_id  bigint NOT NULL,
    transition_seq integer NOT NULL,
    state          text NOT NULL,
    due_on         date NOT NULL,
    escalated_to   text NOT NULL,
    at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, nomination_id, transition_seq),
    FOREIGN KEY (province_code, nomination_id) REFERENCES nominations (province_code, id)
);
