-- A council (Hội đồng Thi đua – Khen thưởng) is set up once by its founding decision and keeps its
-- standing members until the next one: each session starts from that roster instead of names
-- retyped every time. One council per unit (the People's Committee's council of that commune or
-- province).
CREATE TABLE councils (
    unit_id           bigint PRIMARY KEY REFERENCES admin_units (id),
    province_code     text NOT NULL,
    -- "Quyết định số 45/QĐ-UBND ngày 02/07/2025 của Chủ tịch UBND xã An Hòa", as the minutes cite it.
    founding_decision text NOT NULL DEFAULT '' CHECK (length(founding_decision) <= 500),
    updated_by        bigint REFERENCES users (id),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Roles within the council, as the founding decision names them.
CREATE TABLE council_roster (
    unit_id      bigint NOT NULL REFERENCES councils (unit_id),
    member_no    smallint NOT NULL CHECK (member_no BETWEEN 1 AND 500),
    full_name    text COLLATE vi_vn NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    position     text NOT NULL DEFAULT '' CHECK (length(position) <= 200),
    council_role text NOT NULL DEFAULT 'member' CHECK (council_role IN ('chair', 'vice_chair', 'secretary', 'member')),
    -- A member with an account may cast their own vote in the sessions.
    user_id      bigint REFERENCES users (id),
    PRIMARY KEY (unit_id, member_no)
);
-- One chair and one secretary at most; vice-chairs and members as many as decided.
CREATE UNIQUE INDEX council_roster_one_chair ON council_roster (unit_id) WHERE council_role = 'chair';
CREATE UNIQUE INDEX council_roster_one_secretary ON council_roster (unit_id) WHERE council_role = 'secretary';

-- A session's members carry their role into the minutes (the chair and the secretary sign).
ALTER TABLE council_members
    ADD COLUMN council_role text NOT NULL DEFAULT 'member' CHECK (council_role IN ('chair', 'vice_chair', 'secretary', 'member'));

-- What the minutes (biên bản) state beyond the day: the number the secretary gives them (one
-- series per council and year, taken when the session closes), the hours, and the founding
-- decision the council sat under.
ALTER TABLE council_sessions
    ADD COLUMN starts_at time,
    ADD COLUMN ends_at time,
    ADD COLUMN minutes_no integer CHECK (minutes_no >= 1),
    ADD COLUMN founding_decision text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX council_sessions_minutes_no
    ON council_sessions (unit_id, (extract(year FROM held_on)), minutes_no) WHERE minutes_no IS NOT NULL;
