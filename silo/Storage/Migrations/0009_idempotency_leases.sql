-- Leases on idempotency claims and the effects committed under a key.
-- attempt: the fencing token of the claim (1 for the first request; +1 on every takeover).
-- locked_until: an in-progress claim's lease; after it another request with the key may take over.
-- Keys in progress from before this migration get a lease that is over already.
ALTER TABLE idempotency_keys
    ADD COLUMN attempt      bigint      NOT NULL DEFAULT 1,
    ADD COLUMN locked_until timestamptz;
UPDATE idempotency_keys SET locked_until = created_at WHERE status IS NULL;

-- One row per grain state write committed under an idempotency key, inserted by the grain storage in
-- the write's own transaction (with its state, journal and postings): a takeover reads here whether
-- the key's work was done. postings = how many ledger postings that write committed.
CREATE TABLE idempotency_effects (
    scope        text        NOT NULL,
    key          text        NOT NULL,
    grain_type   text        NOT NULL,
    grain_key    text        NOT NULL,
    version      bigint      NOT NULL,
    attempt      bigint      NOT NULL,
    postings     int         NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key, grain_type, grain_key, version)
);
