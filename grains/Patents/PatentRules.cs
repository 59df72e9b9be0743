using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Patents;

/// <summary>Pure checks on patent registration and updates; each failure names the request field.</summary>
public static class PatentRules
{
    public const int MaxTitleLength = 500;
    public const int MaxAbstractLength = 10_000;

    public static PatentType ResolveType(PatentNumber number, PatentType? declared)
    {
        if (number.ImpliedType is { } implied && declared is { } given && given != implied)
            throw DomainException.Invalid("type_mismatch", "type", $"Number {number} is a {implied} number, not {given}.");
        return number.ImpliedType ?? declared
            ?? throw DomainException.Invalid("required", "type", "Type is required for non-Chinese numbers.");
    }

    public static string RequireTitle(string? title, string field = "title") =>
        RequireText(title, field, MaxTitleLength);

    public static string RequireAbstract(string? text, string field = "abstract") =>
        text is null ? "" : text.Length > MaxAbstractLength
            ? throw DomainException.Invalid("too_long", field, $"At most {MaxAbstractLength} characters.")
            : text.Trim();

    public static List<string> RequireIpc(IReadOnlyList<string> codes)
    {
        var result = new List<string>();
        for (var i = 0; i < codes.Count; i++)
        {
            if (!IpcCode.TryNormalize(codes[i], out var canonical))
                throw DomainException.Invalid("invalid_ipc", $"ipc[{i}]", $"'{codes[i]}' is not an IPC symbol like H01M or H01M 10/052.");
            if (!result.Contains(canonical)) result.Add(canonical);
        }
        return result;
    }

    public static void RequireDates(DateOnly filingDate, DateOnly? grantDate, LegalStatus status, DateOnly today)
    {
        if (filingDate > today)
            throw DomainException.Invalid("date_in_future", "filingDate", "The filing date cannot be in the future.");
        if (grantDate is { } granted && (granted < filingDate || granted > today))
            throw DomainException.Invalid("invalid_grant_date", "grantDate", "The grant date must fall between the filing date and today.");
        if (status == LegalStatus.Granted && grantDate is null)
            throw DomainException.Invalid("required", "grantDate", "A granted patent needs its grant date.");
    }

    public static void RequireOwners(IReadOnlyList<string> ownerIds)
    {
        if (ownerIds.Count == 0)
            throw DomainException.Invalid("required", "ownerIds", "At least one owner is required.");
        for (var i = 0; i < ownerIds.Count; i++)
            if (string.IsNullOrWhiteSpace(ownerIds[i]))
                throw DomainException.Invalid("required", $"ownerIds[{i}]", "Required.");
            else if (ownerIds.Take(i).Contains(ownerIds[i]))
                throw DomainException.Invalid("duplicate_owner", $"ownerIds[{i}]", "Each owner is listed once.");
    }

    public static ValuationScores? RequireScores(ValuationScores? scores)
    {
        if (scores is null) return null;
        foreach (var (name, value) in new[] { ("legal", scores.Legal), ("technical", scores.Technical), ("economic", scores.Economic) })
            if (value is < 0 or > 100)
                throw DomainException.Invalid("invalid_score", $"scores.{name}", "Scores run from 0 to 100.");
        return scores;
    }

    private static string RequireText(string? text, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) throw DomainException.Invalid("required", field, "Required.");
        if (text.Length > max) throw DomainException.Invalid("too_long", field, $"At most {max} characters.");
        return text.Trim();
    }
}
