using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Matching;

public sealed class LicenceNegotiationGrain(
    [PersistentState(LicenceNegotiationGrain.StateName, MarketStorage.Name)] IPersistentState<LicenceNegotiationState> negotiation, MarketClock clock)
    : Grain, ILicenceNegotiationGrain
{
    public const string StateName = "licence-negotiation";

    private string Id => this.GetPrimaryKeyString();

    /// <summary>The licence a concluded negotiation grants: its id derives from the negotiation's, so a retry addresses the same licence.</summary>
    public static string LicenceIdOf(string negotiationId) => "lic_" + (negotiationId.StartsWith("neg_", StringComparison.Ordinal) ? negotiationId[4..] : negotiationId);

    public async Task<LicenceNegotiationView> Open(OpenLicenceNegotiation terms)
    {
        if (negotiation.State.Terms is not null) return View();
        var (scope, licenceTerms) = NegotiationRules.Require(terms.Scope, terms.Terms);
        var now = clock.GetUtcNow();
        negotiation.State.Terms = terms with { Scope = scope, Terms = licenceTerms };
        negotiation.State.Offers = [new LicenceOffer(1, Id + ":1", NegotiationSide.Licensee, CallerContext.Current, scope, licenceTerms, now, RespondBy(now))];
        negotiation.State.Status = NegotiationStatus.Open;
        negotiation.State.CreatedAt = now;
        await negotiation.WriteStateAsync();
        return View();
    }

    public Task<LicenceNegotiationView?> Get() => Task.FromResult(negotiation.State.Terms is null ? null : View());

    public async Task<LicenceNegotiationView> Counter(string offerId, NegotiationSide side, int basedOnVersion, LicenceScope scope, LicenceTerms terms)
    {
        Require();
        if (negotiation.State.Offers.Any(o => o.OfferId == offerId)) return View();
        NegotiationRules.RequireOpen(Id, Status);
        NegotiationRules.RequireCurrent(Current, basedOnVersion, "basedOnVersion");
        var (s, t) = NegotiationRules.Require(scope, terms);
        var now = clock.GetUtcNow();
        negotiation.State.Offers.Add(new LicenceOffer(Current.Version + 1, offerId, side, CallerContext.Current, s, t, now, RespondBy(now)));
        await negotiation.WriteStateAsync();
        return View();
    }

    public async Task<LicenceNegotiationView> Accept(NegotiationSide side, int version)
    {
        var terms = Require();
        if (negotiation.State.Status == NegotiationStatus.Concluded && Current.Version == version && Current.By != side) return View();
        NegotiationRules.RequireOpen(Id, Status);
        NegotiationRules.RequireCurrent(Current, version, "version");
        if (Current.By == side)
            throw DomainException.Conflict("own_offer", $"Version {version} is the {Wire(side)}'s own offer; it awaits the {Wire(NegotiationRules.Other(side))}.", "version");

        // The licence through the licence workflow itself: ownership, §4 conflicts, co-owner consent, pledgee consent. A
        // refusal there leaves this negotiation as it was (nothing is written before it). A retry after a crash between the
        // licence's write and ours finds the licence granted already and concludes.
        var licenceId = LicenceIdOf(Id);
        var licence = GrainFactory.GetGrain<ILicenceGrain>(licenceId);
        if (await licence.Get() is null)
            await licence.CreateBilateral(new CreateBilateralLicence(terms.LicensorId, terms.LicenseeId, terms.Patents, terms.Kind, Current.Scope, Current.Terms));

        // An exclusive licence can be granted once: the listing is matched to this demand (if it is still open).
        if (terms.Kind == LicenceKind.Exclusive)
        {
            var listing = GrainFactory.GetGrain<IListingGrain>(terms.ListingId);
            if (await listing.Get() is { Status: OfferStatus.Open }) await listing.MarkMatched(terms.DemandId);
        }
        negotiation.State.Status = NegotiationStatus.Concluded;
        negotiation.State.LicenceId = licenceId;
        negotiation.State.Closing = new NegotiationClosing(NegotiationStatus.Concluded, side, CallerContext.Current, clock.GetUtcNow(), null);
        await negotiation.WriteStateAsync();
        return View();
    }

    public async Task<LicenceNegotiationView> Decline(NegotiationSide side, string? reason)
    {
        Require();
        if (negotiation.State.Closing is { Status: NegotiationStatus.Declined } closed && closed.By == side) return View();
        NegotiationRules.RequireOpen(Id, Status);
        if (Current.By == side)
            throw DomainException.Conflict("own_offer", $"The current offer is the {Wire(side)}'s own: withdraw it instead.", "side");
        return await Close(NegotiationStatus.Declined, side, reason);
    }

    public async Task<LicenceNegotiationView> Withdraw(NegotiationSide side, string? reason)
    {
        Require();
        if (negotiation.State.Closing is { Status: NegotiationStatus.Withdrawn } closed && closed.By == side) return View();
        NegotiationRules.RequireOpen(Id, Status);
        return await Close(NegotiationStatus.Withdrawn, side, reason);
    }

    private async Task<LicenceNegotiationView> Close(NegotiationStatus status, NegotiationSide side, string? reason)
    {
        negotiation.State.Status = status;
        negotiation.State.Closing = new NegotiationClosing(status, side, CallerContext.Current, clock.GetUtcNow(), reason);
        await negotiation.WriteStateAsync();
        return View();
    }

    private LicenceOffer Current => negotiation.State.Offers[^1];

    private NegotiationStatus Status => NegotiationRules.StatusOn(negotiation.State.Status, Current, clock.Today);

    private static DateOnly RespondBy(DateTimeOffset at) => MarketClock.DayOf(at).AddDays(NegotiationRules.ResponseDays);

    private OpenLicenceNegotiation Require() =>
        negotiation.State.Terms ?? throw DomainException.NotFound("negotiation_not_found", $"Licence negotiation {Id} does not exist.");

    private static string Wire(NegotiationSide side) => side.ToString().ToLowerInvariant();

    private LicenceNegotiationView View()
    {
        var s = negotiation.State;
        var t = s.Terms!;
        return new LicenceNegotiationView(Id, Status, t.ListingId, t.DemandId, t.LicensorId, t.LicenseeId, t.CenterId, t.Patents, t.Kind,
            Current.Version, NegotiationRules.Other(Current.By), s.Offers, s.LicenceId, s.Closing, s.CreatedAt);
    }
}
