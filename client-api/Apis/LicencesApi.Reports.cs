using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Royalty reports (the licensee's), invoices (whoever may see the licence) and CNIPA filings (operators).</summary>
public static partial class LicencesApi
{
    public static async Task<Results<Created<Invoice>, ProblemHttpResult>> Report(
        string id, RoyaltyReportRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.Period, "period");
        LicenceRequests.RequireText(request.Category, "category", errors);
        LicenceRequests.RequireText(request.Region, "region", errors);
        errors.Required(request.Units, "units");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await Visible(id, user, grains) is null) return NotFound(id);

        var invoice = await grains.GetGrain<ILicenceGrain>(id).ReportRoyalties(
            new ReportRoyalties(request.Period!, request.Category!, request.Region!, request.Units!.Value));
        return TypedResults.Created($"/api/v1/licences/{id}/invoices", invoice);
    }

    public static async Task<Results<Ok<InvoiceListResponse>, ProblemHttpResult>> Invoices(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        await Visible(id, user, grains) is null
            ? NotFound(id)
            : TypedResults.Ok(new InvoiceListResponse(id, await grains.GetGrain<ILicenceGrain>(id).Invoices()));

    public static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> RecordCnipaFiling(string id, CnipaFilingRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.FilingNumber, "filingNumber");
        errors.Required(request.FiledOn, "filedOn");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!LicenceRequests.IsKey(id)) return NotFound(id);
        return TypedResults.Ok(LicenceWire.FromDomain(await grains.GetGrain<ILicenceGrain>(id).RecordCnipaFiling(request.FilingNumber!.Trim(), request.FiledOn!.Value)));
    }
}
