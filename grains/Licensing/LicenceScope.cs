using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Licensing;

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
public sealed partial record LicenceScope(IReadOnlyList<string> Territories, IReadOnlyList<string> FieldsOfUse, DateOnly Start, DateOnly? End)
{
    /// <summary>Everywhere, every field, from <paramref name="start"/> on: how a pool's outside licensing is scoped.</summary>
    public static LicenceScope Everything(DateOnly start, DateOnly? end = null) => new([], [], start, end);

    /// <summary>Scopes overlap when territories, fields and periods all intersect (empty lists cover everything).</summary>
    public bool Overlaps(LicenceScope other) =>
        Intersect(Territories, other.Territories) && Intersect(FieldsOfUse, other.FieldsOfUse)
        && Start <= (other.End ?? DateOnly.MaxValue) && other.Start <= (End ?? DateOnly.MaxValue);

    public static LicenceScope Require(LicenceScope scope, string field = "scope")
    {
        if (scope.Territories.Count == 0)
            throw DomainException.Invalid("required", $"{field}.territories", "Name at least one territory (ISO 3166 alpha-2).");
        for (var i = 0; i < scope.Territories.Count; i++)
            if (!Alpha2().IsMatch(scope.Territories[i]))
                throw DomainException.Invalid("invalid_territory", $"{field}.territories[{i}]", "Use ISO 3166 alpha-2 codes such as CN.");
        if (scope.End is { } end && end < scope.Start)
            throw DomainException.Invalid("invalid_period", $"{field}.end", "The period ends before it starts.");
        return scope;
    }

    private static bool Intersect(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Count == 0 || b.Count == 0 || a.Intersect(b).Any();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Alpha2();
}
