-- Navigation (专利导航, docs/NAVIGATION.md): what the landscape aggregates in SQL besides the catalogue.
--
-- 1. Grant dates, for grants per year. Backfilled from the stored patent state; the catalogue
--    projection writes it from now on.
ALTER TABLE patent_catalogue ADD COLUMN IF NOT EXISTS grant_date date;
UPDATE patent_catalogue c SET grant_date = (g.payload->>'grantDate')::date
FROM grain_state g WHERE g.grain_type = 'patent' AND g.grain_key = c.number AND g.payload->>'grantDate' IS NOT NULL;
CREATE INDEX IF NOT EXISTS patent_catalogue_filing ON patent_catalogue (filing_date);

-- 2. The party directory: kind and GB/T 2260 region of every party, a projection of party state
--    written in its transaction, so the landscape can filter holders by region and count
--    universities and research institutes (产学研) without a grain call per holder.
CREATE TABLE party_directory (
    id     text PRIMARY KEY,
    name   text NOT NULL,
    kind   text NOT NULL,
    region text
);
CREATE INDEX party_directory_region ON party_directory (region text_pattern_ops);
INSERT INTO party_directory (id, name, kind, region)
SELECT grain_key, payload->>'name', payload->>'kind', payload->>'region' FROM grain_state WHERE grain_type = 'party'
ON CONFLICT (id) DO NOTHING;
