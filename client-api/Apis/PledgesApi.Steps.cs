using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>The steps of a deal; each is the financier's act on its own deal (who may act: <see cref="Tenancy.TenancyRules"/>).</summary>
public static partial class PledgesApi
{
    private static void MapSteps(RouteGroupBuilder api)
    {
        api.MapPost("/{id}/acceptance", Accept).RequireRoles(Role.Licensor)
            .WithSummary("The pledgor accepts a financier's application")
            .WithDescription("A deal the financier applied for waits for the pledgor (a licensor key of pledgorId) before it can be appraised; accepting again changes nothing.")
            .Produces<PledgeDealView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/{id}/appraise", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Appraise()));
        api.MapPost("/{id}/approve", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Approve()));
        api.MapPost("/{id}/register", (string id, PledgeRegistrationRequest r, ClaimsPrincipal u, IGrainFactory g) =>
            r.RegistrationNumber is null ? Task.FromResult(Required("registrationNumber")) : Step(id, u, g, d => d.Register(r.RegistrationNumber)));
        api.MapPost("/{id}/disburse", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Disburse())).RequireIdempotencyKey();
        api.MapPost("/{id}/repayments", (string id, PledgeRepaymentRequest r, HttpContext http, ClaimsPrincipal u, IGrainFactory g) =>
            r.Amount is not { Amount: { } amount, Currency: { } currency } ? Task.FromResult(Required("amount"))
                : Step(id, u, g, d => d.Repay(IdempotencyFilter.DerivedId(http, "rep_"), new Money(amount, currency)))).RequireIdempotencyKey();
        api.MapPost("/{id}/escrow-applications", ApplyEscrow).RequireIdempotencyKey();
        api.MapPost("/{id}/revalue", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Revalue()));
        api.MapPost("/{id}/renew", (string id, PledgeRenewalRequest r, ClaimsPrincipal u, IGrainFactory g) =>
            r.NewMaturity is not { } m ? Task.FromResult(Required("newMaturity")) : Step(id, u, g, d => d.Renew(m)));
        api.MapPost("/{id}/default", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.DeclareDefault()));
        api.MapPost("/{id}/dispose", Dispose);
        api.MapPost("/{id}/release", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Release()));
    }

    private static async Task<IResult> Step(string id, ClaimsPrincipal user, IGrainFactory grains, Func<IPledgeDealGrain, Task<PledgeDealView>> act)
    {
        if (await Visible(id, user, grains) is null) return NotFound(id);
        return TypedResults.Ok(await act(grains.GetGrain<IPledgeDealGrain>(id)));
    }

    /// <summary>The pledgor's own step: its key (or the admin) accepts the financier's application.</summary>
    public static async Task<Results<Ok<PledgeDealView>, ProblemHttpResult>> Accept(string id, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) && await grains.GetGrain<IPledgeDealGrain>(id).Get() is not null
            ? TypedResults.Ok(await grains.GetGrain<IPledgeDealGrain>(id).AcceptApplication())
            : NotFound(id);

    private static IResult Required(string field) => Problems.Validation(new Dictionary<string, string[]> { [field] = ["Required."] });

    /// <summary>Applies the patents' pledge escrow (where distributions put a pledged patent's pool revenue); the grain reads the balances.</summary>
    public static Task<IResult> ApplyEscrow(string id, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        Step(id, user, grains, d => d.ApplyEscrow(IdempotencyFilter.DerivedId(http, "esc_")));

    public static async Task<IResult> Dispose(string id, PledgeDisposalRequest request, ClaimsPrincipal user, IGrainFactory grains, IConfiguration configuration)
    {
        if (request.Method is null) return Required("method");
        CreateTransfer? sale = null;
        if (request is { Method: "sale", BuyerId: { } buyer, CenterId: { } center, Price: { Amount: { } price, Currency: { } currency } })
            sale = new CreateTransfer([], "", buyer, new Money(price, currency), null, center,
                TransferSettings.DefaultCommissionBps(configuration), TransferSettings.ExpiryDays(configuration));
        return await Step(id, user, grains, d => d.Dispose(new DisposeCollateral(request.Method, request.Amount?.Amount, sale)));
    }
}
