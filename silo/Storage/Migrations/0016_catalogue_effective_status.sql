-- Catalogue search by status at 1 000 000 patents (issue 11, P5; docs/BENCHMARKS.md).
--
-- A pending or granted patent past its term is expired (PatentTerm.EffectiveStatus), and that was computed on read:
-- `status = 'granted' AND expires_on > today`. The (type, status, number) index then walked every patent still
-- recorded granted after its term (the oldest numbers) before the first one in force, and `status=expired` could use
-- no ordered index at all: 270–340 ms for type + status and combined filters.
--
-- effective_status is the status that applied on the day the row was written (the projection writes it in the patent
-- state's transaction, from the same rule). It can only fall behind in one way: a pending or granted patent whose term
-- ends after the write. So a search still checks expires_on (exact whatever the column says), and the catalogue
-- moves such rows to 'expired' once a day (PostgresPatentCatalogue sweeps before its first search of a day, through
-- the partial index below), so the ordered indexes skip almost nothing.
ALTER TABLE patent_catalogue ADD COLUMN IF NOT EXISTS effective_status text;
UPDATE patent_catalogue
SET effective_status = CASE WHEN status IN ('pending', 'granted') AND expires_on <= (now() AT TIME ZONE 'Asia/Shanghai')::date
                            THEN 'expired' ELSE status END;
ALTER TABLE patent_catalogue ALTER COLUMN effective_status SET NOT NULL;

-- Status alone, and type + status, in number order (the search's first step walks these).
CREATE INDEX IF NOT EXISTS patent_catalogue_effective_status ON patent_catalogue (effective_status, number);
CREATE INDEX IF NOT EXISTS patent_catalogue_type_effective_status ON patent_catalogue (type, effective_status, number);
-- The rows a day's sweep moves, and the ones an expired search must add until it has: in force when written.
CREATE INDEX IF NOT EXISTS patent_catalogue_in_force_expiry ON patent_catalogue (expires_on) WHERE effective_status IN ('pending', 'granted');

-- The recorded-status indexes served only the search, which no longer filters on the recorded status.
DROP INDEX IF EXISTS patent_catalogue_status;
DROP INDEX IF EXISTS patent_catalogue_type_status;
