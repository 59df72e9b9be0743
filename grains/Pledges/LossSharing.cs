using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>A defaulted loan's loss and who bears it; <c>Fund + Guarantor + Bank == Loss</c> always.</summary>
[GenerateSerializer]
[Immutable]
public sealed record LossShares(long Loss, long Fund, long Guarantor, long Bank);

/// <summary>
/// Splits the loss of a defaulted pledge loan (§8). Loss = outstanding − recoveries, floored at 0
/// (recoveries above the debt belong to the pledgor, not to this split). The fund pays its tier's share
/// of the loss (tier chosen by the loan's original principal), capped by what remains of its annual
/// ceiling, and nothing to a bank whose loss ratio passes the stop-loss; the guarantor pays its bps
/// share; the bank bears the rest, including whatever the ceiling or stop-loss withheld from the fund.
/// <para>
/// Rounding is deterministic and exact: the fund's and guarantor's shares are each rounded half-even
/// (§2) in that order, the guarantor's capped at what the fund left, and the bank takes the remainder,
/// so the three sum to the loss with no fen created or lost and the lender absorbs the sub-fen residue.
/// </para>
/// </summary>
public static class LossSharing
{
    /// <param name="principal">The loan's original principal, which selects the fund tier.</param>
    /// <param name="outstanding">What the borrower owed at default (the deal decides whether interest counts).</param>
    /// <param name="fundRemainingCeiling">What the fund may still pay this year; null when it has no ceiling.</param>
    public static LossShares Split(RiskSharingAgreement agreement, long principal, long outstanding, long recoveries,
        long? fundRemainingCeiling, BankLossRecord bank)
    {
        if (principal < 0) throw DomainException.Invalid("invalid_amount", "principal", "Principal is not negative.");
        if (outstanding < 0) throw DomainException.Invalid("invalid_amount", "outstanding", "The outstanding amount is not negative.");
        if (recoveries < 0) throw DomainException.Invalid("invalid_amount", "recoveries", "Recoveries are not negative.");
        var loss = Math.Max(0, outstanding - recoveries);
        var fundBps = bank.Exceeds(agreement.StopLossBps) ? 0 : agreement.FundShareBps(principal);
        var fund = Share(loss, fundBps);
        if (fundRemainingCeiling is { } remaining) fund = Math.Min(fund, Math.Max(0, remaining));
        var guarantor = Math.Min(Share(loss, agreement.GuarantorShareBps), loss - fund);
        return new LossShares(loss, fund, guarantor, loss - fund - guarantor);
    }

    private static long Share(long loss, int bps) =>
        (long)Rational.RoundHalfEven((Int128)loss * bps, (Int128)LoanToValue.FullBps);
}
