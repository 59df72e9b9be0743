namespace PatentNav.Market.Grains.Licensing;

/// <summary>Durable state of <see cref="OpenLicenceGrain"/>: the offer in force (null before the first publication).</summary>
public sealed class OpenLicenceState
{
    public OpenLicenceOffer? Offer { get; set; }
}
