-- People, their roles scoped to administrative units, sessions and the login throttle.
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    full_name     text COLLATE vi_vn NOT NULL,
    password_hash text NOT NULL,
    is_active     boolean NOT NULL DEFAULT true,
    is_demo       boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz
);
CREATE UNIQUE INDEX users_username ON users (username);

CREATE TABLE user_roles (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    text NOT NULL CHECK (role IN ('submitter', 'reviewer', 'council_secretary', 'council_member', 'chair',
                                          'province_admin', 'system_admin')),
    -- NULL only for system administrators, whose scope is the whole country.
    unit_id bigint REFERENCES admin_units (id),
    CHECK ((role = 'system_admin') = (unit_id IS NULL)),
    UNIQUE NULLS NOT DISTINCT (user_id, role, unit_id)
);
CREATE INDEX user_roles_unit ON user_roles (unit_id);

CREATE TABLE sessions (
    -- SHA-256 of the cookie value: a stolen database dump holds no usable session.
    token_hash   bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed logins per key ('user:<name>' and 'ip:<address>'); each further failure doubles the wait.
CREATE TABLE login_throttle (
    key           text PRIMARY KEY,
    failures      integer NOT NULL DEFAULT 0,
    last_failure  timestamptz NOT NULL DEFAULT now(),
    blocked_until timestamptz
);
