-- Every transition rewrites its nomination's row, and PostgreSQL then adds an entry to every
-- index of the table (the update cannot be HOT: the queue indexes hold the state). The lookup's
-- name indexes — a trigram GIN index and a prefix b-tree — cost most of that (measured on a
-- durable cluster, 8 clients: 0.93 ms of server CPU per transition with them, 0.56 without) and
-- never change with a transition. They move to a table of their own, written by trigger when a
-- nomination is created or its nominee, unit or kind is changed, and only then.
CREATE TABLE nomination_nominees (
    province_code  text NOT NULL,
    nomination_id  bigint NOT NULL,
    nominee_folded text NOT NULL,
    nominee_key    text NOT NULL,
    nominee_kind   text NOT NULL,
    unit_id        bigint NOT NULL,
    PRIMARY KEY (province_code, nomination_id),
    FOREIGN KEY (province_code, nomination_id) REFERENCES nominations (province_code, id) ON DELETE CASCADE
);

INSERT INTO nomination_nominees (province_code, nomination_id, nominee_folded, nominee_key, nominee_kind, unit_id)
SELECT province_code, id, nominee_folded, nominee_key, nominee_kind, unit_id FROM nominations;

CREATE FUNCTION nomination_nominees_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO nomination_nominees (province_code, nomination_id, nominee_folded, nominee_key, nominee_kind, unit_id)
    VALUES (NEW.province_code, NEW.id, NEW.nominee_folded, NEW.nominee_key, NEW.nominee_kind, NEW.unit_id)
    ON CONFLICT (province_code, nomination_id) DO UPDATE
        SET nominee_folded = EXCLUDED.nominee_folded, nominee_key = EXCLUDED.nominee_key,
            nominee_kind = EXCLUDED.nominee_kind, unit_id = EXCLUDED.unit_id;
    RETURN NULL;
END;
$$;

-- "UPDATE OF" these columns: a transition, which sets none of them, does not fire it.
CREATE TRIGGER nomination_nominees_follow
    AFTER INSERT OR UPDATE OF nominee_folded, nominee_key, nominee_kind, unit_id ON nominations
    FOR EACH ROW EXECUTE FUNCTION nomination_nominees_follow();

CREATE INDEX nomination_nominees_prefix ON nomination_nominees (nominee_folded text_pattern_ops)
    INCLUDE (province_code, nominee_key, unit_id, nominee_kind);
CREATE INDEX nomination_nominees_trigram ON nomination_nominees USING gin (nominee_folded gin_trgm_ops);

DROP INDEX nominations_nominee_prefix;
DROP INDEX nominations_nominee_folded;
-- (province_code, nominee_key, award) serves every look-up by identifier this one served.
DROP INDEX nominations_nominee_key;
