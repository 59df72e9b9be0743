using PatentNav.Market.ClientApi.OpenApi;
using PatentNav.Market.Grains.Indexes;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// The lists a console needs: who am I, parties, a licensee's licences, an operator's open invoices.
/// Each tenant sees its own: an operator the licences and invoices of the pools its party administers
/// (or it licenses), a licensee its own licences; the admin everything.
/// </summary>
public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1").RequireAuthorization();
        api.MapGet("/me", WhoAmI).WithTags("Parties")
            .WithSummary("Who the caller is")
            .WithDescription("The party and roles of the bearer token; `partyId` and `party` are null for the admin token.")
            ;
        api.MapGet("/parties", ListParties).WithTags("Parties").RequireRoles(Role.Operator)
            .WithSummary("List parties")
            .WithDescription("Every party, oldest first, `limit` (1–100, default 20) at a time; `nextCursor` fetches the next page. Operators and the admin.")
            .Refuses(400, "validation_failed");
        api.MapGet("/parties/{id}/licences", ListLicences).WithTags("Licences")
            .WithSummary("List a licensee's licences")
            .WithDescription("The licences granted to party `id`, oldest first. Any key of that party and the admin see all; an operator only those its own party licenses (its pools' licences); anyone else 403 `forbidden`.")
            .Refuses(400, "validation_failed").Refuses(403, "forbidden").Refuses(404, "party_not_found");
        api.MapGet("/invoices", ListInvoices).WithTags("Payments").RequireRoles(Role.Operator)
            .WithSummary("List invoices of the operator's pools")
            .WithDescription("Invoices of the pools the caller's party administers (the admin: every pool), ordered by due date. `status`: `open`, `overdue` or `paid`; omitted = open and overdue (unpaid). `poolId` narrows to one pool.")
            .Refuses(400, "validation_failed");
        api.MapGet("/operating-centers/{id}/transfers", ListCenterTransfers).WithTags("Transfers").RequireRoles(Role.Operator)
            .WithSummary("List the transfers an operating center runs")
            .WithDescription("Every transfer with `centerId` = `id`, newest first; `status` narrows to one status (snake_case). The center's own operators and the admin; other operators 403 `forbidden`.")
            .Refuses(400, "validation_failed").Refuses(403, "forbidden");
        return routes;
    }

    public static async Task<Results<Ok<CenterTransferListResponse>, ProblemHttpResult>> ListCenterTransfers(
        string id, ClaimsPrincipal user, IGrainFactory grains, string? status = null, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        Grains.Transfers.TransferStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (WireEnum<Grains.Transfers.TransferStatus>.TryParse(status, out var s)) wanted = s;
            else errors.Add("status", WireEnum<Grains.Transfers.TransferStatus>.Expected);
        }
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (user.PartyId() != id && !user.IsInRole(MarketPrincipal.RoleName(Role.Admin)))
            return Problems.Create(403, "forbidden", "A center's transfer board is for its own operators.");

        var all = await grains.GetGrain<IIndexGrain>(IndexKeys.CenterTransfers(id)).Page(0, int.MaxValue);
        var transfers = (await Task.WhenAll(all.Ids.Reverse().Select(t => grains.GetGrain<Grains.Transfers.ITransferGrain>(t).Get())))
            .OfType<Grains.Transfers.TransferView>()
            .Where(t => wanted is null || t.Status == wanted)
            .ToList();
        var page = transfers.Skip(from).Take(size).ToList();
        return TypedResults.Ok(new CenterTransferListResponse(id, page, PageCursor.Next(from, page.Count, transfers.Count)));
    }

    public static async Task<Ok<WhoAmIResponse>> WhoAmI(ClaimsPrincipal user, IGrainFactory grains)
    {
        var roles = Enum.GetValues<Role>().Where(r => user.IsInRole(MarketPrincipal.RoleName(r))).ToList();
        var party = user.PartyId() is { } id ? await grains.GetGrain<IPartyGrain>(id).Get() : null;
        return TypedResults.Ok(new WhoAmIResponse(user.PartyId(), roles, party is null ? null : PartyListing.From(party)));
    }

    public static async Task<Results<Ok<PartyListResponse>, ProblemHttpResult>> ListParties(IGrainFactory grains, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var page = await grains.GetGrain<IIndexGrain>(IndexKeys.Parties).Page(from, size);
        var parties = await Task.WhenAll(page.Ids.Select(id => grains.GetGrain<IPartyGrain>(id).Get()));
        return TypedResults.Ok(new PartyListResponse(
            [.. parties.OfType<PartyView>().Select(PartyListing.From)], PageCursor.Next(from, page.Ids.Count, page.Total)));
    }

    public static async Task<Results<Ok<LicenceListResponse>, ProblemHttpResult>> ListLicences(
        string id, ClaimsPrincipal user, IGrainFactory grains, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var own = user.PartyId() == id || user.IsInRole(MarketPrincipal.RoleName(Role.Admin));
        if (!own && !user.Has(Role.Operator))
            return Problems.Create(403, "forbidden", "A licensee's licences are listed to the licensee itself and to its licensors' operators.");
        if (await grains.GetGrain<IPartyGrain>(id).Get() is null)
            return Problems.NotFound("party_not_found", $"Party {id} does not exist.");

        var all = await grains.GetGrain<IIndexGrain>(IndexKeys.LicenseeLicences(id)).Page(0, int.MaxValue);
        var licences = (await Task.WhenAll(all.Ids.Select(l => grains.GetGrain<ILicenceGrain>(l).Get())))
            .OfType<LicenceView>()
            .Where(l => own || l.LicensorIds.Contains(user.PartyId()!))
            .ToList();
        var page = licences.Skip(from).Take(size).Select(LicenceWire.FromDomain).ToList();
        return TypedResults.Ok(new LicenceListResponse(id, page, PageCursor.Next(from, page.Count, licences.Count)));
    }

    public static async Task<Results<Ok<OpenInvoiceListResponse>, ProblemHttpResult>> ListInvoices(
        ClaimsPrincipal user, IGrainFactory grains, PatentNav.Market.Grains.Queries.IPoolLicensees poolLicensees, string? status = null, string? poolId = null, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        InvoiceStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (WireEnum<InvoiceStatus>.TryParse(status, out var s)) wanted = s;
            else errors.Add("status", WireEnum<InvoiceStatus>.Expected);
        }
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var admin = user.IsInRole(MarketPrincipal.RoleName(Role.Admin));
        var pools = (await grains.GetGrain<IPoolDirectoryGrain>(IPoolDirectoryGrain.Key).List())
            .Where(p => admin || p.AdministratorId == user.PartyId())
            .Where(p => poolId is null || p.Id == poolId);
        var listings = new List<InvoiceListing>();
        foreach (var pool in pools)
        {
            // The pool's current licensees, from its list rows (the pool grain does not hold them), page by page.
            for (long? after = 0; after is { } position;)
            {
                var current = await poolLicensees.Current(pool.Id, position, PageCursor.MaxLimit);
                foreach (var licensee in current.Items)
                    foreach (var invoice in await grains.GetGrain<ILicenceGrain>(licensee.LicenceId).Invoices())
                        if (wanted is { } w ? invoice.Status == w : invoice.Status != InvoiceStatus.Paid)
                            listings.Add(new InvoiceListing(invoice, licensee.LicenseeId, pool.Id));
                after = current.Next;
            }
        }
        var ordered = listings.OrderBy(l => l.Invoice.DueOn).ThenBy(l => l.Invoice.Id, StringComparer.Ordinal).ToList();
        var page = ordered.Skip(from).Take(size).ToList();
        return TypedResults.Ok(new OpenInvoiceListResponse(page, PageCursor.Next(from, page.Count, ordered.Count)));
    }
}
