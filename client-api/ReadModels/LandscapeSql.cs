using System.Text;
using Dapper;
using PatentNav.Market.Grains.Navigation;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>
/// The landscape's SQL: the scope as a condition on a catalogue row (the one place scope filters are defined), the
/// focus, and the two statements — exact over <c>patent_catalogue</c>, aggregated over the <c>landscape_*</c> counts —
/// that <see cref="PostgresLandscape"/> runs in one consistent read.
/// </summary>
internal static class LandscapeSql
{
    /// <summary>
    /// The scope as a condition on catalogue row <c>c</c>: the one place scope filters are defined (both paths use it,
    /// the aggregated one for the deals' patents and the value quartiles' lookups).
    /// </summary>
    internal static string ScopeFilter(LandscapeScope scope, DynamicParameters args, DateOnly today)
    {
        var filter = new StringBuilder();
        var any = new List<string>();
        if (scope.Ipc.Count > 0) { any.Add("c.ipc_prefixes && @ipc"); args.Add("ipc", scope.Ipc.ToArray()); }
        for (var i = 0; i < scope.Keywords.Count; i++)
        {
            any.Add($"c.search_text LIKE @kw{i}");
            args.Add($"kw{i}", $"%{EscapeLike(scope.Keywords[i].ToLowerInvariant())}%");
        }
        if (any.Count > 0) filter.Append(" AND (").Append(string.Join(" OR ", any)).Append(')');
        if (scope.From is { } from) { filter.Append(" AND c.filing_date >= @from"); args.Add("from", from); }
        if (scope.To is { } to) { filter.Append(" AND c.filing_date <= @to"); args.Add("to", to); }
        if (scope.Region is { } region)
        {
            // A lookup per owner: an array overlap with every party of a province costs owners × parties per row.
            filter.Append(" AND EXISTS (SELECT 1 FROM unnest(c.owner_ids) o JOIN party_directory p ON p.id = o WHERE p.region LIKE @region)");
            args.Add("region", LandscapeScope.RegionPrefix(region) + "%");
        }
        if (scope.PoolId is { } pool)
        {
            filter.Append("""
                 AND c.number IN (SELECT pp->>'number' FROM grain_state g, jsonb_array_elements(g.payload->'patents') pp
                                  WHERE g.grain_type = 'pool' AND g.grain_key = @pool
                                    AND (pp->>'withdrawnOn' IS NULL OR (pp->>'withdrawnOn')::date > @today))
                """);
            args.Add("pool", pool);
        }
        if (scope.AllianceId is { } alliance)
        {
            // Held (in part) by a member of the alliance today: joined on or before today, not left by today (AllianceRules.MembersOn).
            filter.Append("""
                 AND c.owner_ids && ARRAY(SELECT m->>'partyId' FROM grain_state g, jsonb_array_elements(g.payload->'members') m
                                          WHERE g.grain_type = 'alliance' AND g.grain_key = @alliance AND (m->>'joinedOn')::date <= @today
                                            AND (m->>'leftOn' IS NULL OR (m->>'leftOn')::date > @today))
                """);
            args.Add("alliance", alliance);
        }
        return filter.ToString();
    }

    internal static string FocusFilter(LandscapeScope scope, DynamicParameters args)
    {
        if (scope.Focus is not { } f) return "false";
        if (f.StartsWith("pty_", StringComparison.Ordinal)) { args.Add("focus", f); return "id = @focus"; }
        args.Add("focus", LandscapeScope.RegionPrefix(f) + "%");
        return "region LIKE @focus";
    }

    /// <summary>A day of an instant stored as text, in China time (UTC+08:00, like <c>MarketClock.DayOf</c>).</summary>
    internal const string ChinaDay = "((({0})::timestamptz AT TIME ZONE 'UTC') + interval '8 hours')::date";

