using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// The licence contract's filing with CNIPA (专利实施许可合同备案, §4): due within 3 months of the
/// licence taking effect. <see cref="OverdueFlaggedAt"/> is set by the durable reminder at the end
/// of the due date if nothing was filed by then; it stays as history when a late filing follows.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed partial record CnipaFiling(DateOnly DueOn, string? FilingNumber, DateOnly? FiledOn, DateTimeOffset? OverdueFlaggedAt)
{
    public static CnipaFiling DueFor(DateOnly effectiveOn) => new(effectiveOn.AddMonths(3), null, null, null);

    public bool IsFiled => FilingNumber is not null;

    public bool IsOverdueOn(DateOnly today) => !IsFiled && today > DueOn;

    /// <summary>Records the filing; the same filing again is a no-op, a different one 409 <c>cnipa_already_filed</c>.</summary>
    public CnipaFiling Record(string filingNumber, DateOnly filedOn, DateOnly today)
    {
        if (!NumberPattern().IsMatch(filingNumber))
            throw DomainException.Invalid("invalid_filing_number", "filingNumber", "Use the CNIPA filing number: 6 to 40 letters, digits or hyphens.");
        if (filedOn > today)
            throw DomainException.Invalid("date_in_future", "filedOn", "A filing cannot be dated in the future.");
        if (IsFiled && (FilingNumber != filingNumber || FiledOn != filedOn))
            throw DomainException.Conflict("cnipa_already_filed", $"The licence was already filed as {FilingNumber} on {FiledOn:yyyy-MM-dd}.", "filingNumber");
        return this with { FilingNumber = filingNumber, FiledOn = filedOn };
    }

    public CnipaFilingView View(DateOnly today) =>
        new(DueOn, FilingNumber, FiledOn, IsOverdueOn(today), FiledOn > DueOn, OverdueFlaggedAt);

    [GeneratedRegex("^[A-Za-z0-9-]{6,40}$")]
    private static partial Regex NumberPattern();
}

/// <summary>The filing as callers see it: <c>Overdue</c> while unfiled past the due date, <c>FiledLate</c> once filed after it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CnipaFilingView(DateOnly DueOn, string? FilingNumber, DateOnly? FiledOn, bool Overdue, bool FiledLate, DateTimeOffset? OverdueFlaggedAt);
