-- Navigation landscape aggregates (docs/NAVIGATION.md, "Aggregates"; issue 13 performance).
--
-- A landscape of a whole catalogue or of one IPC section/class/subclass, over whole filing years, is answered from
-- the counts below instead of re-aggregating up to 1 000 000 catalogue rows per request. They are kept by triggers on
-- patent_catalogue, so they change in the very transaction that writes the catalogue row (which is the patent grain
-- state's transaction): they are never stale. Effective status depends on the clock (a pending or granted patent past
-- its term counts as expired); the aggregates hold each patent's status as of landscape_clock.day, and a landscape
-- read first moves that day to the market's today (landscape_advance), which rewrites only the rows whose status
-- flips between the two days.

-- 1. What the aggregates need on the catalogue row. Scores: GB/T 42748 scores of the valuation in effect (written by
--    the catalogue projection like value_amount). landscape_status and academic are derived by the BEFORE trigger
--    (never written by the application): the effective status on landscape_clock.day, and whether a university or
--    research institute is among the owners (产学研) — stored so that the AFTER triggers subtract exactly what they
--    once added, even when a party's kind changes in between.
ALTER TABLE patent_catalogue
    ADD COLUMN IF NOT EXISTS score_legal smallint,
    ADD COLUMN IF NOT EXISTS score_technical smallint,
    ADD COLUMN IF NOT EXISTS score_economic smallint,
    ADD COLUMN IF NOT EXISTS landscape_status text,
    ADD COLUMN IF NOT EXISTS academic boolean NOT NULL DEFAULT false;

-- Scores of the valuation in effect today (latest effective date not after today, later records winning ties), as
-- CatalogueRow.From writes them from now on.
UPDATE patent_catalogue c SET score_legal = (v.x->'scores'->>'legal')::smallint,
                              score_technical = (v.x->'scores'->>'technical')::smallint,
                              score_economic = (v.x->'scores'->>'economic')::smallint
FROM grain_state g, LATERAL (
    SELECT x FROM jsonb_array_elements(g.payload->'valuations') WITH ORDINALITY e(x, i)
    WHERE (x->>'effectiveDate')::date <= ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date
    ORDER BY (x->>'effectiveDate')::date DESC, i DESC LIMIT 1) v
WHERE g.grain_type = 'patent' AND g.grain_key = c.number AND jsonb_typeof(v.x->'scores') = 'object';

-- 2. The day the stored effective statuses are computed for (China time, like MarketClock).
CREATE TABLE landscape_clock (
    id  int  PRIMARY KEY CHECK (id = 1),
    day date NOT NULL
);
INSERT INTO landscape_clock VALUES (1, ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date);

-- Patents whose effective status depends on the day: what landscape_advance rewrites.
CREATE INDEX patent_catalogue_term ON patent_catalogue (expires_on) WHERE status IN ('pending', 'granted');

