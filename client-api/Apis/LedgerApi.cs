using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Ledger accounts for whoever owns them (docs/TENANCY.md): balances per currency (always the sum of the entries) and the latest
/// entries. Account ids contain colons (<c>pool:pool_…:collections:2030-Q1</c>); a colon is a plain
/// path character, so the id goes into the path as it is or percent-encoded (<c>%3A</c>).
/// </summary>
public static partial class LedgerApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/ledger").WithTags("Ledger").RequireAuthorization();
        api.MapGet("/accounts/{id}", Account)
            .WithSummary("A ledger account")
            .WithDescription("The account's owner (docs/TENANCY.md: a pool's collections its center, a payable its licensor, …; the market's own accounts the admin). Balances per currency and the latest `limit` entries (1–500, default 50), newest first. Account ids contain colons (`pool:pool_…:collections:2030-Q1`), as they are or percent-encoded; an account nobody posted to answers 200 with empty lists.")
            .Refuses(400, "invalid_parameter").Refuses(403, "forbidden");
        api.MapGet("/trial-balance", TrialBalance).RequireRoles(Role.Admin)
            .WithSummary("Trial balance: every account's balance")
            .WithDescription("The admin only (it spans every tenant). Every ledger account with its balance per currency, and the sum per "
                + "currency, which is zero in a sound ledger (`balanced`).");
        return api;
    }

    /// <summary>An account nobody has posted to is empty, not missing: accounts come into being with their first entry.</summary>
    public static async Task<Results<Ok<AccountStatement>, ProblemHttpResult>> Account(
        string id, int? limit, ILedgerQueries ledger, CancellationToken cancellationToken)
    {
        if (!AccountPattern().IsMatch(id))
            return Problems.Field(400, "invalid_parameter", "id", "An account id is up to 200 letters, digits and _ . : - characters.");
        if (limit is < 1 or > MaxLimit)
            return Problems.Field(400, "invalid_parameter", "limit", $"limit runs from 1 to {MaxLimit}.");
        return TypedResults.Ok(await ledger.Account(id, limit ?? DefaultLimit, cancellationToken));
    }

    /// <summary>Accounts by id (ordinal), balances by currency; totals are Σ of the entries per currency, read in one query each.</summary>
    public static async Task<Ok<TrialBalanceResponse>> TrialBalance(ILedgerQueries ledger, CancellationToken cancellationToken)
    {
        var balances = await ledger.Balances(cancellationToken);
        var accounts = balances
            .GroupBy(b => b.Key.Account, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TrialBalanceAccount(g.Key, [.. g.OrderBy(b => b.Key.Currency, StringComparer.Ordinal).Select(b => new Money(b.Value, b.Key.Currency))]))
            .ToList();
        // Totals from the same snapshot as the accounts, so the page adds up even while postings are being written.
        var totals = balances.GroupBy(b => b.Key.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Money(g.Sum(b => b.Value), g.Key)).ToList();
        return TypedResults.Ok(new TrialBalanceResponse(accounts, totals, totals.All(t => t.Amount == 0)));
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:-]{1,200}\z")]
    private static partial Regex AccountPattern();
}
