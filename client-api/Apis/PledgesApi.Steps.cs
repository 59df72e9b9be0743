using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>The steps of a deal; each is the financier's (or an operator's) act on its own deal.</summary>
public static partial class PledgesApi
{
    private static void MapSteps(RouteGroupBuilder api)
    {
        api.MapPost("/{id}/appraise", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Appraise()));
        api.MapPost("/{id}/approve", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Approve()));
        api.MapPost("/{id}/register", (string id, PledgeRegistrationRequest r, ClaimsPrincipal u, IGrainFactory g) =>
            r.RegistrationNumber is null ? Task.FromResult(Required("registrationNumber")) : Step(id, u, g, d => d.Register(r.RegistrationNumber)));
        api.MapPost("/{id}/disburse", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Disburse())).RequireIdempotencyKey();
        api.MapPost("/{id}/repayments", (string id, PledgeRepaymentRequest r, HttpContext http, ClaimsPrincipal u, IGrainFactory g) =>
            r.Amount is not { Amount: { } amount, Currency: { } currency } ? Task.FromResult(Required("amount"))
                : Step(id, u, g, d => d.Repay(IdempotencyFilter.DerivedId(http, "rep_"), new Money(amount, currency)))).RequireIdempotencyKey();
        api.MapPost("/{id}/escrow-applications", ApplyEscrow).RequireIdempotencyKey();
        api.MapPost("/{id}/collateral", AddCollateral)
            .WithSummary("Pledge one more patent")
            .WithDescription("Adds a patent of the pledgor, with a current valuation (at most 12 months old, in the loan's currency) and its own CNIPA pledge " +
                "registration number, to a running loan's collateral and re-checks coverage: a margin call is cured by more collateral as by repayment. " +
                "The financier's (or an operator's) act; the same patent again answers the deal unchanged.")
            .Produces<PledgeDealView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/{id}/revalue", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Revalue()));
        api.MapPost("/{id}/renew", (string id, PledgeRenewalRequest r, ClaimsPrincipal u, IGrainFactory g) =>
            r.NewMaturity is not { } m ? Task.FromResult(Required("newMaturity")) : Step(id, u, g, d => d.Renew(m)));
        api.MapPost("/{id}/default", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.DeclareDefault()));
        // Both move money (a settlement's postings, an escrow returned), so both take an Idempotency-Key.
        api.MapPost("/{id}/dispose", Dispose).RequireIdempotencyKey();
        api.MapPost("/{id}/release", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Release())).RequireIdempotencyKey();
    }

    private static async Task<IResult> Step(string id, ClaimsPrincipal user, IGrainFactory grains, Func<IPledgeDealGrain, Task<PledgeDealView>> act)
    {
        if (await Visible(id, user, grains) is not { } deal) return NotFound(id);
        if (!user.Has(Role.Operator) && user.PartyId() != deal.FinancierId)
            return Problems.Create(403, "forbidden", $"Only the financier {deal.FinancierId} (or an operator) takes this step.");
        return TypedResults.Ok(await act(grains.GetGrain<IPledgeDealGrain>(id)));
    }

    private static IResult Required(string field) => Problems.Validation(new Dictionary<string, string[]> { [field] = ["Required."] });

    /// <summary>Applies the patents' pledge escrow (where distributions put a pledged patent's pool revenue); the grain reads the balances.</summary>
    public static Task<IResult> ApplyEscrow(string id, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        Step(id, user, grains, d => d.ApplyEscrow(IdempotencyFilter.DerivedId(http, "esc_")));

    public static async Task<IResult> Dispose(string id, PledgeDisposalRequest request, ClaimsPrincipal user, IGrainFactory grains, IConfiguration configuration, MarketClock clock)
    {
        if (request.Method is null) return Required("method");
        CreateTransfer? sale = null;
        if (request is { Method: "sale" or "auction", BuyerId: { } buyer, CenterId: { } center, Price: { Amount: { } price, Currency: { } currency } })
            sale = new CreateTransfer([], "", buyer, new Money(price, currency), null, center,
                TransferSettings.DefaultCommissionBps(configuration), TransferSettings.ExpiryDays(configuration));
        AuctionResult? auction = null;
        if (request.Method == "auction" && sale is not null)
        {
            if (request.ReservePrice is { } reserve && (reserve.Amount is null || reserve.Currency != sale.Price.Currency))
                return Problems.Field(400, "invalid_amount", "reservePrice", "A reserve price has an amount in the hammer price's currency.");
            auction = new AuctionResult(request.AuctionHouse ?? "", request.AuctionReference ?? "", request.AuctionDate ?? clock.Today,
                request.ReservePrice?.Amount, sale.Price.Amount);
        }
        return await Step(id, user, grains, d => d.Dispose(new DisposeCollateral(request.Method, request.Amount?.Amount, sale, auction)));
    }

    /// <summary>More collateral for a running loan; the number is canonicalised here, every other rule is the grain's.</summary>
    public static async Task<IResult> AddCollateral(string id, PledgeCollateralRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        PatentNumber? number = null;
        if (errors.Required(request.Number, "number") && !PatentNumber.TryParse(request.Number, out number, out var message))
            errors.Add("number", message);
        errors.Required(request.RegistrationNumber, "registrationNumber");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        return await Step(id, user, grains, d => d.AddCollateral(number!.Value, request.RegistrationNumber!));
    }
}