    /// <summary>
    /// The deals touching the scope (<c>{{inScope}}</c>: a condition on deal patent <c>dp.patent</c>), per kind, period
    /// and currency; needs the <c>focus</c> CTE.
    /// </summary>
    internal static string OperationsCtes(string inScope) => $$"""
        deal_patents AS (
            SELECT 'licence' AS kind, l.grain_key AS id, p.n AS patent
            FROM grain_state l, jsonb_array_elements_text(l.payload->'patents') p(n) WHERE l.grain_type = 'licence'
            UNION ALL
            SELECT 'licence', l.grain_key, pp->>'number'
            FROM grain_state l JOIN grain_state pl ON pl.grain_type = 'pool' AND pl.grain_key = l.payload->'terms'->>'poolId',
                 jsonb_array_elements(pl.payload->'patents') pp
            WHERE l.grain_type = 'licence'
            UNION ALL
            SELECT 'transfer', t.grain_key, p.n FROM grain_state t, jsonb_array_elements_text(t.payload->'patents') p(n) WHERE t.grain_type = 'transfer'
            UNION ALL
            SELECT 'pledge', d.grain_key, pp->>'number' FROM grain_state d, jsonb_array_elements(d.payload->'patents') pp WHERE d.grain_type = 'pledge-deal'),
        touched AS (SELECT DISTINCT kind, id FROM deal_patents dp WHERE {{inScope}}),
        licences AS (
            SELECT l.grain_key AS id, l.payload,
                   ARRAY(SELECT jsonb_array_elements_text(l.payload->'licensorIds')) || ARRAY[l.payload->>'licenseeId'] AS parties
            FROM touched t JOIN grain_state l ON l.grain_type = 'licence' AND l.grain_key = t.id WHERE t.kind = 'licence'),
        pledges AS (
            SELECT d.payload, ARRAY[d.payload->>'pledgorId', d.payload->>'financierId'] AS parties
            FROM touched t JOIN grain_state d ON d.grain_type = 'pledge-deal' AND d.grain_key = t.id WHERE t.kind = 'pledge'),
        deals AS (
            SELECT 'licences_granted' AS kind, {{string.Format(ChinaDay, "l.payload->>'createdAt'")}} AS day, l.payload->'terms'->>'currency' AS currency,
                   NULL::bigint AS amount, l.payload->>'licenseeId' AS counterparty, l.parties
            FROM licences l WHERE l.payload->>'createdAt' IS NOT NULL
            UNION ALL
            SELECT 'royalties_invoiced', (inv->>'issuedOn')::date, inv->'amount'->>'currency', (inv->'amount'->>'amount')::bigint, l.payload->>'licenseeId', l.parties
            FROM licences l, jsonb_array_elements(l.payload->'invoices') inv WHERE l.payload->>'type' = 'pool'
            UNION ALL
            SELECT 'royalties_collected', (inv->>'paidOn')::date, inv->'amount'->>'currency', (inv->'amount'->>'amount')::bigint, l.payload->>'licenseeId', l.parties
            FROM licences l, jsonb_array_elements(l.payload->'invoices') inv
            WHERE l.payload->>'type' = 'pool' AND inv->>'status' = 'paid' AND inv->>'paidOn' IS NOT NULL
            UNION ALL
            SELECT 'transfers', (t.payload->'recordation'->>'date')::date, t.payload->'price'->>'currency', (t.payload->'price'->>'amount')::bigint,
                   t.payload->>'buyerId', ARRAY[t.payload->>'sellerId', t.payload->>'buyerId', t.payload->>'centerId']
            FROM touched x JOIN grain_state t ON t.grain_type = 'transfer' AND t.grain_key = x.id
            WHERE x.kind = 'transfer' AND t.payload->>'status' = 'completed'
            UNION ALL
            SELECT 'pledge_loans', (p.payload->>'disbursedOn')::date, p.payload->'product'->>'currency', (p.payload->>'principal')::bigint,
                   p.payload->>'pledgorId', p.parties
            FROM pledges p WHERE p.payload->>'disbursedOn' IS NOT NULL),
        operations AS (
            SELECT kind, period, currency, count(*) AS count, sum(amount)::bigint AS amount, count(DISTINCT counterparty)::int AS counterparties,
                   count(*) FILTER (WHERE NOT (@caller = ANY(parties)))::int AS "othersDeals",
                   count(*) FILTER (WHERE parties && (SELECT ids FROM focus)) AS "focusCount"
            FROM deals d, LATERAL (VALUES (to_char(d.day, 'YYYY')), (to_char(d.day, 'YYYY') || '-Q' || extract(quarter FROM d.day))) q(period)
            WHERE d.day IS NOT NULL
            GROUP BY kind, period, currency
            UNION ALL
            SELECT 'principal_outstanding', NULL, p.payload->'product'->>'currency', count(*), sum((p.payload->'balance'->>'principal')::bigint)::bigint,
                   count(DISTINCT p.payload->>'pledgorId')::int, count(*) FILTER (WHERE NOT (@caller = ANY(p.parties)))::int,
                   count(*) FILTER (WHERE p.parties && (SELECT ids FROM focus))
            FROM pledges p
            WHERE p.payload->>'status' IN ('active', 'overdue', 'defaulted', 'disposing') AND p.payload->>'disbursedOn' IS NOT NULL
            GROUP BY p.payload->'product'->>'currency')
        """;

