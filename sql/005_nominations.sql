-- Commendation workflow: loaded workflow definitions, rounds, nominations with their transitions,
-- and the append-only, hash-chained audit trail (one chain per nomination) with daily anchors.

CREATE TABLE workflow_definitions (
    id         text NOT NULL,
    version    text NOT NULL,
    title      text NOT NULL,
    definition text NOT NULL,
    checksum   text NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, version)
);
CREATE TRIGGER workflow_definitions_no_delete BEFORE DELETE OR TRUNCATE ON workflow_definitions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete();

-- A round of commendation (yearly, thematic, …) and the workflow version it runs on.
CREATE TABLE rounds (
    province_code    text NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY,
    name             text NOT NULL,
    year             smallint NOT NULL,
    basis            text NOT NULL CHECK (basis IN ('merit', 'thematic', 'sudden', 'simplified', 'other')),
    workflow_id      text NOT NULL,
    workflow_version text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, id),
    FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflow_definitions (id, version)
);

CREATE TABLE nominations (
    province_code    text NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY,
    round_id         bigint NOT NULL,
    -- Pinned when the nomination starts; a later version of the process does not move it.
    workflow_id      text NOT NULL,
    workflow_version text NOT NULL,
    award            text NOT NULL,
    basis            text NOT NULL CHECK (basis IN ('merit', 'thematic', 'sudden', 'simplified', 'other')),
    nominee_kind     text NOT NULL CHECK (nominee_kind IN ('individual', 'household', 'clan', 'collective', 'enterprise', 'administrative_unit')),
    nominee_key      text NOT NULL,
    nominee_name     text COLLATE vi_vn NOT NULL,
    -- The name folded (lower case, no marks): queues find "Nguyễn Văn An" from "nguyen van an".
    nominee_folded   text NOT NULL,
    unit_id          bigint NOT NULL REFERENCES admin_units (id),
    achievement      text NOT NULL DEFAULT '',
    state            text NOT NULL,
    is_open          boolean NOT NULL DEFAULT true,
    version          integer NOT NULL DEFAULT 1,
    hold_reason      text,
    created_by       bigint REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    state_since      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, id),
    FOREIGN KEY (province_code, round_id) REFERENCES rounds (province_code, id),
    FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflow_definitions (id, version)
);
-- One open nomination of a nominee for an award in a round.
CREATE UNIQUE INDEX nominations_one_open ON nominations (province_code, round_id, award, nominee_key) WHERE is_open;
CREATE INDEX nominations_queue ON nominations (province_code, state, state_since) WHERE is_open;

CREATE TABLE nomination_transitions (
    province_code   text NOT NULL,
    nomination_id   bigint NOT NULL,
    seq             integer NOT NULL,
    from_state      text,
    to_state        text NOT NULL,
    action          text NOT NULL,
    actor_id        bigint REFERENCES users (id),
    comment         text,
    idempotency_key text,
    at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, nomination_id, seq),
    FOREIGN KEY (province_code, nomination_id) REFERENCES nominations (province_code, id)
);
CREATE UNIQUE INDEX nomination_transitions_idempotency ON nomination_transitions (province_code, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- Append-only: each record's hash covers the previous record of its chain and its own content,
-- exactly as stored (payload is text, hashed byte for byte). `thidua audit verify` recomputes.
CREATE TABLE audit_records (
    province_code text NOT NULL,
    chain         text NOT NULL,
    seq           integer NOT NULL CHECK (seq >= 1),
    at            timestamptz NOT NULL,
    actor_id      bigint,
    action        text NOT NULL,
    payload       text NOT NULL,
    prev_hash     bytea NOT NULL,
    hash          bytea NOT NULL,
    PRIMARY KEY (province_code, chain, seq)
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_records
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Anchors: the head (last seq and hash) of every chain of a province at a moment, and a digest of
-- them all. Cutting a chain's tail, or a whole chain, shows against the last anchor.
CREATE TABLE audit_anchors (
    province_code text NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    heads         jsonb NOT NULL,
    digest        bytea NOT NULL,
    PRIMARY KEY (province_code, id)
);
CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_anchors
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
