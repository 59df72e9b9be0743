using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Licensing;

public sealed class OpenLicenceGrain([PersistentState("open-licence", MarketStorage.Name)] IPersistentState<OpenLicenceState> open, MarketClock clock) : Grain, IOpenLicenceGrain
{
    private string Number => this.GetPrimaryKeyString();

    private DateOnly Today => clock.Today;

    public async Task<OpenLicenceOffer> Publish(string ownerId, PublishOpenLicence offer)
    {
        var terms = LicenceTerms.RequireBilateral(offer.Terms, "terms");
        var scope = LicenceScope.Require(new LicenceScope([.. offer.Territories.Distinct()], [.. offer.FieldsOfUse.Distinct()], Today, null), "");
        var patent = await GrainFactory.GetGrain<IPatentGrain>(Number).Get()
            ?? throw DomainException.NotFound("patent_not_found", $"Patent {Number} is not registered.");
        if (!patent.OwnerIds.Contains(ownerId))
            throw DomainException.Unprocessable("not_owner", $"Party {ownerId} does not own patent {Number}.", "number");
        if (!patent.Status.IsInForce())
            throw DomainException.Unprocessable("patent_not_in_force", $"Patent {Number} is {patent.Status}.", "number");
        // An open licence grants non-exclusive licences to all comers, which an exclusive or sole licence rules out.
        var probe = new LicenceGrant("open-licence", LicenceKind.NonExclusive, "", scope);
        if (LicenceConflicts.Find(patent.Licences, [], probe) is { } collision)
            throw DomainException.Conflict("licence_conflict", $"Patent {Number} is under exclusive or sole licence {collision}.", "number");

        var previous = open.State.Offer;
        open.State.Offer = new OpenLicenceOffer(Number, (previous?.Version ?? 0) + 1, ownerId, terms,
            scope.Territories, scope.FieldsOfUse, clock.GetUtcNow(), previous?.LicenceIds ?? []);
        await open.WriteStateAsync();
        return open.State.Offer;
    }

    public Task<OpenLicenceOffer?> Get() => Task.FromResult(open.State.Offer);

    public async Task<LicenceView> Accept(string licenceId, string licenseeId, int? offerVersion)
    {
        var offer = open.State.Offer ?? throw DomainException.NotFound("open_licence_not_found", $"Patent {Number} has no open-licence offer.");
        var licence = GrainFactory.GetGrain<ILicenceGrain>(licenceId);
        if (offer.LicenceIds.Contains(licenceId)) return (await licence.Get())!;
        if (offerVersion is { } version && version != offer.Version)
            throw DomainException.Conflict("offer_changed", $"The offer is now version {offer.Version}; read it and accept again.", "version");

        // A re-run after a version conflict finds the licence its first run created.
        var view = await licence.Get() is { } created && created.OpenLicence?.PatentNumber == Number && created.LicenseeId == licenseeId
            ? created
            : await Grant(licence, licenseeId, offer);
        open.State.Offer = offer with { LicenceIds = [.. offer.LicenceIds, licenceId] };
        await open.WriteStateAsync();
        return view;
    }

    /// <summary>The licence on exactly the offer's terms; refusals name the patent in the path, the only patent there is.</summary>
    private async Task<LicenceView> Grant(ILicenceGrain licence, string licenseeId, OpenLicenceOffer offer)
    {
        try
        {
            return await licence.CreateBilateral(new CreateBilateralLicence(
                offer.OwnerId, licenseeId, [Number], LicenceKind.NonExclusive, new LicenceScope(offer.Territories, offer.FieldsOfUse, Today, null),
                offer.Terms, new OpenLicenceRef(Number, offer.Version)));
        }
        catch (DomainException refused) when (refused.Field == "patents[0]")
        {
            throw new DomainException(refused.Kind, refused.Code, refused.Message, "number");
        }
    }
}
