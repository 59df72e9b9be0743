using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Rate cards and quotes: public, and identical for every caller with the same inputs (§5).</summary>
public static partial class PoolsApi
{
    public const int MaxRegionLength = 50;

    public static async Task<Results<Created<RateCardBody>, ProblemHttpResult>> PublishRateCard(
        string id, RateCardBody request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await RequireAdministrator(id, user, grains) is { } refused) return refused;
        var errors = new FieldErrors();
        if (RateCardWire.ToDomain(request, errors) is not { } card) return Problems.Validation(errors.ToDictionary());
        RateCard published;
        try
        {
            published = await grains.GetGrain<IPoolGrain>(id).PublishRateCard(card);
        }
        catch (DomainException ex) when (RateCardWire.ToWire(ex) is var wire && wire != ex)
        {
            throw wire;
        }
        return TypedResults.Created($"/api/v1/pools/{id}/rate-cards", RateCardWire.FromDomain(published));
    }

    public static async Task<Results<Ok<RateCardListResponse>, ProblemHttpResult>> RateCards(string id, IGrainFactory grains, MarketClock clock)
    {
        if (await grains.GetGrain<IPoolGrain>(id).Get() is not { } pool) return NotFound(id);
        var inForce = RateCardHistory.InForceOn(pool.RateCards, clock.Today);
        return TypedResults.Ok(new RateCardListResponse(pool.Id, pool.Charter.Currency, inForce?.Version, [.. pool.RateCards.Select(RateCardWire.FromDomain)]));
    }

    /// <summary>
    /// The price of <c>units</c> under today's card. Compliance state: an authenticated licensee key
    /// counts as compliant (nothing can be overdue until invoices exist); anyone else is quoted without the discount.
    /// </summary>
    public static async Task<Results<Ok<PoolQuote>, ProblemHttpResult>> Quote(
        string id, string? category, string? region, long? units, HttpContext http, IGrainFactory grains)
    {
        // The caller's key decides the compliance state, so a key that does not authenticate is refused, not ignored.
        var user = http.User;
        if (http.Request.Headers.Authorization.Count > 0 && user.Identity?.IsAuthenticated != true)
            return Problems.Create(401, "unauthenticated", "The token is not valid; send none for an anonymous quote.");
        var errors = new FieldErrors();
        errors.Required(category, "category");
        if (errors.Required(region, "region") && region.Length > MaxRegionLength) errors.Add("region", $"At most {MaxRegionLength} characters.");
        if (errors.Required(units, "units") && units < 0) errors.Add("units", "Units are not negative.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var compliant = user.IsInRole(MarketPrincipal.RoleName(Role.Licensee));
        return TypedResults.Ok(await grains.GetGrain<IPoolGrain>(id).Quote(category!, region!, units!.Value, compliant));
    }
}
