-- The wording of award decisions per province (decision-texts/*.yaml, loaded by
-- `thidua decisions texts import`): legal bases, proposal, articles and executors per issuing
-- level; '*' is the default for every province. A draft keeps the wording of its level as it
-- was when drafted (decisions.texts), so a later change of a province's file never rewrites a
-- draft being edited, nor anything issued.
CREATE TABLE decision_texts (
    province_code text PRIMARY KEY CHECK (province_code = '*' OR province_code ~ '^[0-9]{2}$'),
    texts jsonb NOT NULL,
    checksum text NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE decisions ADD COLUMN texts jsonb;
