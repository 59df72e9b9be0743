using System.Security.Cryptography;
using System.Text;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Licensing;

public enum InvoiceStatus
{
    Open,
    Paid,
    Overdue,
}

/// <summary>
/// What a licensee reported for one period and category, and how it was priced: the rate-card
/// version of the terms (pool licences), the licence year the units were counted in, whether the
/// report was late and whether the licensee was compliant (nothing overdue) when it reported.
/// </summary>
public sealed record RoyaltyReport(
    string Period, string Category, string Region, long Units, DateOnly ReportedOn,
    bool Late, bool Compliant, int? RateCardVersion, int LicenceYear);

/// <summary>
/// The bill one royalty report produces. Due 30 days after the period ends; overdue once that day
/// has passed unpaid. A zero amount (royalty-free, free tier, cap reached) has nothing to pay and is
/// settled when issued, so it can never make the licensee non-compliant.
/// </summary>
public sealed record Invoice(
    string Id, string LicenceId, string Period, Money Amount, DateOnly IssuedOn, DateOnly DueOn,
    InvoiceStatus Status, RoyaltyReport Report, DateOnly? PaidOn = null, string? PaymentReference = null)
{
    public static Invoice Issue(string licenceId, ReportingPeriod period, RoyaltyReport report, Money amount, DateOnly today) =>
        new(IdFor(licenceId, period, report.Category), licenceId, period.ToString(), amount, today, period.DueOn,
            amount.Amount == 0 ? InvoiceStatus.Paid : InvoiceStatus.Open, report, amount.Amount == 0 ? today : null);

    /// <summary>
    /// Derived from what makes a report unique, so a call re-run after a version conflict issues the
    /// same invoice and schedules the same overdue reminder.
    /// </summary>
    public static string IdFor(string licenceId, ReportingPeriod period, string category) =>
        "inv_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{licenceId}\n{period}\n{category}")))[..16];

    /// <summary>Overdue once the due date has passed unpaid, whether or not the reminder has flagged it yet.</summary>
    public bool IsOverdueOn(DateOnly today) => Status == InvoiceStatus.Overdue || (Status == InvoiceStatus.Open && today > DueOn);

    /// <summary>The invoice as it stands on <paramref name="today"/>.</summary>
    public Invoice AsOf(DateOnly today) => Status == InvoiceStatus.Open && IsOverdueOn(today) ? this with { Status = InvoiceStatus.Overdue } : this;
}
