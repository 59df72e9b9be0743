using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Tests.Licensing;

/// <summary>
/// Every combination of §4: candidate kind × existing licence (exclusive, sole, non-exclusive, to the
/// same or another licensee) or pool × overlapping or disjoint in territory, field or period.
/// The expected outcomes are written out by hand from §4, not derived from the code under test.
/// </summary>
public class LicenceConflictsTableTests
{
    private const string Licensee = "pty_licensee";
    private const string Other = "pty_other";
    private static readonly DateOnly Jan2026 = new(2026, 1, 1);

    // Existing licences and the pool all run through 2026 in CN for the "video" field.
    private static readonly LicenceScope Existing = new(["CN"], ["video"], Jan2026, new DateOnly(2026, 12, 31));
    private static readonly PoolMembership Pool = new("pool_1", Jan2026, new DateOnly(2027, 1, 1));

    public enum Overlap { Overlapping, OtherTerritory, OtherField, LaterPeriod }

    private static LicenceScope Candidate(Overlap overlap) => overlap switch
    {
        Overlap.Overlapping => new(["US", "CN"], [], new DateOnly(2026, 6, 1), null),
        Overlap.OtherTerritory => new(["US"], ["video"], Jan2026, null),
        Overlap.OtherField => new(["CN"], ["audio"], Jan2026, null),
        _ => new(["CN"], ["video"], new DateOnly(2027, 1, 1), null),
    };

    // Columns: exclusive (same, other licensee), sole (same, other), non-exclusive (same, other), pool. C = conflict.
    private static readonly Dictionary<LicenceKind, string> WhenOverlapping = new()
    {
        [LicenceKind.Exclusive] = "CC CC CC C", // exclusive: conflicts with any other licence or pool
        [LicenceKind.Sole] = "CC -C -C C", // sole: any licence to a third party, pools included
        [LicenceKind.NonExclusive] = "CC -C -- -", // non-exclusive: only with exclusive or sole
    };

    public static TheoryData<LicenceKind, string, bool, Overlap> Cases()
    {
        var data = new TheoryData<LicenceKind, string, bool, Overlap>();
        foreach (var candidate in Enum.GetValues<LicenceKind>())
            foreach (var existing in new[] { "exclusive", "sole", "non_exclusive", "pool" })
                foreach (var sameLicensee in existing == "pool" ? new[] { false } : [true, false])
                    foreach (var overlap in Enum.GetValues<Overlap>())
                        data.Add(candidate, existing, sameLicensee, overlap);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conflicts_follow_section_4(LicenceKind candidate, string existing, bool sameLicensee, Overlap overlap)
    {
        var licences = new List<LicenceGrant>();
        var pools = new List<PoolMembership>();
        if (existing == "pool") pools.Add(Pool);
        else licences.Add(new LicenceGrant("lic_existing", Kind(existing), sameLicensee ? Licensee : Other, Existing));

        var found = LicenceConflicts.Find(licences, pools, new LicenceGrant("lic_new", candidate, Licensee, Candidate(overlap)));

        // A pool licenses everywhere and for every field, so only a later period keeps clear of it.
        var overlaps = overlap == Overlap.Overlapping || (existing == "pool" && overlap != Overlap.LaterPeriod);
        var column = existing switch
        {
            "exclusive" => sameLicensee ? 0 : 1,
            "sole" => sameLicensee ? 3 : 4,
            "non_exclusive" => sameLicensee ? 6 : 7,
            _ => 9,
        };
        var expected = overlaps && WhenOverlapping[candidate][column] == 'C';
        Assert.Equal(expected ? (existing == "pool" ? "pool_1" : "lic_existing") : null, found);
    }

    [Fact]
    public void A_licence_never_collides_with_itself()
    {
        var exclusive = new LicenceGrant("lic_1", LicenceKind.Exclusive, Licensee, Existing);
        Assert.Null(LicenceConflicts.Find([exclusive], [], exclusive));
    }

    [Fact]
    public void A_withdrawn_pool_membership_ends_the_day_before_withdrawal()
    {
        var grant = new LicenceGrant("lic_1", LicenceKind.Exclusive, Licensee, new(["CN"], [], new DateOnly(2027, 1, 1), null));
        Assert.Null(LicenceConflicts.Find([], [Pool], grant));
        Assert.Equal("pool_1", LicenceConflicts.Find([], [Pool], grant with { Scope = grant.Scope with { Start = new DateOnly(2026, 12, 31) } }));
    }

    private static LicenceKind Kind(string name) => name switch
    {
        "exclusive" => LicenceKind.Exclusive,
        "sole" => LicenceKind.Sole,
        _ => LicenceKind.NonExclusive,
    };
}
