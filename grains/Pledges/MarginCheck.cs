namespace PatentNav.Market.Grains.Pledges;

/// <summary>An exact non-negative ratio; a zero <see cref="Denominator"/> means unbounded (e.g. coverage of a repaid loan).</summary>
[GenerateSerializer]
[Immutable]
public readonly record struct ExactRatio(Int128 Numerator, Int128 Denominator)
{
    public bool IsUnbounded => Denominator == 0;

    /// <summary>The ratio in bps, floored, for display only; decisions compare the exact fractions.</summary>
    public long? FloorBps => IsUnbounded ? null : checked((long)(Numerator * LoanToValue.FullBps / Denominator));
}

/// <summary>Coverage and LTV on a day, and whether they call for more collateral by <see cref="CureBy"/>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record MarginStatus(ExactRatio Coverage, ExactRatio LoanToValue, bool CallNeeded, DateOnly? CureBy);

/// <summary>
/// Collateral monitoring (§8). Exposure = outstanding principal + accrued interest (posted unpaid and
/// the exact unposted accrual). Coverage = collateral / exposure; LTV = exposure / collateral. A margin
/// call is needed when LTV &gt; cap + buffer, where the cap of a mixed collateral is the value-weighted
/// Σ cap_i × value_i / Σ value_i — so the test is exposure × 10 000 &gt; Σ cap_i × value_i + buffer × Σ value_i,
/// compared in integers with no division and no double. Staleness is not checked here: monitoring
/// uses the latest valuation whatever its age; it is a revaluation that triggers the check.
/// </summary>
public static class MarginCheck
{
    public static MarginStatus Evaluate(FinancierProduct product, LoanBalance balance, IReadOnlyList<CollateralItem> collateral, DateOnly day)
    {
        LoanToValue.RequireConsistent(collateral, product.Currency);
        var exposure = balance.ExposureExact;
        var value = checked(LoanToValue.CollateralValue(collateral) * InterestAccrual.Denominator);
        var needed = CallNeeded(product.LtvCaps, product.MarginBufferBps, balance, collateral);
        return new MarginStatus(new ExactRatio(value, exposure), new ExactRatio(exposure, value), needed,
            needed ? CureDeadline(day, product.CurePeriodDays) : null);
    }

    /// <summary>The pure predicate: (principal + accrued) / collateral &gt; weighted cap + buffer, exactly.</summary>
    public static bool CallNeeded(LtvCaps caps, int bufferBps, LoanBalance balance, IReadOnlyList<CollateralItem> collateral)
    {
        var exposureBps = checked(balance.ExposureExact * LoanToValue.FullBps);
        var allowanceBps = checked((LoanToValue.CapacityBps(caps, collateral) + (Int128)bufferBps * LoanToValue.CollateralValue(collateral))
                                   * InterestAccrual.Denominator);
        return exposureBps > allowanceBps;
    }

    /// <summary>The last day to cure: more collateral or a partial repayment by then, else an event of default.</summary>
    public static DateOnly CureDeadline(DateOnly day, int curePeriodDays) => day.AddDays(curePeriodDays);
}
