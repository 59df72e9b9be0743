using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Matching;

/// <summary>What matching reads of a listing: its terms and the words and IPC symbols of its patents and its own text.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ListingProfile(
    [property: Id(0)] string Id, [property: Id(1)] string HolderId, [property: Id(2)] DealType DealType, [property: Id(3)] IReadOnlyList<string> Patents,
    [property: Id(4)] IReadOnlyList<string> IpcCodes, [property: Id(5)] IReadOnlyList<string> TitleTokens, [property: Id(6)] IReadOnlyList<string> AbstractTokens,
    [property: Id(7)] IReadOnlyList<string> DescriptionTokens, [property: Id(8)] MoneyRange? Price, [property: Id(9)] RoyaltyRange? Royalty,
    [property: Id(10)] string? Region, [property: Id(11)] DateOnly ValidUntil, [property: Id(12)] string? CenterId = null)
{
    /// <summary>The profile of a listing's state: IPC symbols in compact form, words of titles, abstracts and its own title and description.</summary>
    public static ListingProfile Of(string id, CreateListing terms, IReadOnlyList<ListedPatent> patents) => new(
        id, terms.HolderId, terms.DealType, terms.Patents,
        [.. patents.SelectMany(p => p.Ipc).Select(IpcCode.Compact).Distinct()],
        [.. patents.SelectMany(p => TextTokens.Index(p.Title)).Distinct()],
        [.. patents.SelectMany(p => TextTokens.Index(p.Abstract)).Distinct()],
        TextTokens.Index($"{terms.Title} {terms.Description}"),
        terms.Price, terms.Royalty, terms.Region?.Value, terms.ValidUntil, terms.CenterId);

    /// <summary>Every word of the listing (what the token index holds).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> AllTokens => TitleTokens.Concat(AbstractTokens).Concat(DescriptionTokens).Distinct();

    /// <summary>Every leading part of every IPC symbol (what the prefix index holds).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> IpcPrefixes => IpcCodes.SelectMany(IpcCode.Prefixes).Distinct();
}

/// <summary>A demand keyword and the words it needs.</summary>
[GenerateSerializer]
[Immutable]
public sealed record KeywordTokens([property: Id(0)] string Keyword, [property: Id(1)] IReadOnlyList<string> Tokens);

/// <summary>What matching reads of a demand.</summary>
[GenerateSerializer]
[Immutable]
public sealed record DemandProfile(
    [property: Id(0)] string Id, [property: Id(1)] string PartyId, [property: Id(2)] IReadOnlyList<string> IpcPrefixes,
    [property: Id(3)] IReadOnlyList<KeywordTokens> Keywords, [property: Id(4)] MoneyRange? Budget, [property: Id(5)] string? Region,
    [property: Id(6)] IReadOnlyList<DealType> DealTypes, [property: Id(7)] DateOnly ValidUntil)
{
    public static DemandProfile Of(string id, CreateDemand terms) => new(id, terms.PartyId, terms.IpcPrefixes,
        [.. terms.Keywords.Select(k => new KeywordTokens(k, TextTokens.Keyword(k)))], terms.Budget, terms.Region?.Value, terms.DealTypes, terms.ValidUntil);

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> AllTokens => Keywords.SelectMany(k => k.Tokens).Distinct();
}

/// <summary>A licence on a patent that matters to matching (exclusive or sole).</summary>
[GenerateSerializer]
[Immutable]
public sealed record FactLicence([property: Id(0)] string LicenceId, [property: Id(1)] LicenceKind Kind, [property: Id(2)] string LicenseeId, [property: Id(3)] DateOnly? End);

/// <summary>A listed patent as it is now: status, term, current valuation, pledge, exclusive and sole licences.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PatentFacts(
    [property: Id(0)] string Number, [property: Id(1)] LegalStatus Status, [property: Id(2)] DateOnly ExpiresOn, [property: Id(3)] Money? Value,
    [property: Id(4)] string? PledgeeId, [property: Id(5)] IReadOnlyList<FactLicence> Licences);

/// <summary>What the points of a match depend on (<see cref="MatchScoring.Points"/>).</summary>
public sealed record MatchFeatures(int Prefixes, int PrefixesMatched, int Keywords, int KeywordsHit, bool BudgetWithin, bool RegionInside,
    DateOnly ShortestExpiry, bool AllGranted, bool Pledged);

// ---- the answer ----

[GenerateSerializer, Immutable]
public sealed record MatchScore([property: Id(0)] decimal Total, [property: Id(1)] decimal Ipc, [property: Id(2)] decimal Keywords, [property: Id(3)] decimal Budget,
    [property: Id(4)] decimal Region, [property: Id(5)] decimal LegalStatus, [property: Id(6)] decimal Encumbrances);

/// <summary>A demand prefix and the listing's symbols under it.</summary>
[GenerateSerializer, Immutable]
public sealed record IpcOverlap([property: Id(0)] string Prefix, [property: Id(1)] IReadOnlyList<string> Codes);

