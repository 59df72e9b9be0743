using PatentNav.Market.Grains.Alliances;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Tests.Navigation;

/// <summary>The alliance rules of §11 (docs/NAVIGATION.md, "Alliances"), pure.</summary>
public sealed class AllianceRulesTests
{
    private static readonly DateOnly Today = new(2030, 1, 2);

    private static AllianceMember M(string party, string joined, string? left = null) =>
        new(party, DateOnly.Parse(joined), left is null ? null : DateOnly.Parse(left));

    [Fact]
    public void Members_on_a_day_are_those_joined_by_it_and_not_yet_left()
    {
        // B left on 2029-12-01: a member on 2029-11-30, not on 2029-12-01. C joined again on 2029-12-15.
        IReadOnlyList<AllianceMember> members = [M("A", "2029-01-01"), M("B", "2029-01-01", "2029-12-01"), M("C", "2029-06-01", "2029-09-01"), M("C", "2029-12-15")];
        Assert.Equal(["A", "B"], AllianceRules.MembersOn(members, new DateOnly(2029, 11, 30)));
        Assert.Equal(["A"], AllianceRules.MembersOn(members, new DateOnly(2029, 12, 1)));
        Assert.Equal(["A", "C"], AllianceRules.MembersOn(members, new DateOnly(2029, 12, 15)));
        Assert.Equal(["A", "B", "C"], AllianceRules.MembersOn(members, new DateOnly(2029, 7, 1)));
    }

    [Fact]
    public void Founding_needs_two_distinct_members_and_joining_days_not_in_the_future()
    {
        Assert.Equal("too_few_members", Assert.Throws<DomainException>(() => AllianceRules.Founders([new("A", null)], Today)).Code);
        var twice = Assert.Throws<DomainException>(() => AllianceRules.Founders([new("A", null), new("A", null)], Today));
        Assert.Equal(("duplicate_member", "members[1].partyId"), (twice.Code, twice.Field));
        var future = Assert.Throws<DomainException>(() => AllianceRules.Founders([new("A", null), new("B", Today.AddDays(1))], Today));
        Assert.Equal(("date_in_future", "members[1].joinedOn"), (future.Code, future.Field));
        Assert.Equal([Today, new DateOnly(2029, 5, 1)], AllianceRules.Founders([new("A", null), new("B", new DateOnly(2029, 5, 1))], Today).Select(m => m.JoinedOn));
    }

    [Fact]
    public void Joining_and_leaving_keep_periods_apart_and_two_members_at_least()
    {
        IReadOnlyList<AllianceMember> members = [M("A", "2029-01-01"), M("B", "2029-01-01"), M("C", "2029-01-01", "2029-06-01")];
        Assert.Null(AllianceRules.Join(members, "A", new DateOnly(2029, 1, 1), Today));                       // the same joining: a retry
        Assert.Equal("already_member", Assert.Throws<DomainException>(() => AllianceRules.Join(members, "A", Today, Today)).Code);
        Assert.Equal("joined_before_leaving", Assert.Throws<DomainException>(() => AllianceRules.Join(members, "C", new DateOnly(2029, 5, 1), Today)).Code);
        Assert.Equal(new DateOnly(2029, 6, 1), AllianceRules.Join(members, "C", new DateOnly(2029, 6, 1), Today)!.JoinedOn);

        // A and B are the only members: neither may leave. With C back, B may; leaving again the same day is a no-op.
        Assert.Equal("too_few_members", Assert.Throws<DomainException>(() => AllianceRules.Leave(members, "B", Today, Today)).Code);
        IReadOnlyList<AllianceMember> withC = [.. members, M("C", "2029-12-01")];
        var (index, ended) = AllianceRules.Leave(withC, "B", Today, Today)!.Value;
        Assert.Equal((1, Today), (index, ended.LeftOn!.Value));
        IReadOnlyList<AllianceMember> left = [withC[0], ended, withC[2], withC[3]];
        Assert.Null(AllianceRules.Leave(left, "B", Today, Today));
        Assert.Equal("member_not_found", Assert.Throws<DomainException>(() => AllianceRules.Leave(left, "Z", Today, Today)).Code);
        Assert.Equal("left_before_joining", Assert.Throws<DomainException>(() => AllianceRules.Leave(withC, "C", new DateOnly(2029, 11, 1), Today)).Code);
    }

    [Fact]
    public void A_charter_has_every_clause()
    {
        var charter = new AllianceCharter(" 联盟 ", "p", "s", AllianceForm.Contract, "r", "g", "f", "a", "d");
        Assert.Equal("联盟", AllianceRules.Charter(charter).Name);
        var missing = Assert.Throws<DomainException>(() => AllianceRules.Charter(charter with { Dissolution = "" }));
        Assert.Equal(("required", "charter.dissolution"), (missing.Code, missing.Field));
        Assert.Equal("too_long", Assert.Throws<DomainException>(() => AllianceRules.Charter(charter with { Name = new string('x', 201) })).Code);
    }
}