    internal static string ExactSql(string filter, string focus) => $$"""
        WITH focus AS (SELECT coalesce(array_agg(id), '{}'::text[]) AS ids FROM party_directory WHERE {{focus}}),
        scope AS MATERIALIZED (
            SELECT c.number, c.type,
                   CASE WHEN c.status IN ('pending', 'granted') AND c.expires_on <= @today THEN 'expired' ELSE c.status END AS status,
                   extract(year FROM c.filing_date)::int AS fy, extract(year FROM c.grant_date)::int AS gy,
                   c.ipc, c.owner_ids, greatest(cardinality(c.owner_ids), 1) AS k,
                   CASE WHEN c.value_currency = @currency THEN c.value_amount END AS value,
                   c.score_legal, c.score_technical, c.score_economic,
                   CASE WHEN cardinality((SELECT ids FROM focus)) = 0 THEN 0::float8
                        ELSE cardinality(ARRAY(SELECT unnest(c.owner_ids) INTERSECT SELECT unnest((SELECT ids FROM focus))))::float8
                             / greatest(cardinality(c.owner_ids), 1) END AS fw
            FROM patent_catalogue c WHERE true{{filter}}),
        -- Weights in numeric: exact sums, whatever the order of the terms, so ties rank alike on both paths.
        holdings AS MATERIALIZED (
            SELECT s.number, o AS holder, s.fy, 1.0 / s.k AS w, s.value::float8 / s.k AS v FROM scope s, unnest(s.owner_ids) o),
        holders AS MATERIALIZED (
            SELECT holder, sum(w)::float8 AS w, count(*) AS n, min(fy) AS first, coalesce(round(sum(v)), 0)::bigint AS v FROM holdings GROUP BY holder),
        subclasses AS MATERIALIZED (SELECT DISTINCT s.number, s.fw, left(code, 4) AS subclass FROM scope s, unnest(s.ipc) code),
        groups AS MATERIALIZED (
            SELECT DISTINCT s.number, s.fy, s.fw, split_part(code, '/', 1) || '/00' AS grp FROM scope s, unnest(s.ipc) code WHERE position('/' IN code) > 0),
        {{OperationsCtes("dp.patent IN (SELECT number FROM scope)")}}
        SELECT json_build_object(
            'patents', (SELECT count(*) FROM scope),
            'filings', (SELECT coalesce(json_agg(t ORDER BY year, status, type), '[]') FROM
                (SELECT fy AS year, status, type, count(*) AS count, sum(fw) AS focus FROM scope GROUP BY 1, 2, 3) t),
            'grants', (SELECT coalesce(json_agg(t ORDER BY year, status, type), '[]') FROM
                (SELECT gy AS year, status, type, count(*) AS count, sum(fw) AS focus FROM scope WHERE gy IS NOT NULL GROUP BY 1, 2, 3) t),
            'mainGroupYears', (SELECT coalesce(json_agg(t ORDER BY class, year), '[]') FROM
                (SELECT grp AS class, fy AS year, count(*) AS filings FROM groups GROUP BY 1, 2) t),
            'subclasses', (SELECT coalesce(json_agg(t ORDER BY patents DESC, class), '[]') FROM
                (SELECT subclass AS class, count(*) AS patents, sum(fw) AS focus FROM subclasses GROUP BY 1) t),
            'mainGroups', (SELECT coalesce(json_agg(t ORDER BY patents DESC, class), '[]') FROM
                (SELECT grp AS class, count(*) AS patents, sum(fw) AS focus FROM groups GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 100) t),
            'holderWeights', (SELECT coalesce(json_agg(w), '[]') FROM holders),
            'topHolders', (SELECT coalesce(json_agg(t ORDER BY weight DESC, id), '[]') FROM
                (SELECT h.holder AS id, p.name, p.kind, p.region, h.w AS weight, h.n AS patents, h.first AS "firstYear", h.v AS value
                 FROM holders h LEFT JOIN party_directory p ON p.id = h.holder ORDER BY h.w DESC, h.holder LIMIT @ranking) t),
            'newEntrants', (SELECT coalesce(json_agg(t ORDER BY year), '[]') FROM (SELECT first AS year, count(*) AS count FROM holders GROUP BY 1) t),
            'holdersPerYear', (SELECT coalesce(json_agg(t ORDER BY year), '[]') FROM
                (SELECT h.fy AS year, h.holders, f.filings FROM
                    (SELECT fy, count(DISTINCT holder) AS holders FROM holdings GROUP BY fy) h
                    JOIN (SELECT fy, count(*) AS filings FROM scope GROUP BY fy) f USING (fy)) t),
            'coOwned', (SELECT count(*) FROM scope WHERE cardinality(owner_ids) > 1),
            'academic', (SELECT count(DISTINCT h.number) FROM holdings h JOIN party_directory p ON p.id = h.holder
                WHERE p.kind IN ('university', 'research_institute')),
            'focusPatents', (SELECT coalesce(sum(fw), 0) FROM scope),
            'value', (SELECT json_build_object('valued', count(value), 'total', coalesce(sum(value), 0), 'min', min(value),
                'quartiles', percentile_disc(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY value), 'max', max(value),
                'focusValue', coalesce(sum(value * fw), 0)) FROM scope),
            'histogram', (SELECT coalesce(json_agg(t), '[]') FROM
                (SELECT width_bucket(value, @bounds) AS bucket, count(*) AS patents FROM scope WHERE value IS NOT NULL GROUP BY 1) t),
            'scores', (SELECT coalesce(json_agg(t), '[]') FROM
                (SELECT d.dimension, d.score, count(*) AS patents FROM scope s,
                    LATERAL (VALUES ('legal', s.score_legal), ('technical', s.score_technical), ('economic', s.score_economic)) d(dimension, score)
                 WHERE d.score IS NOT NULL GROUP BY 1, 2) t),
            'operations', (SELECT coalesce(json_agg(o ORDER BY kind, period, currency), '[]') FROM operations o))::text
        """;

