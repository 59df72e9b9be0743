
namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// What a compensation fund paid in one calendar year, keyed by <see cref="RiskSharingAgreement.FundKey"/>. Its
/// annual ceiling is shared by every deal it backs, so the claim is decided here, one call at a time: two deals
/// settling at once cannot both spend the same headroom.
/// </summary>
public interface IRiskFundYearGrain : IGrainWithStringKey
{
    /// <summary>
    /// Grants min(<paramref name="wanted"/>, <paramref name="ceiling"/> − what other deals were granted) and records it
    /// for <paramref name="dealId"/>. Keyed by deal: a re-run replaces the deal's own claim instead of adding to it.
    /// </summary>
    Task<long> Claim(string dealId, long wanted, long ceiling);

    Task<long> Paid();
}

[GenerateSerializer]
public sealed class RiskFundYearState
{
    [Id(0)]
    public Dictionary<string, long> Claims { get; set; } = [];
}

public sealed class RiskFundYearGrain([PersistentState("risk-fund-year", MarketStorage.Name)] IPersistentState<RiskFundYearState> fund) : Grain, IRiskFundYearGrain
{
    public async Task<long> Claim(string dealId, long wanted, long ceiling)
    {
        var others = fund.State.Claims.Where(c => c.Key != dealId).Sum(c => c.Value);
        var granted = Math.Max(0, Math.Min(wanted, ceiling - others));
        if (fund.State.Claims.TryGetValue(dealId, out var known) && known == granted) return granted;
        fund.State.Claims[dealId] = granted;
        await fund.WriteStateAsync();
        return granted;
    }

    public Task<long> Paid() => Task.FromResult(fund.State.Claims.Values.Sum());
}
