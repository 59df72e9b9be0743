using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Breach notices, cure, suspension and termination (the licensor side) and surrender (the licensee). The
/// licensor side of a pool licence is the pool's administrator (an operator key of its party); of a bilateral
/// licence, a licensor key of a licensor party. The admin may do either. Rules: <see cref="LicenceLifecycle"/>.
/// </summary>
public static partial class LicencesApi
{
    private static void MapLifecycle(RouteGroupBuilder api)
    {
        api.MapPost("/licences/{id}/breach-notices", GiveBreachNotice)
            .WithSummary("Give notice of a breach")
            .WithDescription("The licensor side (the pool's administrator, a bilateral licence's licensor, or the admin) notifies the licensee of a breach with a cure period (`curePeriodDays` 30–180, default 30). One uncured notice at a time; the same notice again on the same day returns the licence unchanged. Answers 201 with the licence.")
            .Refuses(400, "validation_failed", "required", "too_long", "invalid_cure_period")
            .Refuses(403, "forbidden")
            .Refuses(404, "licence_not_found")
            .Refuses(409, "breach_notice_open", "licence_terminated")
            .WithRequestExample(new BreachNoticeRequest("Royalty report for 2030-Q1 not made", 30));
        api.MapPost("/licences/{id}/breach-notices/{noticeId}/cure", CureBreach)
            .WithSummary("Record a breach as cured")
            .WithDescription("The licensor side records that the breach of a notice was cured; a licence suspended for it is active again. Curing a cured notice returns the licence unchanged. Answers 200 with the licence.")
            .Refuses(403, "forbidden")
            .Refuses(404, "licence_not_found", "breach_notice_not_found")
            .Refuses(409, "licence_terminated");
        api.MapPost("/licences/{id}/suspend", Suspend)
            .WithSummary("Suspend a licence for an uncured breach")
            .WithDescription("The licensor side suspends the licence once the cure period of its open notice has passed uncured. Reports and payments continue; curing the breach reinstates the licence. Answers 200 with the licence.")
            .Refuses(403, "forbidden")
            .Refuses(404, "licence_not_found")
            .Refuses(409, "licence_terminated")
            .Refuses(422, "no_breach_notice", "cure_period_running");
        api.MapPost("/licences/{id}/terminate", Terminate)
            .WithSummary("Terminate a licence for an uncured breach")
            .WithDescription("The licensor side terminates the licence once the cure period of its open notice has passed uncured. The licence covers today and no later day; its invoices stay payable and periods that began by today stay reportable. A pool licence leaves the pool's public licensee list. Terminating again returns the licence unchanged. Answers 200 with the licence.")
            .Refuses(403, "forbidden")
            .Refuses(404, "licence_not_found")
            .Refuses(409, "licence_terminated")
            .Refuses(422, "no_breach_notice", "cure_period_running");
        api.MapPost("/licences/{id}/surrender", Surrender)
            .WithSummary("Surrender a licence")
            .WithDescription("The licensee (a licensee key of its party) or the admin gives the licence up from the end of today. What it owes survives: invoices stay payable, periods that began by today stay reportable. A pool licence leaves the pool's public licensee list. Answers 200 with the licence.")
            .Refuses(403, "forbidden")
            .Refuses(404, "licence_not_found")
            .Refuses(409, "licence_terminated", "licence_expired");
    }

    public static async Task<Results<Created<LicenceResponse>, ProblemHttpResult>> GiveBreachNotice(
        string id, BreachNoticeRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.Reason, "reason");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await LicensorSide(id, user, grains) is { } refused) return refused;
        var licence = await grains.GetGrain<ILicenceGrain>(id).GiveBreachNotice(request.Reason!, request.CurePeriodDays ?? LicenceLifecycle.DefaultCureDays);
        return TypedResults.Created($"/api/v1/licences/{id}", LicenceWire.FromDomain(licence));
    }

    public static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> CureBreach(string id, string noticeId, ClaimsPrincipal user, IGrainFactory grains) =>
        await LicensorSide(id, user, grains) is { } refused ? refused : TypedResults.Ok(LicenceWire.FromDomain(await grains.GetGrain<ILicenceGrain>(id).CureBreach(noticeId)));

    public static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> Suspend(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        await LicensorSide(id, user, grains) is { } refused ? refused : TypedResults.Ok(LicenceWire.FromDomain(await grains.GetGrain<ILicenceGrain>(id).Suspend()));

    public static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> Terminate(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        await LicensorSide(id, user, grains) is { } refused ? refused : TypedResults.Ok(LicenceWire.FromDomain(await grains.GetGrain<ILicenceGrain>(id).Terminate()));

    public static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> Surrender(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await Visible(id, user, grains) is not { } licence) return NotFound(id);
        if (!user.Has(Role.Admin) && !(user.Has(Role.Licensee) && user.PartyId() == licence.LicenseeId))
            return Problems.Create(403, "forbidden", "Only the licensee surrenders its licence (a licensee key of its party).");
        return TypedResults.Ok(LicenceWire.FromDomain(await grains.GetGrain<ILicenceGrain>(id).Surrender()));
    }

    /// <summary>
    /// Null when the caller acts for the licensor side: the admin; for a pool licence an operator key of the pool's
    /// administrator party; for a bilateral licence a licensor key of one of its licensor parties. A caller who may
    /// not see the licence gets 404, one who may see it but is not the licensor side 403.
    /// </summary>
    private static async Task<ProblemHttpResult?> LicensorSide(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await Visible(id, user, grains) is not { } licence) return NotFound(id);
        if (user.Has(Role.Admin)) return null;
        var role = licence.Type == LicenceType.Pool ? Role.Operator : Role.Licensor;
        return user.PartyId() is { } party && licence.LicensorIds.Contains(party) && user.Has(role)
            ? null
            : Problems.Create(403, "forbidden", licence.Type == LicenceType.Pool
                ? "Only the pool's administrator (an operator key of its party) acts for the licensor side."
                : "Only the licensor (a licensor key of its party) acts for the licensor side.");
    }
}
