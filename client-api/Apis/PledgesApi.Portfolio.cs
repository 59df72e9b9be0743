using System.Globalization;
using System.Text;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pledges;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>A financier's live book: one row per deal, fanned out from its portfolio grain; JSON or CSV.</summary>
public static partial class PledgesApi
{
    private static readonly Dictionary<string, Func<PortfolioRow, object?>> SortKeys = new()
    {
        ["id"] = r => r.Id, ["status"] = r => r.Status.ToString(), ["outstandingPrincipal"] = r => r.OutstandingPrincipal,
        ["coverageBps"] = r => r.CoverageBps ?? long.MaxValue, ["ltvBps"] = r => r.LtvBps ?? -1, ["nextDueDate"] = r => r.NextDueDate ?? DateOnly.MaxValue,
        ["collateralValue"] = r => r.CollateralValue,
    };

    public static async Task<IResult> Portfolio(string id, string? sort, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.Has(Role.Operator) && user.PartyId() != id)
            return Problems.Create(403, "forbidden", "A financier reads only its own portfolio.");
        var descending = sort?.StartsWith('-') == true;
        var key = sort?.TrimStart('-') ?? "id";
        if (!SortKeys.TryGetValue(key, out var by))
            return Problems.Field(400, "invalid_sort", "sort", $"Sort by one of {string.Join(", ", SortKeys.Keys)}, '-' first for descending.");
        var rows = new List<PortfolioRow>();
        foreach (var dealId in await grains.GetGrain<IFinancierPortfolioGrain>(id).Deals())
            if (await grains.GetGrain<IPledgeDealGrain>(dealId).Get() is { } d)
                rows.Add(new PortfolioRow(d.Id, d.Status, d.PledgorId, d.OutstandingPrincipal.Amount, d.InterestDue.Amount + d.AccruedInterest.Amount,
                    d.CollateralValue.Amount, d.CoverageBps, d.LtvBps, d.NextDueDate, d.MarginCalls.Count(c => c.CuredOn is null && !c.Defaulted), d.Principal.Currency));
        var sorted = (descending ? rows.OrderByDescending(by) : rows.OrderBy(by)).ToList();
        return http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true)
            ? TypedResults.Text(Csv(sorted), "text/csv; charset=utf-8")
            : TypedResults.Ok(new PortfolioResponse(id, sorted));
    }

    private static string Csv(IEnumerable<PortfolioRow> rows)
    {
        var csv = new StringBuilder("id,status,pledgorId,currency,outstandingPrincipal,accruedInterest,collateralValue,coverageBps,ltvBps,nextDueDate,openMarginCalls\n");
        foreach (var r in rows)
            csv.Append(CultureInfo.InvariantCulture, $"{r.Id},{PledgeLifecycle.Wire(r.Status)},{r.PledgorId},{r.Currency},{r.OutstandingPrincipal},{r.AccruedInterest},{r.CollateralValue},{r.CoverageBps},{r.LtvBps},{r.NextDueDate:yyyy-MM-dd},{r.OpenMarginCalls}\n");
        return csv.ToString();
    }
}
