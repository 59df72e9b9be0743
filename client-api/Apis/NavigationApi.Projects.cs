using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Indexes;
using PatentNav.Market.Grains.Navigation;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Navigation projects (GB/T 39551) and their published, versioned reports.</summary>
public static partial class NavigationApi
{
    private static void MapProjects(RouteGroupBuilder api, IEndpointRouteBuilder routes)
    {
        api.MapPost("/projects", OpenProject).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Open a navigation project")
            .WithDescription("An operator of `centerId` (its own operating center). `type` per GB/T 39551: regional_planning, industrial_planning, enterprise_operation, research_and_development, talent. "
                + "`scope` takes the landscape's filters (`ipc`, `keywords`, `from`, `to`, `region`, `poolId`, `focus`, `currency`, `allianceId`: an alliance the center runs or is a member of). Idempotency-Key required: a retry answers the same project. Answers 201 with the project.")
            .Produces<NavigationProjectView>(201)
            .Refuses(400, "validation_failed", "required", "invalid_ipc", "invalid_region", "invalid_range", "invalid_currency", "too_many", "too_long", "invalid_enum")
            .Refuses(403, "forbidden")
            .Refuses(404, "alliance_not_found")
            .Refuses(409, "project_exists")
            .Refuses(422, "unknown_party", "not_operating_center");
        api.MapGet("/projects/{id}", GetProject)
            .WithSummary("Get a navigation project")
            .WithDescription("The center's operators (and the admin): scope, snapshots taken and reports published (versions).")
            .Refuses(404, "project_not_found");
        api.MapPost("/projects/{id}/snapshots", TakeSnapshot).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Take a dated snapshot of the project's landscape")
            .WithDescription("The center's operators. Runs every landscape section over the project's scope today, as the center sees it, and keeps it unchanged. Idempotency-Key required: a retry answers the same snapshot. Answers 201 with the snapshot.")
            .Produces<NavigationSnapshot>(201)
            .Refuses(404, "project_not_found")
            .Refuses(409, "navigation_needs_database");
        api.MapPost("/projects/{id}/reports", PublishReport).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Publish a navigation report")
            .WithDescription("The center's operators. The analyst's `conclusions` (1–50 paragraphs) on one of the project's snapshots, published as the project's next version (1, 2, …; `previousVersionId` names the one it revises). "
                + "A published report never changes. Idempotency-Key required. Answers 201 with the report, `Location: /api/v1/navigation/reports/{id}`.")
            .Produces<NavigationReportView>(201)
            .Refuses(400, "validation_failed", "required")
            .Refuses(404, "project_not_found", "snapshot_not_found");
        api.MapGet("/reports/{id}", GetReport)
            .WithSummary("Get a navigation report")
            .WithDescription("The center's operators and the members of its pools (and the admin). `Accept: text/html` gives the report as a page with inline SVG charts; JSON otherwise. `citedBy`: the pools and (non-draft) listings that cite it, oldest first.")
            .Produces<NavigationReportView>(contentType: "application/json")
            .Produces<string>(contentType: "text/html")
            .Refuses(404, "report_not_found");
        api.MapGet("/reports/{id}/data.csv", ReportData)
            .WithSummary("A navigation report's data pack as CSV")
            .WithDescription("The same readers. One row per figure of the report's snapshot: section, series, key, value (RFC 4180, UTF-8).")
            .Produces<string>(contentType: "text/csv")
            .Refuses(404, "report_not_found");
        api.MapPost("/reports/{id}/filing", FileReport).RequireRoles(Role.Operator)
            .WithSummary("Record a report's filing (备案)")
            .WithDescription("The center's operators. The authority's `filingNumber` and `filedOn` date (not in the future, not before publication). The same filing again answers the report; another is 409 `report_already_filed`.")
            .Produces<NavigationReportView>()
            .Refuses(400, "validation_failed", "invalid_filing_number", "date_in_future")
            .Refuses(404, "report_not_found")
            .Refuses(409, "report_already_filed")
            .Refuses(422, "filed_before_publication");
        routes.MapGet("/api/v1/operating-centers/{id}/navigation-reports", ListReports).WithTags("Navigation").RequireAuthorization()
            .WithSummary("List an operating center's published navigation reports")
            .WithDescription("The center's own keys, the members of its pools, and the admin (others 403 `forbidden`): every published version, oldest first, without its data (`GET /api/v1/navigation/reports/{id}` has it).")
            .Produces<NavigationReportListResponse>()
            .Refuses(400, "validation_failed")
            .Refuses(403, "forbidden");
        routes.MapGet("/api/v1/operating-centers/{id}/navigation-projects", ListProjects).WithTags("Navigation").RequireAuthorization()
            .WithSummary("List an operating center's navigation projects")
            .WithDescription("The center's operators and the admin (others 403 `forbidden`; a project is the center's alone, as `GET /api/v1/navigation/projects/{id}`): "
                + "every project it opened, oldest first, with its scope and how many snapshots and reports it has (`GET /api/v1/navigation/projects/{id}` has them).")
            .Produces<NavigationProjectListResponse>()
            .Refuses(400, "validation_failed")
            .Refuses(403, "forbidden");
    }

