-- Catalogue search at 100 000 patents (docs/BENCHMARKS.md; PostgresPatentCatalogue.Search).
--
-- 1. Keywords of one or two characters (电池, 泵, 5g) yield no trigram, so the trigram index
--    cannot find them, and a rare one made a search read the whole table. This indexes every
--    one- and two-character substring of search_text: a keyword k of one or two characters,
--    without U+0001, occurs in search_text exactly when catalogue_short_grams(search_text) @> {k}.
--    The grams: every character, the pairs starting at odd and at even positions (U+0001
--    separates the pairs; a trailing '' or single character is harmless); GIN drops duplicates.
--    plpgsql, so that it is never inlined, and a high COST, so that the planner uses the index
--    rather than calling it row by row.
CREATE FUNCTION catalogue_short_grams(t text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000
AS $$
BEGIN
    RETURN string_to_array(t, NULL)
        || string_to_array(regexp_replace(t, '(..)', E'\\1\x01', 'g'), E'\x01')
        || string_to_array(regexp_replace(substr(t, 2), '(..)', E'\\1\x01', 'g'), E'\x01');
END
$$;

CREATE INDEX patent_catalogue_short_grams ON patent_catalogue USING gin (catalogue_short_grams(search_text));

-- 2. Patents of one status in number order (as patent_catalogue_type_status gives them for a
--    type and status): pending ones have the latest numbers, so without it a search by status
--    walks most of the number index before it finds any.
CREATE INDEX patent_catalogue_status ON patent_catalogue (status, number);
