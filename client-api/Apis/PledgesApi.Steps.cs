using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
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
            .Produces<PledgeDealView>()
            .Refuses(403, "forbidden")
            .Refuses(404, "pledge_not_found");
        api.MapPost("/{id}/appraise", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Appraise()))
            .DealStep("Appraise the collateral", "Re-reads the patents' current valuations (at most 12 months old) into the deal: applied → appraised.")
            .Refuses(422, "stale_valuation", "no_valuation");
        api.MapPost("/{id}/approve", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Approve()))
            .DealStep("Approve the loan", "Checks the LTV against the product's caps on current valuations: appraised → approved.")
            .Refuses(422, "ltv_exceeded", "stale_valuation");
        api.MapPost("/{id}/register", (string id, PledgeRegistrationRequest r, ClaimsPrincipal u, IGrainFactory g) =>
            r.RegistrationNumber is null ? Task.FromResult(Required("registrationNumber")) : Step(id, u, g, d => d.Register(r.RegistrationNumber, r.RegisteredOn)))
            .DealStep("Register the pledge", "Also an operator of the deal's `centerId`, the center filing the registration for the parties. "
                + "Records the CNIPA pledge registration number and day (`registeredOn`, default today; not in the future, 400 `date_in_future`; not before the approval, "
                + "422 `registered_before_approval`) and sets the patents' pledgee, the financier (licences, pool admissions and transfers then need its consent): approved → registered.")
            .WithRequestExample(new PledgeRegistrationRequest("Y2026980000123", new DateOnly(2026, 12, 1)))
            .Refuses(400, "validation_failed", "invalid_registration_number", "date_in_future")
            .Refuses(409, "patent_already_pledged")
            .Refuses(422, "registered_before_approval");
        api.MapPost("/{id}/disburse", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Disburse())).RequireIdempotencyKey()
            .DealStep("Disburse the loan", "Posts the principal, generates the repayment schedule and starts the daily reminder: registered → active.");
        api.MapPost("/{id}/repayments", (string id, PledgeRepaymentRequest r, HttpContext http, ClaimsPrincipal u, IGrainFactory g) =>
            r.Amount is not { Amount: { } amount, Currency: { } currency } ? Task.FromResult(Required("amount"))
                : Step(id, u, g, d => d.Repay(IdempotencyFilter.DerivedId(http, "rep_"), new Money(amount, currency)))).RequireIdempotencyKey()
            .DealStep("Record a repayment", "Interest first, then principal, in the loan's currency exactly; a repayment that brings the LTV back within cap + buffer cures a margin call.")
            .Refuses(400, "validation_failed", "unknown_currency", "invalid_amount")
            .Refuses(422, "overpayment", "currency_mismatch");
        api.MapPost("/{id}/escrow-applications", ApplyEscrow).RequireIdempotencyKey()
            .DealStep("Apply pledge escrow to the loan", "Applies what the pledged patents earned (pool revenue, licence royalties, sale proceeds: Civil Code art. 444) held in `escrow:pledge:{number}` to the loan, interest first, one application at a time.")
            .Refuses(422, "escrow_empty");
        api.MapPost("/{id}/collateral", AddCollateral)
            .DealStep("Pledge one more patent", "Adds a patent of the pledgor, with a current valuation (at most 12 months old, in the loan's currency) and its own CNIPA " +
                "pledge registration number, to a running loan's collateral and re-checks coverage: a margin call is cured by more collateral as by repayment. " +
                "The same patent again answers the deal unchanged.")
            .Refuses(400, "validation_failed", "invalid_registration_number")
            .Refuses(409, "patent_already_pledged")
            .Refuses(422, "unknown_patent", "not_owner", "patent_not_in_force", "no_valuation", "stale_valuation", "valuation_not_yet_effective", "currency_mismatch");
        api.MapPost("/{id}/revalue", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Revalue()))
            .DealStep("Revalue the collateral", "Re-reads valuations; raises a margin call when the LTV passes cap + buffer (cure by today + the cure period), or cures one.")
            .Refuses(422, "stale_valuation", "no_valuation");
        api.MapPost("/{id}/renew", (string id, PledgeRenewalRequest r, ClaimsPrincipal u, IGrainFactory g) =>
            r.NewMaturity is not { } m ? Task.FromResult(Required("newMaturity")) : Step(id, u, g, d => d.Renew(m)))
            .DealStep("Renew the loan", "Moves the maturity (after today and the current one) and regenerates the schedule for the principal left.")
            .Refuses(400, "validation_failed", "invalid_maturity")
            .Refuses(422, "overdue", "ltv_exceeded", "stale_valuation");
        api.MapPost("/{id}/default", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.DeclareDefault()))
            .DealStep("Declare a default", "Only past the grace period or past an uncured margin call's cure date.")
            .Refuses(422, "no_event_of_default");
        // Both move money (a settlement's postings, an escrow returned), so both take an Idempotency-Key.
        api.MapPost("/{id}/dispose", Dispose).RequireIdempotencyKey()
            .DealStep("Dispose of the collateral", "`method: conversion` with `amount` (折价) settles at once; `method: sale` (变卖) with `buyerId`, `price` and `centerId` " +
                "opens a transfer from the pledgor; `method: auction` (拍卖) the same to the winning bidder at the hammer price, with `auctionHouse`, `auctionReference`, " +
                "`auctionDate` and `reservePrice`; a second call with the same method settles from the pledge escrow once the transfer completed.")
            .Refuses(400, "validation_failed", "invalid_enum", "unknown_currency", "invalid_amount", "required", "too_long", "date_in_future")
            .Refuses(409, "sale_not_completed")
            .Refuses(422, "unknown_party", "not_operating_center", "self_transfer", "below_reserve_price", "currency_mismatch");
        api.MapPost("/{id}/release", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Release())).RequireIdempotencyKey()
            .DealStep("Release the pledge", "Repaid → released, settled → closed; clears the pledge on the patents and returns what is left in their pledge escrows to the pledgor.");
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

    /// <summary>What every step shares in the document: the deal it answers with, and who may take it.</summary>
    private static RouteHandlerBuilder DealStep(this RouteHandlerBuilder step, string summary, string description) => step
        .Produces<PledgeDealView>()
        .WithSummary(summary)
        .WithDescription($"The deal's financier (docs/TENANCY.md). {description} Answers 200 with the deal; a step out of order is 409 `invalid_pledge_state`.")
        .Refuses(403, "forbidden")
        .Refuses(404, "pledge_not_found")
        .Refuses(409, "invalid_pledge_state");

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