/// <summary>A keyword and the fields it was found in: <c>title</c>, <c>abstract</c> (of the patents), <c>description</c> (the listing's own title and text).</summary>
[GenerateSerializer, Immutable]
public sealed record KeywordHit([property: Id(0)] string Keyword, [property: Id(1)] IReadOnlyList<string> Fields);

/// <summary>
/// <c>within</c> (the asking price reaches into the budget: asking min ≤ budget max), <c>above</c>, <c>no_budget</c>,
/// <c>no_price</c> (royalty terms only), <c>currency_differs</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BudgetFit([property: Id(0)] string Verdict, [property: Id(1)] MoneyRange? Asking, [property: Id(2)] MoneyRange? Budget, [property: Id(3)] Money? Valuation);

/// <summary><c>inside</c> (the demand's region contains the listing's), <c>outside</c>, <c>unknown</c> (either has none).</summary>
[GenerateSerializer, Immutable]
public sealed record RegionFit([property: Id(0)] string Verdict, [property: Id(1)] string? DemandRegion, [property: Id(2)] string? ListingRegion);

/// <summary>A listed patent's legal standing: status, expiry, whole years of term left, current valuation.</summary>
[GenerateSerializer, Immutable]
public sealed record PatentStanding([property: Id(0)] string Number, [property: Id(1)] LegalStatus Status, [property: Id(2)] DateOnly ExpiresOn,
    [property: Id(3)] decimal RemainingYears, [property: Id(4)] Money? CurrentValuation);

[GenerateSerializer, Immutable]
public sealed record MatchReasons(
    [property: Id(0)] IReadOnlyList<IpcOverlap> Ipc, [property: Id(1)] IReadOnlyList<KeywordHit> Keywords, [property: Id(2)] IReadOnlyList<string> KeywordsMissed,
    [property: Id(3)] BudgetFit Budget, [property: Id(4)] RegionFit Region, [property: Id(5)] IReadOnlyList<PatentStanding> Patents,
    [property: Id(6)] IReadOnlyList<Encumbrance> Encumbrances);

[GenerateSerializer, Immutable]
public sealed record MatchResult([property: Id(0)] string ListingId, [property: Id(1)] string DemandId, [property: Id(2)] MatchScore Score, [property: Id(3)] MatchReasons Reasons);

/// <summary>
/// The match score of a listing for a demand, 0–100, pure (docs/MATCHING.md has the formula and a worked example):
/// IPC 35 × (demand prefixes the listing's symbols fall under ÷ demand prefixes) + keywords 30 × (keywords hit ÷
/// keywords) + budget 15 (asking price reaches into the budget) + region 10 (the demand's region contains the listing's)
/// + legal standing 10 × (1 granted, ½ pending) × min(1, years of term left of the shortest-lived patent ÷ 10)
/// − 10 when a patent is pledged. Each part is rounded to 2 decimals (half-even) before adding; the total is at least 0.
/// No match (null): the deal type is not wanted, neither an IPC prefix nor a keyword hits, the holder is the
/// demand's own party, a patent is no longer in force, or an exclusive or sole licence now blocks the licence offered.
/// </summary>
public static class MatchScoring
{
    public const decimal IpcWeight = 35, KeywordWeight = 30, BudgetWeight = 15, RegionWeight = 10, LegalWeight = 10, PledgePenalty = 10;
    public const int FullTermYears = 10;

    public static MatchResult? Score(DemandProfile demand, ListingProfile listing, IReadOnlyList<PatentFacts> facts, DateOnly today)
    {
        if (demand.DealTypes.Count > 0 && !demand.DealTypes.Contains(listing.DealType)) return null;
        if (listing.HolderId == demand.PartyId) return null;
        if (facts.Count != listing.Patents.Count || facts.Any(f => !EffectiveStatus(f, today).IsInForce())) return null;
        if (ListingRules.LicenceKindOf(listing.DealType) is not null && facts.Any(f => Blocking(f, today).Any())) return null;

        var ipc = demand.IpcPrefixes
            .Select(p => new IpcOverlap(p, [.. listing.IpcCodes.Where(c => c.StartsWith(p, StringComparison.Ordinal))]))
            .Where(o => o.Codes.Count > 0).ToList();
        var hits = new List<KeywordHit>();
        var missed = new List<string>();
        foreach (var keyword in demand.Keywords)
        {
            var fields = new List<string>();
            if (Contains(listing.TitleTokens, keyword.Tokens)) fields.Add("title");
            if (Contains(listing.AbstractTokens, keyword.Tokens)) fields.Add("abstract");
            if (Contains(listing.DescriptionTokens, keyword.Tokens)) fields.Add("description");
            if (fields.Count > 0) hits.Add(new KeywordHit(keyword.Keyword, fields));
            else missed.Add(keyword.Keyword);
        }
        if (ipc.Count == 0 && hits.Count == 0) return null;

        var valuation = Valuation(facts);
        var budget = Budget(demand.Budget, listing.Price, valuation);
        var region = Region(demand.Region, listing.Region);
        var standings = facts.Select(f => new PatentStanding(f.Number, EffectiveStatus(f, today), f.ExpiresOn, RemainingYears(f.ExpiresOn, today), f.Value)).ToList();
        var score = Points(new MatchFeatures(demand.IpcPrefixes.Count, ipc.Count, demand.Keywords.Count, hits.Count, budget.Verdict == "within",
            region.Verdict == "inside", facts.Min(f => f.ExpiresOn), standings.All(s => s.Status == LegalStatus.Granted), facts.Any(f => f.PledgeeId is not null)), today);
        return new MatchResult(listing.Id, demand.Id, score,
            new MatchReasons(ipc, hits, missed, budget, region, standings, [.. facts.SelectMany(f => Flags(f, listing, today))]));
    }

