using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>How principal is repaid (§8): all at maturity with monthly interest, or equal monthly instalments (等额本息).</summary>
[GenerateSerializer]
public enum RepaymentKind
{
    Bullet,
    EqualInstalments,
}

/// <summary>
/// Maximum loan-to-value per patent type, in bps of the valuation. Banks lend far less against
/// utility models and designs (unexamined, shorter-lived rights) than against inventions, hence
/// the §8 defaults 50 % / 30 % / 20 %; a product may lower or raise them, 0 refuses the type.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record LtvCaps(int InventionBps = 5_000, int UtilityModelBps = 3_000, int DesignBps = 2_000)
{
    public static readonly LtvCaps Default = new();

    public int For(PatentType type) => type switch
    {
        PatentType.Invention => InventionBps,
        PatentType.UtilityModel => UtilityModelBps,
        PatentType.Design => DesignBps,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown patent type."),
    };
}

/// <summary>
/// A financier's published pledge-loan terms (§8). Every deal copies the product it was approved
/// under, so later edits to the product never change a running loan.
/// </summary>
/// <param name="AnnualRateBps">Nominal annual rate; interest accrues daily ACT/360 on outstanding principal.</param>
/// <param name="TermMonths">Months from disbursement to maturity; instalments fall on the same day of each month.</param>
/// <param name="GraceDays">Days after a due date during which a late instalment is overdue but not yet a default.</param>
/// <param name="MarginBufferBps">Tolerance above the LTV cap before a revaluation triggers a margin call.</param>
/// <param name="CurePeriodDays">Days a margin call leaves to add collateral or repay before it becomes an event of default.</param>
[GenerateSerializer]
[Immutable]
public sealed record FinancierProduct(
    string FinancierId,
    string Name,
    string Currency,
    LtvCaps LtvCaps,
    int AnnualRateBps,
    int TermMonths,
    RepaymentKind Schedule,
    int GraceDays,
    int MarginBufferBps,
    int CurePeriodDays);
