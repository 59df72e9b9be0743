namespace PatentNav.Market.Grains.Pledges;

/// <summary>The compensation fund covers <see cref="ShareBps"/> of the loss on loans whose principal is ≤ <see cref="UpTo"/> minor units.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FundTier(long UpTo, int ShareBps);

/// <summary>
/// Who bears a defaulted pledge loan's loss (§8): the government risk-compensation fund by principal
/// tier, an optional guarantor, and the bank for the rest. Copied into the deal at approval like the
/// product. The agreement states the fund's annual ceiling; what the fund already paid that year is the
/// fund's state (<see cref="IRiskFundYearGrain"/>, shared by every deal), so <see cref="LossSharing.Split"/>
/// takes what remains of the ceiling.
/// </summary>
/// <param name="FundTiers">Ascending <see cref="FundTier.UpTo"/>; a principal above the last tier gets nothing from the fund.</param>
/// <param name="StopLossBps">The fund stops paying a bank whose bad-loan losses / loans exceed this (Guangzhou: 3 %).</param>
/// <param name="GuarantorShareBps">The guarantor's share of the whole loss; 0 without a guarantor.</param>
/// <param name="FundAnnualCeiling">Most the fund pays in a calendar year, in minor units of <see cref="Currency"/>; null = no ceiling.</param>
[GenerateSerializer]
public sealed record RiskSharingAgreement(
    string Currency,
    IReadOnlyList<FundTier> FundTiers,
    int StopLossBps = 300,
    int GuarantorShareBps = 0,
    string? FundId = null,
    string? GuarantorId = null,
    long? FundAnnualCeiling = null)
{
    /// <summary>The fund's ledger of a year is kept under this id; deals that name no fund share the default one.</summary>
    public string FundKey(int year) => $"{FundId ?? "default"}:{Currency}:{year}";

    /// <summary>Guangzhou 2025: 40 % up to 5 M CNY, 30 % up to 15 M, 20 % up to 30 M, none above; 3 % stop-loss.</summary>
    public static RiskSharingAgreement Guangzhou2025(int guarantorShareBps = 0) => new("CNY",
        [new FundTier(500_000_000, 4_000), new FundTier(1_500_000_000, 3_000), new FundTier(3_000_000_000, 2_000)],
        300, guarantorShareBps);

    /// <summary>The fund's share for a loan of <paramref name="principal"/> (the original amount lent), 0 above every tier.</summary>
    public int FundShareBps(long principal) => FundTiers.FirstOrDefault(t => principal <= t.UpTo)?.ShareBps ?? 0;
}

/// <summary>A bank's record with the fund: cumulative bad-loan losses and loans, for the stop-loss test.</summary>
[GenerateSerializer]
[Immutable]
public sealed record BankLossRecord(long BadLoanLosses, long Loans)
{
    /// <summary>Losses / loans &gt; <paramref name="stopLossBps"/>, compared exactly; with no loans any loss passes it.</summary>
    public bool Exceeds(int stopLossBps) =>
        (Int128)BadLoanLosses * LoanToValue.FullBps > (Int128)stopLossBps * Loans;
}
