-- Award decisions issued outside ThiDua — the Prime Minister's, the President's, a ministry's or
-- sector's, a central mass organisation's (Hội Khuyến học Việt Nam, Ủy ban Trung ương MTTQ Việt
-- Nam, …) — recorded with their number, date, issuer, form of award, the scanned decision and
-- the awardees (linked to the nomination they answer when there is one). One issuer never gives
-- one number twice. They appear in lookup and on the public page like ThiDua's own.
CREATE TABLE external_decisions (
    province_code text NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY,
    issuer_kind   text NOT NULL CHECK (issuer_kind IN ('prime_minister', 'president', 'ministry', 'central_organisation', 'other')),
    issuer        text NOT NULL CHECK (length(issuer) BETWEEN 3 AND 300),
    number        text NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
    issued_on     date NOT NULL,
    award_title   text NOT NULL CHECK (length(award_title) BETWEEN 3 AND 300),
    round_id      bigint,
    document_sha  bytea NOT NULL REFERENCES evidence_files (sha256),
    document_name text NOT NULL CHECK (length(document_name) <= 255),
    recorded_by   bigint REFERENCES users (id),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, id),
    FOREIGN KEY (province_code, round_id) REFERENCES rounds (province_code, id)
);
CREATE UNIQUE INDEX external_decisions_number ON external_decisions (province_code, thidua_fold(issuer), upper(number));

CREATE TABLE external_awardees (
    province_code text NOT NULL,
    decision_id   bigint NOT NULL,
    position      integer NOT NULL CHECK (position > 0),
    name          text COLLATE vi_vn NOT NULL CHECK (length(name) BETWEEN 2 AND 300),
    name_folded   text GENERATED ALWAYS AS (thidua_fold(name)) STORED,
    nominee_kind  text NOT NULL CHECK (nominee_kind IN ('individual', 'household', 'clan', 'collective', 'enterprise', 'administrative_unit')),
    nominee_key   text CHECK (length(nominee_key) <= 100),
    detail        text NOT NULL DEFAULT '' CHECK (length(detail) <= 500),
    unit_id       bigint NOT NULL REFERENCES admin_units (id),
    achievement   text NOT NULL DEFAULT '' CHECK (length(achievement) <= 2000),
    nomination_id bigint,
    PRIMARY KEY (province_code, decision_id, position),
    FOREIGN KEY (province_code, decision_id) REFERENCES external_decisions (province_code, id),
    FOREIGN KEY (province_code, nomination_id) REFERENCES nominations (province_code, id)
);
CREATE INDEX external_awardees_folded ON external_awardees USING gin (name_folded gin_trgm_ops);
CREATE INDEX external_awardees_key ON external_awardees (province_code, nominee_key);
CREATE UNIQUE INDEX external_awardees_nomination ON external_awardees (province_code, nomination_id) WHERE nomination_id IS NOT NULL;
