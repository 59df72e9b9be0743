using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Matching;

namespace PatentNav.Market.Tests.Matching;

/// <summary>The licence negotiation rules (docs/MATCHING.md, "Licence negotiation"), pure.</summary>
public sealed class NegotiationRulesTests
{
    private static LicenceOffer Offer(int version, DateOnly respondBy) =>
        new(version, $"o{version}", NegotiationSide.Licensee, null, new LicenceScope(["CN"], [], new DateOnly(2030, 1, 2), null), new LicenceTerms("CNY", 100), DateTimeOffset.UnixEpoch, respondBy);

    [Fact]
    public void An_open_negotiation_expires_the_day_after_its_current_offers_respond_by_day()
    {
        var offer = Offer(1, new DateOnly(2030, 2, 1)); // made 2030-01-02, open 30 days
        Assert.Equal(NegotiationStatus.Open, NegotiationRules.StatusOn(NegotiationStatus.Open, offer, new DateOnly(2030, 2, 1)));
        Assert.Equal(NegotiationStatus.Expired, NegotiationRules.StatusOn(NegotiationStatus.Open, offer, new DateOnly(2030, 2, 2)));
        // Final states stay what they are.
        Assert.Equal(NegotiationStatus.Concluded, NegotiationRules.StatusOn(NegotiationStatus.Concluded, offer, new DateOnly(2031, 1, 1)));
        Assert.Equal("negotiation_expired", Assert.Throws<DomainException>(() => NegotiationRules.RequireOpen("n", NegotiationStatus.Expired)).Code);
        Assert.Equal("invalid_negotiation_state", Assert.Throws<DomainException>(() => NegotiationRules.RequireOpen("n", NegotiationStatus.Declined)).Code);
    }

    [Fact]
    public void An_answer_must_name_the_current_version_and_terms_are_a_licences()
    {
        var stale = Assert.Throws<DomainException>(() => NegotiationRules.RequireCurrent(Offer(3, default), 2, "basedOnVersion"));
        Assert.Equal(("offer_superseded", "basedOnVersion"), (stale.Code, stale.Field));
        NegotiationRules.RequireCurrent(Offer(3, default), 3, "version");
        Assert.Equal(NegotiationSide.Licensor, NegotiationRules.Other(NegotiationSide.Licensee));
        var scope = new LicenceScope(["CN"], [], new DateOnly(2030, 1, 2), null);
        Assert.Equal("required", Assert.Throws<DomainException>(() => NegotiationRules.Require(scope, new LicenceTerms("CNY"))).Code);
        Assert.Equal("unknown_currency", Assert.Throws<DomainException>(() => NegotiationRules.Require(scope, new LicenceTerms("XXQ", 1))).Code);
    }
}
