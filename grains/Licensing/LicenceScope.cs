using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Licensing;

[GenerateSerializer]
public enum LicenceKind
{
    /// <summary>独占: only the licensee practises, not even the owner.</summary>
    Exclusive,
    /// <summary>排他: the licensee and the owner, nobody else.</summary>
    Sole,
    /// <summary>普通: any number of licensees.</summary>
    NonExclusive,
}

/// <summary>
/// Where, for what and when a licence applies: ISO 3166 alpha-2 territories, fields of use (an
/// empty list means every field) and an inclusive period (no end: until the patent expires).
/// </summary>
[GenerateSerializer]
public sealed partial record LicenceScope(IReadOnlyList<string> Territories, IReadOnlyList<string> FieldsOfUse, DateOnly Start, DateOnly? End)
{
    /// <summary>Everywhere, every field, from <paramref name="start"/> on: how a pool's outside licensing is scoped.</summary>
    public static LicenceScope Everything(DateOnly start, DateOnly? end = null) => new([], [], start, end);

    /// <summary>Scopes overlap when territories, fields and periods all intersect (empty lists cover everything).</summary>
    public bool Overlaps(LicenceScope other) =>
        Intersect(Territories, other.Territories) && Intersect(FieldsOfUse, other.FieldsOfUse)
        && Start <= (other.End ?? DateOnly.MaxValue) && other.Start <= (End ?? DateOnly.MaxValue);

    /// <summary>Checks a requested scope; errors name <c>{field}.territories[i]</c> (just <c>territories[i]</c> when <paramref name="field"/> is empty).</summary>
    public static LicenceScope Require(LicenceScope scope, string field = "scope")
    {
        var prefix = field.Length == 0 ? "" : field + ".";
        if (scope.Territories.Count == 0)
            throw DomainException.Invalid("required", $"{prefix}territories", "Name at least one territory (ISO 3166 alpha-2).");
        for (var i = 0; i < scope.Territories.Count; i++)
            if (!Alpha2().IsMatch(scope.Territories[i]))
                throw DomainException.Invalid("invalid_territory", $"{prefix}territories[{i}]", "Use ISO 3166 alpha-2 codes such as CN.");
        RequireDate(scope.Start, $"{prefix}start");
        if (scope.End is { } last) RequireDate(last, $"{prefix}end");
        if (scope.End is { } end && end < scope.Start)
            throw DomainException.Invalid("invalid_period", $"{prefix}end", "The period ends before it starts.");
        return scope;
    }

    /// <summary>Licence dates run from the first Patent Law (1985) to 9000, which keeps due-date arithmetic in range.</summary>
    public static void RequireDate(DateOnly day, string field)
    {
        if (day.Year is < 1985 or > 9000)
            throw DomainException.Invalid("invalid_date", field, "Use a date from 1985 to 9000.");
    }

    private static bool Intersect(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Count == 0 || b.Count == 0 || a.Intersect(b).Any();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Alpha2();
}
