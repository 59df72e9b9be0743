using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Maps licences and offers to the wire: rates as decimal strings of minor units, like rate cards.</summary>
public static class LicenceWire
{
    public static TermsBody Terms(LicenceTerms t) =>
        new(t.Currency, t.PerUnitRate is { } rate ? RateCardWire.FormatRate(rate) : null, t.LumpSum, t.PoolId, t.RateCardVersion, t.RoyaltyFree);

    public static LicenceResponse FromDomain(LicenceView l) => new(
        l.Id, l.Type, l.Kind, l.Status, l.LicensorIds, l.LicenseeId, l.PoolId, l.Patents, l.Scope, Terms(l.Terms),
        l.OpenLicence, l.CnipaFiling, l.CreatedAt, l.Version, l.BreachNotices ?? [], l.Suspension, l.Ending);

    public static OpenLicenceResponse FromDomain(OpenLicenceOffer o) => new(
        o.PatentNumber, o.Version, o.OwnerId, Terms(o.Terms), o.Territories, o.FieldsOfUse, o.PublishedAt, o.LicenceIds);
}
