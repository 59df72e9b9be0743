namespace PatentNav.Market.Grains.Matching;

public sealed class DemandGrain([PersistentState(DemandGrain.StateName, MarketStorage.Name)] IPersistentState<DemandState> demand, MarketClock clock)
    : Grain, IDemandGrain
{
    public const string StateName = "demand";

    private string Id => this.GetPrimaryKeyString();

    public async Task<DemandView> Create(CreateDemand terms)
    {
        if (demand.State.Terms is not null) return View();
        demand.State.Terms = DemandRules.Normalize(terms, clock.Today);
        demand.State.CreatedAt = clock.GetUtcNow();
        MoveTo(OfferStatus.Draft, null);
        if (terms.Open) MoveTo(OfferStatus.Open, null);
        await demand.WriteStateAsync();
        return View();
    }

    public Task<DemandView?> Get() => Task.FromResult(demand.State.Terms is null ? null : View());

    public Task<DemandProfile?> Profile() => Task.FromResult(demand.State.Terms is { } terms ? DemandProfile.Of(Id, terms) : null);

    public Task<DemandView> Open() => Move(OfferStatus.Open, null);

    public Task<DemandView> Withdraw(string? reason) => Move(OfferStatus.Withdrawn, reason);

    public async Task<DemandView> MarkMatched(Negotiation negotiation)
    {
        Require();
        if (demand.State.Negotiations.Any(n => n.ListingId == negotiation.ListingId)) return View();
        OfferLifecycle.Move("demand", Id, Status, OfferStatus.Matched);
        demand.State.Negotiations.Add(negotiation);
        MoveTo(OfferStatus.Matched, $"listing {negotiation.ListingId}: {negotiation.Kind} {negotiation.ResourceId}");
        await demand.WriteStateAsync();
        return View();
    }

    private async Task<DemandView> Move(OfferStatus to, string? detail)
    {
        Require();
        if (!OfferLifecycle.Move("demand", Id, Status, to)) return View();
        MoveTo(to, detail);
        await demand.WriteStateAsync();
        return View();
    }

    private OfferStatus Status => OfferLifecycle.StatusOn(demand.State.Status, Require().ValidUntil, clock.Today);

    private CreateDemand Require() => demand.State.Terms ?? throw DomainException.NotFound("demand_not_found", $"Demand {Id} does not exist.");

    private void MoveTo(OfferStatus status, string? detail)
    {
        demand.State.Status = status;
        demand.State.History.Add(new OfferStep(status, CallerContext.Current, clock.GetUtcNow(), detail));
    }

    private DemandView View()
    {
        var s = demand.State;
        var t = s.Terms!;
        return new DemandView(Id, Status, t.PartyId, t.Title, t.IpcPrefixes, t.Keywords, t.Budget, t.Region?.Value, t.DealTypes, t.ValidUntil,
            s.History, s.CreatedAt, s.Negotiations.LastOrDefault()?.ListingId, s.Negotiations);
    }
}
