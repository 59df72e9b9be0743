using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Licensing;

[GenerateSerializer]
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
[GenerateSerializer]
[Immutable]
public sealed record RoyaltyReport(
    string Period, string Category, string Region, long Units, DateOnly ReportedOn,
    bool Late, bool Compliant, int? RateCardVersion, int LicenceYear);

/// <summary>
/// The bill one royalty report produces. Due 30 days after the period ends; overdue once that day
/// has passed unpaid. A zero amount (royalty-free, free tier, cap reached) has nothing to pay and is
/// settled when issued, so it can never make the licensee non-compliant. A paid invoice names the
/// provider (<c>offline</c>, <c>stripe</c>) and its reference for the money, so a repeat of the same
/// payment is recognised. <see cref="Late"/> and <see cref="DaysLate"/> (§5 late payment) are worked out
/// by <see cref="AsOf"/> for the day it is read: what is stored for them is not used.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed partial record Invoice(
    string Id, string LicenceId, string Period, Money Amount, DateOnly IssuedOn, DateOnly DueOn,
    InvoiceStatus Status, RoyaltyReport Report, DateOnly? PaidOn = null, string? PaymentReference = null,
    string? PaymentProvider = null, bool Late = false, int DaysLate = 0, IReadOnlyList<PaymentReversal>? Reversals = null)
{
    public static Invoice Issue(string licenceId, ReportingPeriod period, RoyaltyReport report, Money amount, DateOnly today) =>
        new(IdFor(licenceId, period, report.Category), licenceId, period.ToString(), amount, today, period.DueOn,
            amount.Amount == 0 ? InvoiceStatus.Paid : InvoiceStatus.Open, report, amount.Amount == 0 ? today : null);

    /// <summary>
    /// <c>inv_{licence hex}_{8 hex}</c>: the licence id's 16 hex digits, then the head of SHA-256 over
    /// period and category. Derived from what makes a report unique, so a call re-run after a version
    /// conflict issues the same invoice and schedules the same overdue reminder; and it names its
    /// licence, so a payment (REST or a payment provider's webhook) finds the grain from the id alone.
    /// </summary>
    public static string IdFor(string licenceId, ReportingPeriod period, string category) =>
        (LicenceIdPattern().Match(licenceId) is { Success: true } licence
            ? $"inv_{licence.Groups[1].Value}_"
            : throw new ArgumentException($"'{licenceId}' is not a licence id (lic_ + 16 hex digits).", nameof(licenceId)))
        + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{period}\n{category}")))[..8];

    /// <summary>The licence an invoice id belongs to, or null when it is not an invoice id.</summary>
    public static string? LicenceIdOf(string? invoiceId) =>
        invoiceId is not null && InvoiceIdPattern().Match(invoiceId) is { Success: true } match ? "lic_" + match.Groups[1].Value : null;

    // \z, not $: $ would also match before a trailing newline.
    [GeneratedRegex(@"^lic_([0-9a-f]{16})\z")]
    private static partial Regex LicenceIdPattern();

    [GeneratedRegex(@"^inv_([0-9a-f]{16})_[0-9a-f]{8}\z")]
    private static partial Regex InvoiceIdPattern();

    /// <summary>True when <paramref name="payment"/> is the one that settled this invoice.</summary>
    public bool WasPaidBy(InvoicePayment payment) =>
        Status == InvoiceStatus.Paid && PaymentProvider == payment.Provider && PaymentReference == payment.Reference;

    public Invoice Paid(InvoicePayment payment) =>
        this with { Status = InvoiceStatus.Paid, PaidOn = payment.PaidOn, PaymentReference = payment.Reference, PaymentProvider = payment.Provider };

    /// <summary>Overdue once the due date has passed unpaid, whether or not the reminder has flagged it yet.</summary>
    public bool IsOverdueOn(DateOnly today) => Status == InvoiceStatus.Overdue || (Status == InvoiceStatus.Open && today > DueOn);

    /// <summary>
    /// Late payment (§5): days from the due date to the day it was paid, or, unpaid, to <paramref name="today"/>;
    /// 0 when paid on or before the due date or not yet due. Calendar days of the market (China time). A zero
    /// invoice owes nothing, so it is never late.
    /// </summary>
    public int DaysLateOn(DateOnly today)
    {
        if (Amount.Amount == 0) return 0;
        var until = Status == InvoiceStatus.Paid && PaidOn is { } paid ? paid : today;
        return Math.Max(0, until.DayNumber - DueOn.DayNumber);
    }

    /// <summary>The invoice as it stands on <paramref name="today"/>: overdue once past due unpaid, and how late.</summary>
    public Invoice AsOf(DateOnly today)
    {
        var days = DaysLateOn(today);
        return this with { Status = Status == InvoiceStatus.Open && IsOverdueOn(today) ? InvoiceStatus.Overdue : Status, Late = days > 0, DaysLate = days };
    }
}