    /// <summary>
    /// The points of a match from what decides them: the one place the weights are applied, used by <see cref="Score"/>
    /// and by an index that computes the features itself for many candidates (PostgreSQL matching).
    /// </summary>
    public static MatchScore Points(MatchFeatures f, DateOnly today)
    {
        var ipc = Part(IpcWeight * f.PrefixesMatched, f.Prefixes);
        var keywords = Part(KeywordWeight * f.KeywordsHit, f.Keywords);
        var budget = f.BudgetWithin ? BudgetWeight : 0;
        var region = f.RegionInside ? RegionWeight : 0;
        var legal = Round(LegalWeight * (f.AllGranted ? 1m : 0.5m) * Math.Min(1m, RemainingYears(f.ShortestExpiry, today) / FullTermYears));
        var penalty = f.Pledged ? -PledgePenalty : 0;
        return new MatchScore(Math.Max(0, ipc + keywords + budget + region + legal + penalty), ipc, keywords, budget, region, legal, penalty);
    }

    /// <summary><c>inside</c> when both regions are known and the demand's contains the listing's.</summary>
    public static RegionFit Region(string? demandRegion, string? listingRegion) =>
        demandRegion is null || listingRegion is null ? new RegionFit("unknown", demandRegion, listingRegion)
        : RegionCode.TryParse(demandRegion) is { } d && RegionCode.TryParse(listingRegion) is { } l && d.Contains(l)
            ? new RegionFit("inside", demandRegion, listingRegion) : new RegionFit("outside", demandRegion, listingRegion);

    /// <summary>Highest score first; ties by listing id, then demand id (ordinal), so a page is stable.</summary>
    public static IReadOnlyList<MatchResult> Rank(IEnumerable<MatchResult> results) =>
        [.. results.OrderByDescending(r => r.Score.Total).ThenBy(r => r.ListingId, StringComparer.Ordinal).ThenBy(r => r.DemandId, StringComparer.Ordinal)];

    /// <summary>Status as of today: a pending or granted patent past its term is expired.</summary>
    public static LegalStatus EffectiveStatus(PatentFacts f, DateOnly today) =>
        f.Status.IsInForce() && today >= f.ExpiresOn ? LegalStatus.Expired : f.Status;

    /// <summary>Years of term left, (expiry − today) in days ÷ 365.25, to 2 decimals (half-even).</summary>
    public static decimal RemainingYears(DateOnly expiresOn, DateOnly today) => Round(Math.Max(0, expiresOn.DayNumber - today.DayNumber) / 365.25m);

    private static IEnumerable<FactLicence> Blocking(PatentFacts f, DateOnly today) =>
        f.Licences.Where(l => l.Kind is LicenceKind.Exclusive or LicenceKind.Sole && (l.End is null || l.End >= today));

    private static IEnumerable<Encumbrance> Flags(PatentFacts f, ListingProfile listing, DateOnly today)
    {
        if (f.PledgeeId is { } pledgee)
            yield return new Encumbrance(f.Number, "pledge", pledgee, $"pledged to {pledgee}: the pledgee must consent (Civil Code art. 444)");
        if (listing.DealType == DealType.Sale)
            foreach (var l in Blocking(f, today))
                yield return new Encumbrance(f.Number, l.Kind == LicenceKind.Exclusive ? "exclusive_licence" : "sole_licence", l.LicenseeId,
                    $"licence {l.LicenceId} to {l.LicenseeId} survives the sale");
    }

    private static BudgetFit Budget(MoneyRange? budget, MoneyRange? asking, Money? valuation)
    {
        if (budget is null) return new BudgetFit("no_budget", asking, null, valuation);
        if (asking is null) return new BudgetFit("no_price", null, budget, valuation);
        if (asking.Currency != budget.Currency) return new BudgetFit("currency_differs", asking, budget, valuation);
        return new BudgetFit(asking.Min <= budget.Max ? "within" : "above", asking, budget, valuation);
    }

    /// <summary>The sum of the patents' current valuations when all have one in one currency, else null.</summary>
    private static Money? Valuation(IReadOnlyList<PatentFacts> facts) =>
        facts.All(f => f.Value is not null) && facts.Select(f => f.Value!.Value.Currency).Distinct().Count() == 1
            ? new Money(facts.Sum(f => f.Value!.Value.Amount), facts[0].Value!.Value.Currency) : null;

    private static bool Contains(IReadOnlyList<string> field, IReadOnlyList<string> words) => words.Count > 0 && words.All(field.Contains);

    private static decimal Part(decimal numerator, int denominator) => denominator == 0 ? 0 : Round(numerator / denominator);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.ToEven);
}
