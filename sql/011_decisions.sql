-- Award decisions (quyết định khen thưởng). A draft is assembled from the nominations waiting for
-- the authority's decision in a round; issuing numbers it (from 1 each calendar year per issuing
-- body, "123/QĐ-UBND"), dates it, makes it immutable and moves its nominations to "awarded". A
-- correction or revocation is a new decision that refers to the old one.

-- What the list prints next to a name: position and workplace for a person, address for a
-- household, head office for a collective.
ALTER TABLE nominations ADD COLUMN nominee_detail text NOT NULL DEFAULT '';

CREATE TABLE decision_counters (
    unit_id     bigint NOT NULL REFERENCES admin_units (id),
    year        smallint NOT NULL,
    last_number integer NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, year)
);

CREATE TABLE decisions (
    province_code  text NOT NULL,
    id             bigint GENERATED ALWAYS AS IDENTITY,
    -- The issuing body: the People's Committee of this unit (or the province, for its proposals).
    unit_id        bigint NOT NULL REFERENCES admin_units (id),
    round_id       bigint NOT NULL,
    award          text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('award', 'correction', 'revocation')),
    refers_to      bigint,
    status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
    authority_name text NOT NULL,
    place          text NOT NULL,
    symbol         text NOT NULL DEFAULT 'QĐ-UBND' CHECK (symbol ~ '^[A-ZĐ0-9.-]{2,30}$'),
    title          text NOT NULL,
    bases          text NOT NULL,
    proposal       text NOT NULL,
    award_title    text NOT NULL,
    signer_name    text NOT NULL DEFAULT '',
    signer_title   text NOT NULL DEFAULT 'CHỦ TỊCH',
    year           smallint,
    number         integer,
    issued_on      date,
    created_by     bigint REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    issued_by      bigint REFERENCES users (id),
    issued_at      timestamptz,
    PRIMARY KEY (province_code, id),
    FOREIGN KEY (province_code, round_id) REFERENCES rounds (province_code, id),
    FOREIGN KEY (province_code, refers_to) REFERENCES decisions (province_code, id),
    UNIQUE (unit_id, symbol, year, number),
    CHECK ((status = 'issued') = (number IS NOT NULL AND issued_on IS NOT NULL AND year IS NOT NULL)),
    CHECK ((kind = 'award') = (refers_to IS NULL))
);
CREATE INDEX decisions_round ON decisions (province_code, round_id);

CREATE TABLE decision_awardees (
    province_code text NOT NULL,
    decision_id   bigint NOT NULL,
    nomination_id bigint NOT NULL,
    section       text NOT NULL CHECK (section IN ('collective', 'household', 'individual')),
    position      integer NOT NULL,
    name          text COLLATE vi_vn NOT NULL,
    detail        text NOT NULL,
    unit_name     text NOT NULL,
    achievement   text NOT NULL,
    PRIMARY KEY (province_code, decision_id, nomination_id),
    FOREIGN KEY (province_code, decision_id) REFERENCES decisions (province_code, id),
    FOREIGN KEY (province_code, nomination_id) REFERENCES nominations (province_code, id)
);
CREATE INDEX decision_awardees_nomination ON decision_awardees (province_code, nomination_id);

-- An issued decision and its list never change.
CREATE FUNCTION refuse_issued_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    province text;
    decision bigint;
BEGIN
    IF TG_TABLE_NAME = 'decisions' THEN
        IF OLD.status = 'issued' THEN
            RAISE EXCEPTION 'decision %/% is issued and cannot be changed', OLD.province_code, OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'INSERT' THEN
        province := NEW.province_code;
        decision := NEW.decision_id;
    ELSE
        province := OLD.province_code;
        decision := OLD.decision_id;
    END IF;
    IF EXISTS (SELECT 1 FROM decisions d WHERE d.province_code = province AND d.id = decision AND d.status = 'issued') THEN
        RAISE EXCEPTION 'decision %/% is issued: its list cannot be changed', province, decision
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER decisions_immutable BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION refuse_issued_change();
CREATE TRIGGER decision_awardees_immutable BEFORE INSERT OR UPDATE OR DELETE ON decision_awardees
    FOR EACH ROW EXECUTE FUNCTION refuse_issued_change();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER decision_awardees_no_truncate BEFORE TRUNCATE ON decision_awardees FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
