-- A pool's licensees in their own rows (issue 11, P1): the pool grain's state no longer holds them, so a purchase writes a
-- row of constant size instead of the whole pool record (state and journal) growing with every licensee. Each row is the
-- licence grain's own terms, written in the same transaction as that licence's state (PoolLicenseeRows): the licence is
-- the authority, the row its public projection (§5 transparency). seq orders the public list (oldest enrolment first) and
-- is its keyset cursor; ended_on set means the licence was terminated or surrendered and left the list.
CREATE TABLE pool_licensees (
    licence_id text PRIMARY KEY,
    pool_id text NOT NULL,
    licensee_id text NOT NULL,
    start date NOT NULL,
    locked_rate_card_version int NOT NULL,
    royalty_free boolean NOT NULL,
    ended_on date,
    seq bigint GENERATED ALWAYS AS IDENTITY
);
-- The public list: a pool's current licensees in enrolment order, read a page at a time.
CREATE INDEX pool_licensees_current ON pool_licensees (pool_id, seq) WHERE ended_on IS NULL;

-- Existing pool licences, from the licence states (the authority; the pool's own list could miss an ending whose
-- follow-up call failed), in the order they were created.
INSERT INTO pool_licensees (licence_id, pool_id, licensee_id, start, locked_rate_card_version, royalty_free, ended_on)
SELECT grain_key, payload->'terms'->>'poolId', payload->>'licenseeId', (payload->'scope'->>'start')::date,
       (payload->'terms'->>'rateCardVersion')::int, coalesce((payload->'terms'->>'royaltyFree')::boolean, false),
       (payload->'ending'->>'on')::date
FROM grain_state
WHERE grain_type = 'licence' AND payload->>'type' = 'pool' AND payload->'terms'->>'poolId' IS NOT NULL
ORDER BY (payload->>'createdAt')::timestamptz, grain_key;

-- The pools' own copies go: the next write of each pool would drop them anyway (the property no longer exists), and its
-- journal row would then record the removal as a change the pool never made.
UPDATE grain_state SET payload = payload - 'licensees' WHERE grain_type = 'pool' AND payload ? 'licensees';
