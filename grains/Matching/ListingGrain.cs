using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Matching;

public sealed class ListingGrain([PersistentState(ListingGrain.StateName, MarketStorage.Name)] IPersistentState<ListingState> listing, MarketClock clock)
    : Grain, IListingGrain
{
    public const string StateName = "listing";

    private string Id => this.GetPrimaryKeyString();

    public async Task<ListingView> Create(CreateListing terms)
    {
        if (listing.State.Terms is not null) return View();
        var today = clock.Today;
        OfferLifecycle.RequireValidUntil(terms.ValidUntil, today);
        if (terms.Price is null && terms.Royalty is null)
            throw DomainException.Invalid("required", "price", "Give asking terms: a price range, a royalty range or both.");
        if (terms.Price is { } price) MoneyRange.Require(price, "price");
        if (terms.Royalty is { } royalty) RoyaltyRange.Require(royalty, "royalty");
        terms = terms with { Territories = terms.Territories.Count > 0 ? [.. terms.Territories.Distinct()] : ["CN"], FieldsOfUse = [.. terms.FieldsOfUse.Distinct()] };
        Licensing.LicenceScope.Require(new Licensing.LicenceScope(terms.Territories, terms.FieldsOfUse, today, null), "");
        var patents = await Patents(terms.Patents);
        var flags = ListingRules.Check(patents, terms.HolderId, terms, today);
        var reports = await Navigation.ReportCitations.Cite(GrainFactory, terms.ReportIds ?? [], Navigation.CitingKind.Listing, Id, clock.GetUtcNow());

        listing.State.Terms = terms;
        listing.State.Patents = [.. patents.Select(p => new ListedPatent(p!.Number, p.Title, p.Abstract, p.Ipc))];
        listing.State.Encumbrances = [.. flags];
        listing.State.ReportIds = [.. reports];
        listing.State.CreatedAt = clock.GetUtcNow();
        listing.State.CreatedBy = CallerContext.Current;
        listing.State.Status = OfferStatus.Draft;
        listing.State.History.Add(new OfferStep(OfferStatus.Draft, CallerContext.Current, listing.State.CreatedAt));
        if (terms.Open) MoveTo(OfferStatus.Open, null);
        await listing.WriteStateAsync();
        return View();
    }

    public Task<ListingView?> Get() => Task.FromResult(listing.State.Terms is null ? null : View());

    public Task<ListingProfile?> Profile() =>
        Task.FromResult(listing.State.Terms is { } terms ? ListingProfile.Of(Id, terms, listing.State.Patents) : null);

    public async Task<ListingView> Open()
    {
        var terms = Require();
        if (!OfferLifecycle.Move("listing", Id, Status, OfferStatus.Open)) return View();
        // The patents may have changed since the draft: the rules are checked as they are now.
        listing.State.Encumbrances = [.. ListingRules.Check(await Patents(terms.Patents), terms.HolderId, terms, clock.Today)];
        MoveTo(OfferStatus.Open, null);
        await listing.WriteStateAsync();
        return View();
    }

    public async Task<ListingView> Withdraw(string? reason)
    {
        Require();
        if (!OfferLifecycle.Move("listing", Id, Status, OfferStatus.Withdrawn)) return View();
        MoveTo(OfferStatus.Withdrawn, reason);
        await listing.WriteStateAsync();
        return View();
    }

    public async Task<ListingView> MarkMatched(string demandId)
    {
        Require();
        if (listing.State.MatchedDemandId == demandId) return View();
        OfferLifecycle.Move("listing", Id, Status, OfferStatus.Matched);
        listing.State.MatchedDemandId = demandId;
        MoveTo(OfferStatus.Matched, $"demand {demandId}");
        await listing.WriteStateAsync();
        return View();
    }

    public async Task<ListingView> CiteReports(IReadOnlyList<string> reportIds)
    {
        Require();
        var cited = await Navigation.ReportCitations.Cite(GrainFactory, reportIds, Navigation.CitingKind.Listing, Id, clock.GetUtcNow());
        var added = cited.Where(r => !listing.State.ReportIds.Contains(r)).ToList();
        if (added.Count == 0) return View();
        listing.State.ReportIds.AddRange(added);
        await listing.WriteStateAsync();
        return View();
    }

    private OfferStatus Status => OfferLifecycle.StatusOn(listing.State.Status, Require().ValidUntil, clock.Today);

    private CreateListing Require() => listing.State.Terms ?? throw DomainException.NotFound("listing_not_found", $"Listing {Id} does not exist.");

    private void MoveTo(OfferStatus status, string? detail)
    {
        var now = clock.GetUtcNow();
        listing.State.Status = status;
        if (status == OfferStatus.Open) listing.State.OpenedAt = now;
        listing.State.History.Add(new OfferStep(status, CallerContext.Current, now, detail));
    }

    private async Task<IReadOnlyList<PatentView?>> Patents(IReadOnlyList<string> numbers) =>
        await Task.WhenAll(numbers.Select(n => GrainFactory.GetGrain<IPatentGrain>(n).Get()));

    private ListingView View()
    {
        var s = listing.State;
        var t = s.Terms!;
        return new ListingView(Id, Status, t.HolderId, t.CenterId, t.Patents, t.DealType, t.Price, t.Royalty, t.Territories, t.FieldsOfUse,
            t.ValidUntil, t.Title, t.Description, t.Region?.Value, s.Encumbrances, s.History, s.CreatedAt, s.CreatedBy, s.MatchedDemandId, s.ReportIds);
    }
}
