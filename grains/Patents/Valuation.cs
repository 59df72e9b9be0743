using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Patents;

[GenerateSerializer]
public enum ValuationMethod
{
    Cost,
    Market,
    Income,
}

/// <summary>GB/T 42748-2023 value dimensions, each scored 0–100.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ValuationScores(int Legal, int Technical, int Economic);

/// <summary>One appraisal of a patent. Valuations are history: never overwritten, only added (§3).</summary>
[GenerateSerializer]
[Immutable]
public sealed record Valuation(
    string Id,
    Money Value,
    ValuationMethod Method,
    string? AppraiserId,
    DateOnly EffectiveDate,
    string? ReportRef,
    ValuationScores? Scores,
    DateTimeOffset RecordedAt)
{
    /// <summary>A valuation older than 12 months is stale for pledge purposes (§3).</summary>
    public bool IsStaleOn(DateOnly day) => EffectiveDate.AddMonths(12) < day;

    /// <summary>The valuation in effect on <paramref name="day"/>: the latest effective date not after it, later records winning ties.</summary>
    public static Valuation? InEffect(IReadOnlyList<Valuation> history, DateOnly day)
    {
        Valuation? best = null;
        foreach (var v in history)
            if (v.EffectiveDate <= day && (best is null || v.EffectiveDate >= best.EffectiveDate))
                best = v;
        return best;
    }
}
