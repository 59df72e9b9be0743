using Microsoft.Extensions.Configuration;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Matching (docs/MATCHING.md): a demand's ranked listings, a listing's fitting demands, and a match turned into a
/// negotiation in one call. Candidates come from the indexes (<see cref="IMatchQueries"/>); the score and its reasons
/// from <see cref="MatchScoring"/>, the one place the formula lives.
/// </summary>
public static class MatchesApi
{
    public static void MapMatchesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1").WithTags("Matching").RequireAuthorization();
        api.MapGet("/demands/{id}/matches", ForDemand)
            .WithSummary("Rank listings for a demand")
            .WithDescription("The demand's party. Open, unexpired listings of a wanted deal type, ranked by score (0–100) with its parts and reasons: IPC prefixes overlapped and the symbols under them, keywords and the fields they hit, budget fit, region, each patent's legal status, remaining term and current valuation, encumbrances (a pledge lowers the score; a licence blocked by an exclusive or sole licence is no match). Ties by listing id. `limit` 1–100 (default 20), `cursor` from `nextCursor`.")
            .Refuses(400, "validation_failed", "invalid_parameter")
            .Refuses(404, "demand_not_found");
        api.MapGet("/listings/{id}/matches", ForListing).RequireRoles(Role.Licensor, Role.Operator)
            .WithSummary("Find the demands a listing fits")
            .WithDescription("The listing's holder or center. Open, unexpired demands the listing fits, ranked by the same score; a demand's budget shows only as a verdict (`within`, `above`, …), its figures are its party's own.")
            .Refuses(400, "validation_failed", "invalid_parameter")
            .Refuses(404, "listing_not_found");
        api.MapPost("/demands/{id}/matches/{listingId}/negotiation", Negotiate).RequireIdempotencyKey()
            .WithSummary("Turn a match into a negotiation")
            .WithDescription("The demand's party, for a listing that matches its open demand. A sale opens a transfer (seller: the holder; buyer: the demand's party; `centerId` default the listing's; `price` within the asking range, default its maximum) and the listing becomes matched; an open licence is accepted (a non-exclusive licence on the published terms); an exclusive or non-exclusive licence opens a licence negotiation (`licenceNegotiation`, `/api/v1/licence-negotiations/{id}`) with the licensee's first offer: `scope` (default the listing's territories and fields, from today) and `terms` (default a lump sum of the asking maximum; required when the listing asks a royalty only). The demand becomes matched and records the negotiation. Answers 201.")
            .Refuses(400, "validation_failed", "required", "unknown_currency", "invalid_amount", "invalid_country", "invalid_date", "negative_rate", "currency_mismatch")
            .Refuses(404, "demand_not_found", "listing_not_found", "open_licence_not_found")
            .Refuses(409, "invalid_listing_state", "listing_expired", "invalid_demand_state", "demand_expired", "patent_in_transfer", "export_prohibited", "transfer_exists", "offer_changed", "licence_conflict", "pledgee_consent_required")
            .Refuses(422, "not_a_match", "price_outside_asking", "self_transfer", "unknown_party", "not_operating_center", "unknown_patent", "patent_not_in_force", "not_owner", "pool_option_required", "self_licence");
    }

    public static async Task<Results<Ok<DemandMatchesResponse>, ProblemHttpResult>> ForDemand(
        string id, string? cursor, string? limit, IGrainFactory grains, IMatchQueries queries, MarketClock clock)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IDemandGrain>(id).Profile() is not { } demand) return DemandsApi.NotFound(id);
        var (page, total) = await Page(demand, queries, clock.Today, from, size);
        return TypedResults.Ok(new DemandMatchesResponse(id, page, PageCursor.Next(from, page.Count, total)));
    }

    /// <summary>
    /// One page of a demand's matches: every match scored by the index's features (<see cref="IMatchQueries.ScoreListings"/>),
    /// ranked, then only the page's listings loaded and scored in full for their reasons (the same points).
    /// </summary>
    public static async Task<(List<ListingMatch> Page, int Total)> Page(DemandProfile demand, IMatchQueries queries, DateOnly today, int from, int size)
    {
        var ranked = (await queries.ScoreListings(demand, today)).OrderByDescending(s => s.Score.Total).ThenBy(s => s.ListingId, StringComparer.Ordinal).ToList();
        var ids = ranked.Skip(from).Take(size).Select(s => s.ListingId).ToList();
        var candidates = (await queries.Candidates(ids)).ToDictionary(c => c.Listing.Id);
        var page = new List<ListingMatch>();
        foreach (var listingId in ids)
            if (candidates.TryGetValue(listingId, out var c) && MatchScoring.Score(demand, c.Listing, c.Facts, today) is { } m)
                page.Add(new ListingMatch(from + page.Count + 1, m.ListingId, c.Listing.HolderId, c.Listing.DealType, m.Score, m.Reasons));
        return (page, ranked.Count);
    }

    public static async Task<Results<Ok<ListingMatchesResponse>, ProblemHttpResult>> ForListing(
        string id, string? cursor, string? limit, IGrainFactory grains, IMatchQueries queries, MarketClock clock)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IListingGrain>(id).Profile() is not { } listing) return ListingsApi.NotFound(id);
        var today = clock.Today;
        var facts = await queries.Facts(listing.Patents);
        var demands = (await queries.DemandCandidates(listing, today)).ToDictionary(d => d.Id);
        var ranked = MatchScoring.Rank(demands.Values.Select(d => MatchScoring.Score(d, listing, facts, today)).OfType<MatchResult>());
        var page = ranked.Skip(from).Take(size).Select((m, i) => new DemandMatch(from + i + 1, m.DemandId, demands[m.DemandId].PartyId,
            demands[m.DemandId].DealTypes, m.Score, m.Reasons with { Budget = m.Reasons.Budget with { Budget = null } })).ToList();
        return TypedResults.Ok(new ListingMatchesResponse(id, page, PageCursor.Next(from, page.Count, ranked.Count)));
    }

    public static async Task<Results<Created<NegotiationResponse>, ProblemHttpResult>> Negotiate(
        string id, string listingId, NegotiationRequest? request, HttpContext http, IGrainFactory grains, IMatchQueries queries,
        MarketClock clock, IConfiguration configuration)
    {
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IDemandGrain>(id).Get() is not { } demand) return DemandsApi.NotFound(id);
        var listingGrain = grains.GetGrain<IListingGrain>(LicenceRequests.IsKey(listingId) ? listingId : "-");
        if (!LicenceRequests.IsKey(listingId) || await listingGrain.Get() is not { } listing || listing.Status == OfferStatus.Draft)
            return ListingsApi.NotFound(listingId);
        if (request?.Price is { } p && (p.Amount is null || p.Currency is null))
            return Problems.Validation(new Dictionary<string, string[]> { [p.Amount is null ? "price.amount" : "price.currency"] = ["Required."] });

        // A retry of a negotiation already recorded answers it again, whatever the listing's status has become.
        if (demand.Negotiations.FirstOrDefault(n => n.ListingId == listingId) is { } done)
            return await Answer(done, demand, listing, grains);
        if (listing.Status != OfferStatus.Open)
            return Problems.Create(409, listing.Status == OfferStatus.Expired ? "listing_expired" : "invalid_listing_state",
                $"Listing {listingId} is {OfferLifecycle.Wire(listing.Status)}; only an open listing can be negotiated.");
        if (demand.Status != OfferStatus.Open)
            return Problems.Create(409, demand.Status == OfferStatus.Expired ? "demand_expired" : "invalid_demand_state",
                $"Demand {id} is {OfferLifecycle.Wire(demand.Status)}; only an open demand is negotiated.");
        var today = clock.Today;
        var profile = (await grains.GetGrain<IDemandGrain>(id).Profile())!;
        var listingProfile = (await listingGrain.Profile())!;
        if (MatchScoring.Score(profile, listingProfile, await queries.Facts(listingProfile.Patents), today) is null)
            return Problems.Field(422, "not_a_match", "listingId", $"Listing {listingId} does not match demand {id} (docs/MATCHING.md).");

        Negotiation negotiation;
        switch (listing.DealType)
        {
            case DealType.Sale:
            {
                var centerId = request?.CenterId ?? listing.CenterId;
                if (centerId is null) return Problems.Field(400, "required", "centerId", "Name the operating center that runs the sale (the listing names none).");
                var price = request?.Price is { } given ? new Money(given.Amount!.Value, given.Currency!)
                    : listing.Price is { } asking ? new Money(asking.Max, asking.Currency) : (Money?)null;
                if (price is not { } agreed) return Problems.Field(400, "required", "price", "The listing asks a royalty only: give the price of the sale.");
                if (listing.Price is { } range && (agreed.Currency != range.Currency || agreed.Amount < range.Min || agreed.Amount > range.Max))
                    return Problems.Field(422, "price_outside_asking", "price.amount", $"The listing asks {range.Min}–{range.Max} {range.Currency}.");
                var transferId = IdempotencyFilter.DerivedId(http, "trf_");
                await grains.GetGrain<ITransferGrain>(transferId).Create(new CreateTransfer(listing.Patents, listing.HolderId, demand.PartyId, agreed,
                    request?.PoolOption, centerId, TransferSettings.DefaultCommissionBps(configuration), TransferSettings.ExpiryDays(configuration)));
                negotiation = new Negotiation(listingId, "transfer", transferId, clock.GetUtcNow());
                break;
            }
            case DealType.OpenLicence:
            {
                if (listing.Patents.Count != 1 || await grains.GetGrain<IOpenLicenceGrain>(listing.Patents[0]).Get() is null)
                    return Problems.NotFound("open_licence_not_found", "The listed patent has no published open-licence offer to accept.");
                var licenceId = IdempotencyFilter.DerivedId(http, "lic_");
                await grains.GetGrain<IOpenLicenceGrain>(listing.Patents[0]).Accept(licenceId, demand.PartyId, null);
                negotiation = new Negotiation(listingId, "licence", licenceId, clock.GetUtcNow());
                break;
            }
            default:
            {
                // The licensee's first offer, pre-filled from the listing; the holder answers it (docs/MATCHING.md, "Licence negotiation").
                var errors = new FieldErrors();
                var s = request?.Scope;
                LicenceRequests.RequireItems(s?.Territories, "scope.territories", errors);
                LicenceRequests.RequireItems(s?.FieldsOfUse, "scope.fieldsOfUse", errors);
                var terms = request?.Terms is { } given ? LicenceRequests.Terms(given, "terms", errors)
                    : listing.Price is { } asking ? new LicenceTerms(asking.Currency, null, new Money(asking.Max, asking.Currency)) : null;
                if (errors.Any) return Problems.Validation(errors.ToDictionary());
                if (terms is null)
                    return Problems.Field(400, "required", "terms", "The listing asks a royalty in bps of net sales only: offer the licence's fixed terms (a per-unit rate and/or a lump sum).");
                var negotiationId = IdempotencyFilter.DerivedId(http, "neg_");
                await grains.GetGrain<ILicenceNegotiationGrain>(negotiationId).Open(new OpenLicenceNegotiation(listingId, id, listing.HolderId, demand.PartyId,
                    listing.CenterId, listing.Patents, listing.DealType == DealType.ExclusiveLicence ? LicenceKind.Exclusive : LicenceKind.NonExclusive,
                    new LicenceScope(s?.Territories ?? listing.Territories, s?.FieldsOfUse ?? listing.FieldsOfUse, s?.Start ?? today, s?.End), terms));
                negotiation = new Negotiation(listingId, "licence_negotiation", negotiationId, clock.GetUtcNow());
                break;
            }
        }
        // A sale can be made once: the listing is matched. An exclusive licence listing is matched when its negotiation
        // concludes (a declined one leaves it open); a non-exclusive offer stays open to others.
        if (listing.DealType is DealType.Sale) listing = await listingGrain.MarkMatched(id);
        demand = await grains.GetGrain<IDemandGrain>(id).MarkMatched(negotiation);
        return await Answer(negotiation, demand, listing, grains);
    }

    private static async Task<Results<Created<NegotiationResponse>, ProblemHttpResult>> Answer(
        Negotiation negotiation, DemandView demand, ListingView listing, IGrainFactory grains)
    {
        var location = $"/api/v1/demands/{demand.Id}/matches/{listing.Id}/negotiation";
        return negotiation.Kind switch
        {
            "transfer" => TypedResults.Created($"/api/v1/transfers/{negotiation.ResourceId}",
                new NegotiationResponse("transfer", demand, listing, await grains.GetGrain<ITransferGrain>(negotiation.ResourceId).Get(), null, null)),
            "licence" => TypedResults.Created($"/api/v1/licences/{negotiation.ResourceId}",
                new NegotiationResponse("licence", demand, listing, null,
                    await grains.GetGrain<ILicenceGrain>(negotiation.ResourceId).Get() is { } l ? LicenceWire.FromDomain(l) : null, null)),
            "licence_negotiation" => TypedResults.Created($"/api/v1/licence-negotiations/{negotiation.ResourceId}",
                new NegotiationResponse("licence_negotiation", demand, listing, null, null, null,
                    await grains.GetGrain<ILicenceNegotiationGrain>(negotiation.ResourceId).Get() is { } n ? LicenceNegotiationResponse.From(n) : null)),
            _ => TypedResults.Created(location, new NegotiationResponse("licence_proposal", demand, listing, null, null, new LicenceProposal(
                listing.HolderId, demand.PartyId, listing.Patents, listing.DealType == DealType.ExclusiveLicence ? LicenceKind.Exclusive : LicenceKind.NonExclusive,
                listing.Territories, listing.FieldsOfUse, MarketClock.DayOf(negotiation.OpenedAt), listing.Royalty, listing.Price))),
        };
    }
}