-- 3. The aggregates. scope: '' (every patent) or one of the patent's IPC prefixes of at most 4 characters (section H,
--    class H01, subclass H01M; every prefix is in ipc_prefixes), so a patent counts once in each scope it is in.
--    fy: filing year; gy: grant year (0: none). Rows that drop to zero stay (and are skipped by the readers).
CREATE TABLE landscape_counts (
    scope    text   NOT NULL,
    fy       int    NOT NULL,
    gy       int    NOT NULL,
    status   text   NOT NULL,
    type     text   NOT NULL,
    patents  bigint NOT NULL,
    co_owned bigint NOT NULL,
    academic bigint NOT NULL,
    PRIMARY KEY (scope, fy, gy, status, type)
);
-- Patents per IPC subclass (left(code, 4)) and main group (split_part(code, '/', 1) || '/00'), once per class.
CREATE TABLE landscape_classes (
    scope   text   NOT NULL,
    class   text   NOT NULL,
    fy      int    NOT NULL,
    patents bigint NOT NULL,
    PRIMARY KEY (scope, fy, class)
);
-- Holder weights Σ 1/k (numeric: adding and later subtracting 1/3 leaves exactly zero) and patents.
CREATE TABLE landscape_holders (
    scope   text    NOT NULL,
    holder  text    NOT NULL,
    fy      int     NOT NULL,
    weight  numeric NOT NULL,
    patents bigint  NOT NULL,
    PRIMARY KEY (scope, fy, holder)
);
CREATE INDEX landscape_holders_holder ON landscape_holders (holder, scope);
-- A holder's value Σ value/k per currency (read for the ranked holders only; rounded like the exact path: float8, half to even).
CREATE TABLE landscape_holder_values (
    scope    text    NOT NULL,
    holder   text    NOT NULL,
    fy       int     NOT NULL,
    currency text    NOT NULL,
    value    numeric NOT NULL,
    PRIMARY KEY (holder, scope, currency, fy)
);
-- Valuations per bucket: the value rounded down to two significant digits (landscape_value_bucket), so that a quartile
-- is found by counting buckets and then reading the few catalogue rows of one bucket through the value index.
CREATE TABLE landscape_values (
    scope    text   NOT NULL,
    currency text   NOT NULL,
    fy       int    NOT NULL,
    bucket   bigint NOT NULL,
    patents  bigint NOT NULL,
    total    bigint NOT NULL,
    PRIMARY KEY (scope, currency, fy, bucket)
);
-- GB/T 42748 scores (0–100) per dimension.
CREATE TABLE landscape_scores (
    scope     text     NOT NULL,
    fy        int      NOT NULL,
    dimension text     NOT NULL,
    score     smallint NOT NULL,
    patents   bigint   NOT NULL,
    PRIMARY KEY (scope, fy, dimension, score)
);

CREATE FUNCTION landscape_scopes(prefixes text[]) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT '' UNION SELECT p FROM unnest(prefixes) p WHERE length(p) BETWEEN 1 AND 4 $$;

