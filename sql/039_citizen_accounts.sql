-- Citizens' own accounts (issue "The movement's own people"): a citizen signs in to update their
-- own "Công dân học tập" self-assessment. The account is bound to one subject — the citizen's
-- identity key in one province — and holds no role, so the citizen pages are all it can reach.
ALTER TABLE users
    ADD COLUMN citizen_province text,
    ADD COLUMN citizen_key text,
    ADD CONSTRAINT users_citizen_whole CHECK ((citizen_province IS NULL) = (citizen_key IS NULL));
CREATE UNIQUE INDEX users_citizen ON users (citizen_province, citizen_key) WHERE citizen_key IS NOT NULL;

CREATE FUNCTION refuse_citizen_roles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND citizen_key IS NOT NULL) THEN
        RAISE EXCEPTION 'a citizen account holds no role' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER user_roles_not_for_citizens BEFORE INSERT OR UPDATE ON user_roles
    FOR EACH ROW EXECUTE FUNCTION refuse_citizen_roles();

-- The one-time invitation commune staff hand a registered citizen (a code on paper or a link).
-- Only its SHA-256 is kept; it expires, is used once, and a new one for the same registration
-- revokes those still open.
CREATE TABLE citizen_invitations (
    province_code   text NOT NULL,
    id              bigint GENERATED ALWAYS AS IDENTITY,
    registration_id bigint NOT NULL,
    code_sha256     bytea NOT NULL,
    created_by      bigint REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    used_by         bigint REFERENCES users (id),
    revoked_at      timestamptz,
    PRIMARY KEY (province_code, id),
    FOREIGN KEY (province_code, registration_id) REFERENCES registrations (province_code, id),
    CHECK (expires_at > created_at),
    CHECK ((used_at IS NULL) = (used_by IS NULL))
);
CREATE UNIQUE INDEX citizen_invitations_code ON citizen_invitations (code_sha256);
CREATE INDEX citizen_invitations_registration ON citizen_invitations (province_code, registration_id);
