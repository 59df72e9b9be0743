using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.Tests.Transfers;

public sealed class TransferRulesTests
{
    private static PatentTransferFacts Facts(string number, string[] owners, string? pledgee = null, params PoolMembership[] pools) =>
        new(number, LegalStatus.Granted, owners, pledgee, ExportControl.Free, null, [], pools, []);

    [Fact]
    public void Every_co_owner_and_every_pledgee_must_consent_once_each_for_all_their_patents()
    {
        var consents = TransferRules.ConsentsFor(
            [Facts("A", ["seller", "co"], "bank"), Facts("B", ["seller"], "bank"), Facts("C", ["seller", "co", "co2"])], "seller");

        Assert.Equal(["co", "bank", "co2"], consents.Select(c => c.PartyId));
        Assert.Equal(["A", "C"], consents[0].Patents);
        Assert.Equal([ConsentRole.Pledgee], consents[1].Roles);
        Assert.Equal(["A", "B"], consents[1].Patents);
        Assert.All(consents, c => Assert.Equal(ConsentDecision.Pending, c.Decision));
    }

    [Fact]
    public void A_sole_owner_with_no_pledge_needs_nobody() =>
        Assert.Empty(TransferRules.ConsentsFor([Facts("A", ["seller"])], "seller"));

    [Fact]
    public void A_co_owner_who_also_holds_the_pledge_consents_once_in_both_roles()
    {
        var consent = Assert.Single(TransferRules.ConsentsFor([Facts("A", ["seller", "bank"], "bank")], "seller"));

        Assert.Equal([ConsentRole.CoOwner, ConsentRole.Pledgee], consent.Roles);
    }

    [Fact]
    public void Patents_are_canonical_and_listed_once()
    {
        Assert.Equal(["201710601862.3"], TransferRules.RequirePatents(["ZL 201710601862.3"]));
        Assert.Equal("patents[1]", Assert.Throws<DomainException>(() => TransferRules.RequirePatents(["201710601862.3", "CN2017106018623"])).Field);
        Assert.Equal("invalid_patent_number", Assert.Throws<DomainException>(() => TransferRules.RequirePatents(["201710601862.4"])).Code);
        Assert.Equal("patents", Assert.Throws<DomainException>(() => TransferRules.RequirePatents([])).Field);
    }

    [Fact]
    public void Only_pools_with_no_withdrawal_under_way_need_a_pool_option()
    {
        var today = new DateOnly(2030, 5, 1);
        var facts = Facts("A", ["seller"], null,
            new PoolMembership("pool_in", today.AddYears(-1), null),
            new PoolMembership("pool_leaving", today.AddYears(-1), new DateOnly(2030, 7, 1)),
            new PoolMembership("pool_left", today.AddYears(-2), new DateOnly(2030, 1, 1)));

        Assert.Equal(["pool_in"], TransferRules.UnsettledPools(facts).Select(p => p.PoolId));
        Assert.Equal(["pool_in", "pool_leaving"], TransferRules.PoolsOn(facts, today).Select(p => p.PoolId));
    }

    [Theory]
    [InlineData("2030-03-01", "ZLBG-2030-0001", null, null)]
    [InlineData("2030-03-02", "ZLBG-2030-0001", "date_in_future", "date")]
    [InlineData("2030-01-31", "ZLBG-2030-0001", "notice_before_transfer", "date")]
    [InlineData("2030-03-01", "编号", "invalid_notice_number", "noticeNumber")]
    [InlineData("2030-03-01", "12345", "invalid_notice_number", "noticeNumber")]
    public void A_notice_has_a_number_and_a_date_between_the_transfer_and_today(string date, string number, string? code, string? field)
    {
        var recordation = new Recordation(number, DateOnly.Parse(date));
        var act = () => TransferRules.RequireNotice(recordation, new DateOnly(2030, 2, 1), new DateOnly(2030, 3, 1));

        if (code is null) Assert.Equal(number, act());
        else Assert.Equal((code, field), (Assert.Throws<DomainException>(act).Code, Assert.Throws<DomainException>(act).Field));
    }
}
