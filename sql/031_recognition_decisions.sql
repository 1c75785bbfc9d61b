-- Recognition decisions (quyết định công nhận danh hiệu) recorded in ThiDua. They take their
-- number from the same register as the People's Committee's award decisions (decision_counters),
-- so a number is never given twice by one body in a year, whichever kind of decision takes it.
CREATE TABLE recognition_decisions (
    province_code    text NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY,
    unit_id          bigint NOT NULL REFERENCES admin_units (id),
    set_id           text NOT NULL,
    recognition_year smallint NOT NULL,
    symbol           text NOT NULL DEFAULT 'QĐ-UBND' CHECK (symbol ~ '^[A-ZĐ0-9.-]{2,30}$'),
    number           integer NOT NULL CHECK (number BETWEEN 1 AND 999999),
    number_year      smallint NOT NULL,
    issued_on        date NOT NULL,
    signer_name      text NOT NULL DEFAULT '' CHECK (length(signer_name) <= 200),
    signer_title     text NOT NULL DEFAULT 'CHỦ TỊCH' CHECK (length(signer_title) <= 200),
    recognised       integer NOT NULL DEFAULT 0,
    not_recognised   integer NOT NULL DEFAULT 0,
    created_by       bigint REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, id),
    UNIQUE (province_code, unit_id, symbol, number_year, number)
);

CREATE INDEX recognition_decisions_by_title ON recognition_decisions (unit_id, set_id, recognition_year);
