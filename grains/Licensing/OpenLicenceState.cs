namespace PatentNav.Market.Grains.Licensing;

/// <summary>Durable state of <see cref="OpenLicenceGrain"/>: the offer in force (null before the first publication).</summary>
[GenerateSerializer]
public sealed class OpenLicenceState
{
    [Id(0)]
    public OpenLicenceOffer? Offer { get; set; }
}