-- v rounded down to two significant digits (below 100: v itself); the bucket is [b, landscape_bucket_end(b)).
CREATE FUNCTION landscape_value_bucket(v bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN v < 100 THEN v ELSE v - v % (10::numeric ^ (length(v::text) - 2))::bigint END $$;

-- 4. Adds (delta 1) or subtracts (delta -1) the contribution of a batch of catalogue rows. Upserts in key order, so
--    that concurrent writers lock shared rows in the same order.
CREATE FUNCTION landscape_merge(delta int, batch patent_catalogue[]) RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    IF coalesce(cardinality(batch), 0) = 0 THEN RETURN; END IF;

    INSERT INTO landscape_counts AS t (scope, fy, gy, status, type, patents, co_owned, academic)
    SELECT s, extract(year FROM r.filing_date)::int, coalesce(extract(year FROM r.grant_date)::int, 0), r.landscape_status, r.type,
           delta * count(*), delta * count(*) FILTER (WHERE cardinality(r.owner_ids) > 1), delta * count(*) FILTER (WHERE r.academic)
    FROM unnest(batch) r, landscape_scopes(r.ipc_prefixes) s
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (scope, fy, gy, status, type) DO UPDATE
        SET patents = t.patents + excluded.patents, co_owned = t.co_owned + excluded.co_owned, academic = t.academic + excluded.academic;

    INSERT INTO landscape_classes AS t (scope, class, fy, patents)
    SELECT s, x.class, extract(year FROM r.filing_date)::int, delta * count(*)
    FROM unnest(batch) r,
         LATERAL (SELECT left(code, 4) FROM unnest(r.ipc) code
                  UNION SELECT split_part(code, '/', 1) || '/00' FROM unnest(r.ipc) code WHERE position('/' IN code) > 0) x(class),
         landscape_scopes(r.ipc_prefixes) s
    GROUP BY 1, 2, 3 ORDER BY 1, 3, 2
    ON CONFLICT (scope, fy, class) DO UPDATE SET patents = t.patents + excluded.patents;

    INSERT INTO landscape_holders AS t (scope, holder, fy, weight, patents)
    SELECT s, o, extract(year FROM r.filing_date)::int, delta * sum(1.0 / greatest(cardinality(r.owner_ids), 1)), delta * count(*)
    FROM unnest(batch) r, unnest(r.owner_ids) o, landscape_scopes(r.ipc_prefixes) s
    GROUP BY 1, 2, 3 ORDER BY 1, 3, 2
    ON CONFLICT (scope, fy, holder) DO UPDATE SET weight = t.weight + excluded.weight, patents = t.patents + excluded.patents;

    INSERT INTO landscape_holder_values AS t (scope, holder, fy, currency, value)
    SELECT s, o, extract(year FROM r.filing_date)::int, r.value_currency, delta * sum(r.value_amount::numeric / greatest(cardinality(r.owner_ids), 1))
    FROM unnest(batch) r, unnest(r.owner_ids) o, landscape_scopes(r.ipc_prefixes) s
    WHERE r.value_amount IS NOT NULL AND r.value_currency IS NOT NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 2, 1, 4, 3
    ON CONFLICT (holder, scope, currency, fy) DO UPDATE SET value = t.value + excluded.value;

    INSERT INTO landscape_values AS t (scope, currency, fy, bucket, patents, total)
    SELECT s, r.value_currency, extract(year FROM r.filing_date)::int, landscape_value_bucket(r.value_amount),
           delta * count(*), delta * sum(r.value_amount)::bigint
    FROM unnest(batch) r, landscape_scopes(r.ipc_prefixes) s
    WHERE r.value_amount IS NOT NULL AND r.value_currency IS NOT NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (scope, currency, fy, bucket) DO UPDATE SET patents = t.patents + excluded.patents, total = t.total + excluded.total;

    INSERT INTO landscape_scores AS t (scope, fy, dimension, score, patents)
    SELECT s, extract(year FROM r.filing_date)::int, d.dimension, d.score, delta * count(*)
    FROM unnest(batch) r,
         LATERAL (VALUES ('legal', r.score_legal), ('technical', r.score_technical), ('economic', r.score_economic)) d(dimension, score),
         landscape_scopes(r.ipc_prefixes) s
    WHERE d.score IS NOT NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (scope, fy, dimension, score) DO UPDATE SET patents = t.patents + excluded.patents;
END
$$;

-- 5. The derived columns, on every insert and update of a catalogue row. FOR SHARE: a write waits for a
--    landscape_advance in progress and then sees its new day, so no row is stored with the old day's status.
CREATE FUNCTION landscape_derive() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    today date;
BEGIN
    SELECT day INTO today FROM landscape_clock WHERE id = 1 FOR SHARE;
    NEW.landscape_status := CASE WHEN NEW.status IN ('pending', 'granted') AND NEW.expires_on <= today THEN 'expired' ELSE NEW.status END;
    NEW.academic := EXISTS (SELECT 1 FROM party_directory p WHERE p.id = ANY (NEW.owner_ids) AND p.kind IN ('university', 'research_institute'));
    RETURN NEW;
END
$$;
CREATE TRIGGER patent_catalogue_landscape_derive BEFORE INSERT OR UPDATE ON patent_catalogue
    FOR EACH ROW EXECUTE FUNCTION landscape_derive();

-- Existing rows: derive, then count them once.
UPDATE patent_catalogue SET landscape_status = NULL;

CREATE FUNCTION landscape_rebuild() RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    chunk int;
BEGIN
    TRUNCATE landscape_counts, landscape_classes, landscape_holders, landscape_holder_values, landscape_values, landscape_scores;
    FOR chunk IN 0..15 LOOP
        PERFORM landscape_merge(1, ARRAY(SELECT c FROM patent_catalogue c WHERE abs(hashtext(c.number) % 16) = chunk));
    END LOOP;
END
$$;
SELECT landscape_rebuild();

-- 6. The AFTER triggers: per statement, with the changed rows (transition tables), so a bulk update (a day's expiries)
--    (ROW(x.*)::patent_catalogue: a transition table's whole-row value is an anonymous record.)
--    is one merge. An update subtracts the old rows and adds the new ones, skipping rows whose counted columns did
--    not change (a title edit, a re-save).
CREATE FUNCTION landscape_inserted() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM landscape_merge(1, ARRAY(SELECT ROW(n.*)::patent_catalogue FROM new_rows n));
    RETURN NULL;
END
$$;
CREATE FUNCTION landscape_updated() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM landscape_merge(-1, ARRAY(
        SELECT ROW(o.*)::patent_catalogue FROM old_rows o JOIN new_rows n ON n.number = o.number
        WHERE (o.type, o.landscape_status, o.ipc, o.ipc_prefixes, o.owner_ids, o.filing_date, o.grant_date, o.value_amount,
               o.value_currency, o.academic, o.score_legal, o.score_technical, o.score_economic)
              IS DISTINCT FROM
              (n.type, n.landscape_status, n.ipc, n.ipc_prefixes, n.owner_ids, n.filing_date, n.grant_date, n.value_amount,
               n.value_currency, n.academic, n.score_legal, n.score_technical, n.score_economic)));
    PERFORM landscape_merge(1, ARRAY(
        SELECT ROW(n.*)::patent_catalogue FROM new_rows n JOIN old_rows o ON o.number = n.number
        WHERE (o.type, o.landscape_status, o.ipc, o.ipc_prefixes, o.owner_ids, o.filing_date, o.grant_date, o.value_amount,
               o.value_currency, o.academic, o.score_legal, o.score_technical, o.score_economic)
              IS DISTINCT FROM
              (n.type, n.landscape_status, n.ipc, n.ipc_prefixes, n.owner_ids, n.filing_date, n.grant_date, n.value_amount,
               n.value_currency, n.academic, n.score_legal, n.score_technical, n.score_economic)));
    RETURN NULL;
END
$$;
CREATE FUNCTION landscape_deleted() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM landscape_merge(-1, ARRAY(SELECT ROW(o.*)::patent_catalogue FROM old_rows o));
    RETURN NULL;
END
$$;
CREATE TRIGGER patent_catalogue_landscape_insert AFTER INSERT ON patent_catalogue
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION landscape_inserted();
CREATE TRIGGER patent_catalogue_landscape_update AFTER UPDATE ON patent_catalogue
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION landscape_updated();
CREATE TRIGGER patent_catalogue_landscape_delete AFTER DELETE ON patent_catalogue
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION landscape_deleted();

-- 7. A party's kind decides its patents' academic flag: re-derive them (the triggers above move the counts).
CREATE FUNCTION landscape_party_kind() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE patent_catalogue SET academic = academic WHERE owner_ids @> ARRAY[NEW.id];
    RETURN NULL;
END
$$;
CREATE TRIGGER party_directory_landscape_insert AFTER INSERT ON party_directory
    FOR EACH ROW EXECUTE FUNCTION landscape_party_kind();
CREATE TRIGGER party_directory_landscape_kind AFTER UPDATE OF kind ON party_directory
    FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION landscape_party_kind();

-- 8. Moves the aggregates' day to `today` (either way): the patents whose effective status differs between the two
--    days are those pending or granted with a term ending after the earlier day and not after the later one; the
--    BEFORE trigger re-derives them and the AFTER trigger moves their counts. Its own transaction (READ COMMITTED).
CREATE FUNCTION landscape_advance(today date) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    was date;
BEGIN
    SELECT day INTO was FROM landscape_clock WHERE id = 1;
    IF was = today THEN RETURN; END IF;
    SELECT day INTO was FROM landscape_clock WHERE id = 1 FOR UPDATE;
    IF was = today THEN RETURN; END IF;
    UPDATE landscape_clock SET day = today WHERE id = 1;
    UPDATE patent_catalogue SET landscape_status = NULL
    WHERE status IN ('pending', 'granted') AND expires_on > least(was, today) AND expires_on <= greatest(was, today);
END
$$;