    /// <summary>
    /// The aggregated path: sums over the scope key's rows and the filing years; the ranked holders' names, kinds,
    /// regions and values by lookup. Deals touch the scope when one of their patents passes the scope filter.
    /// </summary>
    internal static string AggregatedSql(string filter) => $$"""
        WITH focus AS (SELECT '{}'::text[] AS ids),
        counts AS MATERIALIZED (
            SELECT fy, gy, status, type, patents, co_owned, academic FROM landscape_counts
            WHERE scope = @key AND fy BETWEEN @y1 AND @y2 AND patents <> 0),
        classes AS MATERIALIZED (
            SELECT class, fy, sum(patents) AS patents FROM landscape_classes
            WHERE scope = @key AND fy BETWEEN @y1 AND @y2 GROUP BY 1, 2 HAVING sum(patents) > 0),
        holder_years AS MATERIALIZED (
            SELECT holder, fy, weight, patents FROM landscape_holders WHERE scope = @key AND fy BETWEEN @y1 AND @y2 AND patents > 0),
        holders AS MATERIALIZED (
            SELECT holder, sum(weight)::float8 AS w, sum(patents) AS n, min(fy) AS first FROM holder_years GROUP BY holder),
        top AS (SELECT * FROM holders ORDER BY w DESC, holder LIMIT @ranking),
        {{OperationsCtes($"EXISTS (SELECT 1 FROM patent_catalogue c WHERE c.number = dp.patent{filter})")}}
        SELECT json_build_object(
            'patents', (SELECT coalesce(sum(patents), 0) FROM counts),
            'filings', (SELECT coalesce(json_agg(t ORDER BY year, status, type), '[]') FROM
                (SELECT fy AS year, status, type, sum(patents) AS count FROM counts GROUP BY 1, 2, 3 HAVING sum(patents) > 0) t),
            'grants', (SELECT coalesce(json_agg(t ORDER BY year, status, type), '[]') FROM
                (SELECT gy AS year, status, type, sum(patents) AS count FROM counts WHERE gy <> 0 GROUP BY 1, 2, 3 HAVING sum(patents) > 0) t),
            'mainGroupYears', (SELECT coalesce(json_agg(t ORDER BY class, year), '[]') FROM
                (SELECT class, fy AS year, patents AS filings FROM classes WHERE position('/' IN class) > 0) t),
            'subclasses', (SELECT coalesce(json_agg(t ORDER BY patents DESC, class), '[]') FROM
                (SELECT class, sum(patents) AS patents FROM classes WHERE position('/' IN class) = 0 GROUP BY 1) t),
            'mainGroups', (SELECT coalesce(json_agg(t ORDER BY patents DESC, class), '[]') FROM
                (SELECT class, sum(patents) AS patents FROM classes WHERE position('/' IN class) > 0 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 100) t),
            'holderWeights', (SELECT coalesce(json_agg(w), '[]') FROM holders),
            'topHolders', (SELECT coalesce(json_agg(t ORDER BY weight DESC, id), '[]') FROM
                (SELECT h.holder AS id, p.name, p.kind, p.region, h.w AS weight, h.n AS patents, h.first AS "firstYear",
                        coalesce((SELECT round(sum(v.value)::float8) FROM landscape_holder_values v
                                  WHERE v.holder = h.holder AND v.scope = @key AND v.currency = @currency AND v.fy BETWEEN @y1 AND @y2), 0)::bigint AS value
                 FROM top h LEFT JOIN party_directory p ON p.id = h.holder) t),
            'newEntrants', (SELECT coalesce(json_agg(t ORDER BY year), '[]') FROM (SELECT first AS year, count(*) AS count FROM holders GROUP BY 1) t),
            'holdersPerYear', (SELECT coalesce(json_agg(t ORDER BY year), '[]') FROM
                (SELECT h.fy AS year, h.holders, f.filings FROM
                    (SELECT fy, count(*) AS holders FROM holder_years GROUP BY fy) h
                    JOIN (SELECT fy, sum(patents) AS filings FROM counts GROUP BY fy HAVING sum(patents) > 0) f USING (fy)) t),
            'coOwned', (SELECT coalesce(sum(co_owned), 0) FROM counts),
            'academic', (SELECT coalesce(sum(academic), 0) FROM counts),
            'valueBuckets', (SELECT coalesce(json_agg(t), '[]') FROM
                (SELECT bucket, sum(patents) AS patents, sum(total) AS total FROM landscape_values
                 WHERE scope = @key AND currency = @currency AND fy BETWEEN @y1 AND @y2 GROUP BY 1 HAVING sum(patents) > 0) t),
            'scores', (SELECT coalesce(json_agg(t), '[]') FROM
                (SELECT dimension, score, sum(patents) AS patents FROM landscape_scores
                 WHERE scope = @key AND fy BETWEEN @y1 AND @y2 GROUP BY 1, 2 HAVING sum(patents) > 0) t),
            'operations', (SELECT coalesce(json_agg(o ORDER BY kind, period, currency), '[]') FROM operations o))::text
        """;

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
