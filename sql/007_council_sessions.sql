-- The audit record's hash as one SQL function, so that appending and `thidua audit verify` share
-- one canonical form; and appending as a function, so that a transition writes its state, its
-- transition row and its audit record in one statement (one round trip under the row lock).
CREATE FUNCTION audit_record_hash(prev_hash bytea, province_code text, chain text, seq integer, at timestamptz,
                                  actor_id bigint, action text, payload text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sha256(prev_hash || convert_to(concat_ws(E'\n', province_code, chain, seq::text,
        to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), coalesce(actor_id::text, ''), action, payload), 'UTF8'))
$$;

-- The caller holds the lock that serialises the chain (the nomination's or the session's row).
CREATE FUNCTION audit_append(p_province text, p_chain text, p_actor bigint, p_action text, p_payload text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    last_seq  integer;
    last_hash bytea;
    new_at    timestamptz := date_trunc('microseconds', clock_timestamp());
BEGIN
    SELECT seq, hash INTO last_seq, last_hash FROM audit_records
    WHERE province_code = p_province AND chain = p_chain ORDER BY seq DESC LIMIT 1;
    last_seq := coalesce(last_seq, 0) + 1;
    last_hash := coalesce(last_hash, decode(repeat('00', 32), 'hex'));
    INSERT INTO audit_records (province_code, chain, seq, at, actor_id, action, payload, prev_hash, hash)
    VALUES (p_province, p_chain, last_seq, new_at, p_actor, p_action, p_payload, last_hash,
            audit_record_hash(last_hash, p_province, p_chain, last_seq, new_at, p_actor, p_action, p_payload));
    RETURN last_seq;
END;
$$;

-- Council sessions (phiên họp Hội đồng Thi đua – Khen thưởng): the members at the session, who
-- attended, the nominations put to it, and each member's vote (open ballot) or the vote-counting
-- committee's totals (secret ballot). Closing the session applies the step's rule to each
-- nomination and records the result as the nomination's `record_vote` transition.
CREATE TABLE council_sessions (
    province_code text NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY,
    unit_id       bigint NOT NULL REFERENCES admin_units (id),
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    held_on       date NOT NULL,
    place         text NOT NULL DEFAULT '',
    opened_by     bigint REFERENCES users (id),
    opened_at     timestamptz NOT NULL DEFAULT now(),
    closed_by     bigint REFERENCES users (id),
    closed_at     timestamptz,
    PRIMARY KEY (province_code, id)
);
CREATE INDEX council_sessions_unit ON council_sessions (unit_id, held_on DESC);

CREATE TABLE council_members (
    province_code text NOT NULL,
    session_id    bigint NOT NULL,
    member_no     smallint NOT NULL CHECK (member_no >= 1),
    full_name     text COLLATE vi_vn NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    position      text NOT NULL DEFAULT '',
    -- A member with an account votes in person; the secretary records the others' votes.
    user_id       bigint REFERENCES users (id),
    present       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (province_code, session_id, member_no),
    FOREIGN KEY (province_code, session_id) REFERENCES council_sessions (province_code, id)
);

CREATE TABLE council_agenda (
    province_code text NOT NULL,
    session_id    bigint NOT NULL,
    nomination_id bigint NOT NULL,
    position      integer NOT NULL,
    -- The council step the nomination waited at: its rule decides.
    step          text NOT NULL,
    secret_yes    integer CHECK (secret_yes >= 0),
    secret_no     integer CHECK (secret_no >= 0),
    -- Set when the session closes.
    outcome       text CHECK (outcome IN ('passed', 'failed')),
    reason        text,
    PRIMARY KEY (province_code, session_id, nomination_id),
    FOREIGN KEY (province_code, session_id) REFERENCES council_sessions (province_code, id),
    FOREIGN KEY (province_code, nomination_id) REFERENCES nominations (province_code, id)
);
CREATE INDEX council_agenda_nomination ON council_agenda (province_code, nomination_id);

CREATE TABLE council_votes (
    province_code text NOT NULL,
    session_id    bigint NOT NULL,
    nomination_id bigint NOT NULL,
    member_no     smallint NOT NULL,
    vote          text NOT NULL CHECK (vote IN ('yes', 'no', 'abstain')),
    recorded_by   bigint REFERENCES users (id),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, session_id, nomination_id, member_no),
    FOREIGN KEY (province_code, session_id, nomination_id) REFERENCES council_agenda (province_code, session_id, nomination_id),
    FOREIGN KEY (province_code, session_id, member_no) REFERENCES council_members (province_code, session_id, member_no)
);
