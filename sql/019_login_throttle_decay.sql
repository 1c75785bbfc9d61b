-- Login throttle as leaky counters: each key's score falls by one every decay_seconds and rises
-- by one with each attempt, in one upsert, so the decision and the record are one atomic step.
-- The old counters (failures that never decayed) are dropped: they are only a few minutes' state.
DROP TABLE login_throttle;

CREATE TABLE login_throttle (
    key           text PRIMARY KEY,
    score         double precision NOT NULL,
    decay_seconds double precision NOT NULL CHECK (decay_seconds > 0),
    updated_at    timestamptz NOT NULL
);
