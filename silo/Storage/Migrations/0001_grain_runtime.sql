-- Grain state with optimistic concurrency: one row per (grain type, key); version is the etag.
-- Unlike Orleans' PostgreSQL script, (grain_type, grain_key) is a real primary key, so the
-- first write of two racing activations fails instead of duplicating the grain.
CREATE TABLE grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    payload     jsonb       NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    modified_on timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key)
);

-- The audit history: one row per state version, written in the same transaction as the state.
CREATE TABLE grain_journal (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    version     bigint      NOT NULL,
    operation   text        NOT NULL,
    caller      text,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    state       jsonb       NOT NULL,
    PRIMARY KEY (grain_type, grain_key, version)
);

-- Durable reminders; due rows are claimed under a lease with FOR UPDATE SKIP LOCKED.
CREATE TABLE grain_reminders (
    grain_type   text        NOT NULL,
    grain_key    text        NOT NULL,
    name         text        NOT NULL,
    due_at       timestamptz NOT NULL,
    period_ms    bigint      NOT NULL CHECK (period_ms >= 0),
    first_due_at timestamptz NOT NULL,
    lease_owner  text,
    lease_until  timestamptz,
    PRIMARY KEY (grain_type, grain_key, name)
);
CREATE INDEX grain_reminders_due ON grain_reminders (due_at);
