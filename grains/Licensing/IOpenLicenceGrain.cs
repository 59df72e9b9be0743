
namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// A patent's open-licence offer (开放许可, Patent Law arts. 50–52), keyed by the canonical patent
/// number: the owner publishes a rate, and any party accepting it gets a non-exclusive licence on
/// exactly those terms.
/// </summary>
public interface IOpenLicenceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Publishes the offer, or a new version replacing it (licences already accepted keep their terms).
    /// The publisher must own the patent (422 <c>not_owner</c>), the patent must be in force, and no
    /// exclusive or sole licence may cover the offer's scope (409 <c>licence_conflict</c>).
    /// </summary>
    Task<OpenLicenceOffer> Publish(string ownerId, PublishOpenLicence offer);

    /// <summary>The offer in force, or null if none was published.</summary>
    Task<OpenLicenceOffer?> Get();

    /// <summary>
    /// Accepts the offer in force: grants licence <paramref name="licenceId"/> (non-exclusive, from today,
    /// until the patent expires) through the patent's conflict and pledge rules. With
    /// <paramref name="offerVersion"/> the acceptance is of that version only (409 <c>offer_changed</c>).
    /// Accepting again with the same licence id returns that licence.
    /// </summary>
    Task<LicenceView> Accept(string licenceId, string licenseeId, int? offerVersion);
}

/// <summary>The terms an owner offers: a per-unit rate and/or lump sum, in territories and fields (empty = all fields).</summary>
[GenerateSerializer]
public sealed record PublishOpenLicence(LicenceTerms Terms, IReadOnlyList<string> Territories, IReadOnlyList<string> FieldsOfUse);

/// <summary>A published offer and the licences accepted under any of its versions.</summary>
[GenerateSerializer]
public sealed record OpenLicenceOffer(
    string PatentNumber, int Version, string OwnerId, LicenceTerms Terms,
    IReadOnlyList<string> Territories, IReadOnlyList<string> FieldsOfUse,
    DateTimeOffset PublishedAt, IReadOnlyList<string> LicenceIds);