    public static async Task<Results<Ok<NavigationProjectListResponse>, ProblemHttpResult>> ListProjects(
        string id, IGrainFactory grains, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var page = await grains.GetGrain<IIndexGrain>(IndexKeys.CenterNavigationProjects(id)).Page(from, size);
        var projects = await Task.WhenAll(page.Ids.Select(p => grains.GetGrain<INavigationProjectGrain>(p).Get()));
        return TypedResults.Ok(new NavigationProjectListResponse(id,
            [.. projects.OfType<NavigationProjectView>().Select(NavigationProjectSummary.From)], PageCursor.Next(from, page.Ids.Count, page.Total)));
    }

    public static async Task<Results<Created<NavigationProjectView>, ProblemHttpResult>> OpenProject(
        OpenNavigationProjectRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.CenterId, "centerId");
        errors.Required(request.Name, "name");
        errors.Required(request.Type, "type");
        var s = request.Scope ?? new NavigationScopeBody(null, null, null, null, null, null, null, null);
        var scope = ParseScope(errors, s.Ipc is null ? null : string.Join(',', s.Ipc), s.Keywords is null ? null : string.Join(',', s.Keywords),
            s.From, s.To, s.Region, s.PoolId, s.Focus, s.Currency, s.AllianceId);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!Tenancy.Tenancy.ActsFor(Tenancy.TenantCaller.From(user), request.CenterId, Role.Operator))
            return Problems.Field(403, "forbidden", "centerId", "An operating center opens its own projects, with an operator key.");
        // The project's snapshots run as the center: it must read the alliance it navigates.
        if (scope.AllianceId is { } allianceId
            && !await ReadsAlliance(new Tenancy.TenantCaller(request.CenterId, new HashSet<Role> { Role.Operator }), allianceId, grains))
            return AlliancesApi.NotFound(allianceId);
        var id = IdempotencyFilter.DerivedId(http, "nvp_");
        var project = await grains.GetGrain<INavigationProjectGrain>(id).Open(new OpenNavigationProject(request.CenterId!, request.Name!, request.Type!.Value, scope));
        return TypedResults.Created($"/api/v1/navigation/projects/{id}", project);
    }

    public static async Task<Results<Ok<NavigationProjectView>, ProblemHttpResult>> GetProject(string id, IGrainFactory grains) =>
        await grains.GetGrain<INavigationProjectGrain>(id).Get() is { } project
            ? TypedResults.Ok(project)
            : Problems.NotFound("project_not_found", $"Navigation project {id} does not exist.");

    public static async Task<Results<Created<NavigationSnapshot>, ProblemHttpResult>> TakeSnapshot(string id, HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.GetGrain<INavigationProjectGrain>(id).TakeSnapshot(IdempotencyFilter.DerivedId(http, "nvs_"));
        return TypedResults.Created($"/api/v1/navigation/projects/{id}", snapshot);
    }

    public static async Task<Results<Created<NavigationReportView>, ProblemHttpResult>> PublishReport(
        string id, PublishNavigationReportRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.SnapshotId, "snapshotId");
        errors.Required(request.Title, "title");
        errors.Required(request.Conclusions, "conclusions");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var reportId = IdempotencyFilter.DerivedId(http, "nvr_");
        var report = await grains.GetGrain<INavigationProjectGrain>(id).Publish(new PublishNavigationReport(reportId, request.SnapshotId!, request.Title!, request.Conclusions!));
        return TypedResults.Created($"/api/v1/navigation/reports/{reportId}", report);
    }

    public static async Task<IResult> GetReport(string id, HttpContext http, IGrainFactory grains)
    {
        if (await grains.GetGrain<INavigationReportGrain>(id).Get() is not { } report)
            return Problems.NotFound("report_not_found", $"Navigation report {id} does not exist.");
        report = report with { CitedBy = await VisibleCitations(report, grains) };
        return http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
            ? TypedResults.Text(NavigationReportPage.Html(report), "text/html; charset=utf-8")
            : TypedResults.Ok(report);
    }

    public static async Task<IResult> ReportData(string id, IGrainFactory grains) =>
        await grains.GetGrain<INavigationReportGrain>(id).Get() is { } report
            ? TypedResults.Text(NavigationReportPage.Csv(report), "text/csv; charset=utf-8")
            : Problems.NotFound("report_not_found", $"Navigation report {id} does not exist.");

    public static async Task<Results<Ok<NavigationReportView>, ProblemHttpResult>> FileReport(string id, ReportFilingRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.FilingNumber, "filingNumber");
        errors.Required(request.FiledOn, "filedOn");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(await grains.GetGrain<INavigationReportGrain>(id).MarkFiled(request.FilingNumber!, request.FiledOn!.Value));
    }

    public static async Task<Results<Ok<NavigationReportListResponse>, ProblemHttpResult>> ListReports(
        string id, ClaimsPrincipal user, IGrainFactory grains, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!user.Has(Role.Admin) && user.PartyId() is var party && party != id && !await IsMemberOf(id, party, grains))
            return Problems.Create(403, "forbidden", "A center's navigation reports are listed for the center and the members of its pools.");
        var page = await grains.GetGrain<IIndexGrain>(IndexKeys.CenterNavigationReports(id)).Page(from, size);
        var reports = await Task.WhenAll(page.Ids.Select(r => grains.GetGrain<INavigationReportGrain>(r).Get()));
        return TypedResults.Ok(new NavigationReportListResponse(id,
            [.. reports.OfType<NavigationReportView>().Select(NavigationReportSummary.From)], PageCursor.Next(from, page.Ids.Count, page.Total)));
    }

    /// <summary>
    /// What cites the report, as its readers may see it: pools (public) and listings that exist and are no longer drafts
    /// (a draft is its holder's and center's only). A citation whose listing or pool was never written is skipped.
    /// </summary>
    private static async Task<IReadOnlyList<ReportCitation>> VisibleCitations(NavigationReportView report, IGrainFactory grains)
    {
        var visible = new List<ReportCitation>();
        foreach (var c in report.CitedBy ?? [])
            if (c.Kind == CitingKind.Pool ? await grains.GetGrain<Grains.Pools.IPoolGrain>(c.Id).Get() is { ReportIds: { } cited } && cited.Contains(report.Id)
                : await grains.GetGrain<Grains.Matching.IListingGrain>(c.Id).Get() is { Status: not Grains.Matching.OfferStatus.Draft, ReportIds: { } listed } && listed.Contains(report.Id))
                visible.Add(c);
        return visible;
    }

    /// <summary>
    /// The first of <paramref name="reportIds"/> the caller may not cite: not published, or not readable by it (the
    /// center's operators and its pools' members read a report). Both are 422 <c>unknown_report</c>, so ids do not leak.
    /// </summary>
    internal static async Task<ProblemHttpResult?> UnreadableReport(Tenancy.TenantCaller caller, IReadOnlyList<string>? reportIds, IGrainFactory grains)
    {
        for (var i = 0; i < (reportIds?.Count ?? 0); i++)
        {
            var id = reportIds![i];
            if (LicenceRequests.IsKey(id) && await grains.GetGrain<INavigationReportGrain>(id).Get() is { } report
                && Tenancy.Tenancy.CanRead(caller, Tenancy.TenantOwners.Of(report, await Tenancy.TenantOwners.CenterMembers(report.Content.CenterId, grains))))
                continue;
            return Problems.Field(422, "unknown_report", $"reportIds[{i}]", $"Navigation report {id} is not published, or not yours to cite.");
        }
        return null;
    }

    /// <summary>The center's members: the members of the pools it administers (docs/TENANCY.md).</summary>
    private static async Task<bool> IsMemberOf(string centerId, string? partyId, IGrainFactory grains) =>
        partyId is not null && (await Tenancy.TenantOwners.CenterMembers(centerId, grains)).Contains(partyId);
}
