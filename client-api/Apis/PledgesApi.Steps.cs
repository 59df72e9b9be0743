using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>The steps of a deal; each is the financier's (or an operator's) act on its own deal.</summary>
public static partial class PledgesApi
{
    private static void MapSteps(RouteGroupBuilder api)
    {
        api.MapPost("/{id}/appraise", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Appraise()))
            .DealStep("Appraise the collateral", "Re-reads the patents' current valuations (at most 12 months old) into the deal: applied → appraised.")
            .Refuses(422, "stale_valuation", "no_valuation");
        api.MapPost("/{id}/approve", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Approve()))
            .DealStep("Approve the loan", "Checks the LTV against the product's caps on current valuations: appraised → approved.")
            .Refuses(422, "ltv_exceeded", "stale_valuation");
        api.MapPost("/{id}/register", (string id, PledgeRegistrationRequest r, ClaimsPrincipal u, IGrainFactory g) =>
            r.RegistrationNumber is null ? Task.FromResult(Required("registrationNumber")) : Step(id, u, g, d => d.Register(r.RegistrationNumber)))
            .DealStep("Register the pledge", "Records the CNIPA pledge registration number and sets the patents' pledgee (licences, pool admissions and transfers then need its consent): approved → registered.")
            .Refuses(400, "validation_failed", "invalid_registration_number")
            .Refuses(409, "patent_already_pledged");
        api.MapPost("/{id}/disburse", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Disburse())).RequireIdempotencyKey()
            .DealStep("Disburse the loan", "Posts the principal, generates the repayment schedule and starts the daily reminder: registered → active.");
        api.MapPost("/{id}/repayments", (string id, PledgeRepaymentRequest r, HttpContext http, ClaimsPrincipal u, IGrainFactory g) =>
            r.Amount is not { Amount: { } amount, Currency: { } currency } ? Task.FromResult(Required("amount"))
                : Step(id, u, g, d => d.Repay(IdempotencyFilter.DerivedId(http, "rep_"), new Money(amount, currency)))).RequireIdempotencyKey()
            .DealStep("Record a repayment", "Interest first, then principal, in the loan's currency exactly; a repayment that brings the LTV back within cap + buffer cures a margin call.")
            .Refuses(400, "validation_failed", "unknown_currency", "invalid_amount")
            .Refuses(422, "overpayment", "currency_mismatch");
        api.MapPost("/{id}/escrow-applications", ApplyEscrow).RequireIdempotencyKey()
            .DealStep("Apply pledge escrow to the loan", "Applies the pledged patents' pool revenue held in `escrow:pledge:{number}` to the loan, interest first, one application at a time.")
            .Refuses(422, "escrow_empty");
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
        api.MapPost("/{id}/dispose", Dispose)
            .DealStep("Dispose of the collateral", "`method: conversion` with `amount` (折价) settles at once; `method: sale` with `buyerId`, `price` and `centerId` opens a transfer from the pledgor, and a second `sale` call settles once it completed.")
            .Refuses(400, "validation_failed", "invalid_enum", "unknown_currency", "invalid_amount")
            .Refuses(409, "sale_not_completed")
            .Refuses(422, "unknown_party", "not_operating_center", "self_transfer");
        api.MapPost("/{id}/release", (string id, ClaimsPrincipal u, IGrainFactory g) => Step(id, u, g, d => d.Release()))
            .DealStep("Release the pledge", "Repaid → released, settled → closed; clears the pledge on the patents.");
    }

    private static async Task<IResult> Step(string id, ClaimsPrincipal user, IGrainFactory grains, Func<IPledgeDealGrain, Task<PledgeDealView>> act)
    {
        if (await Visible(id, user, grains) is not { } deal) return NotFound(id);
        if (!user.Has(Role.Operator) && user.PartyId() != deal.FinancierId)
            return Problems.Create(403, "forbidden", $"Only the financier {deal.FinancierId} (or an operator) takes this step.");
        return TypedResults.Ok(await act(grains.GetGrain<IPledgeDealGrain>(id)));
    }

    /// <summary>What every step shares in the document: the deal it answers with, and who may take it.</summary>
    private static RouteHandlerBuilder DealStep(this RouteHandlerBuilder step, string summary, string description) => step
        .Produces<PledgeDealView>()
        .WithSummary(summary)
        .WithDescription($"The deal's financier, or an operator. {description} Answers 200 with the deal; a step out of order is 409 `invalid_pledge_state`.")
        .Refuses(403, "forbidden")
        .Refuses(404, "pledge_not_found")
        .Refuses(409, "invalid_pledge_state");

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
