-- Periodic jobs (overdue escalation, audit anchors) run by the servers themselves: several
-- servers share one database, so each job takes an advisory lock while it runs and records its
-- last run here — a server finding the lock held, or the job run recently, skips its turn.
CREATE TABLE job_runs (
    name             text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{1,40}$'),
    last_started_at  timestamptz NOT NULL,
    last_finished_at timestamptz,
    -- "ok: 3", or the error in words.
    last_outcome     text NOT NULL DEFAULT '' CHECK (length(last_outcome) <= 2000),
    -- Which server ran it (host and process), for the operator reading the table.
    last_server      text NOT NULL DEFAULT '' CHECK (length(last_server) <= 200)
);
