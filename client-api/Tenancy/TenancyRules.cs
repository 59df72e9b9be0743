using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Tenancy;

/// <summary>
/// One way to be allowed an operation: read or act (in one of <see cref="Roles"/>) on the resource named by a route
/// value (or, for <see cref="FromBody"/>, a body field), or be the party a route or query value names (<see cref="Self"/>).
/// </summary>
public sealed record TenancyRule(OwnedResource? Resource, string Parameter, Role[]? Roles, bool Self = false, bool FromQuery = false, bool FromBody = false)
{
    public static TenancyRule Read(OwnedResource resource, string parameter = "id") => new(resource, parameter, null);

    public static TenancyRule Act(OwnedResource resource, string parameter, params Role[] roles) => new(resource, parameter, roles);

    /// <summary>
    /// Act on the resource a top-level string field of the JSON body names (<c>licensorId</c> of a payout): the filter reads
    /// it before the endpoint does; a body without it passes, and the endpoint answers 400.
    /// </summary>
    public static TenancyRule ActOnBody(OwnedResource resource, string field, params Role[] roles) => new(resource, field, roles, FromBody: true);

    /// <summary>The party named by the route (or query) value itself, with one of <paramref name="roles"/> (any if none).</summary>
    public static TenancyRule PartyItself(string parameter, bool fromQuery = false, params Role[] roles) => new(null, parameter, roles, true, fromQuery);
}

/// <summary>
/// Every operation on a resource that has tenants, with who may do it (docs/TENANCY.md is this table in prose). An
/// operation may list alternatives (the pool's administrator, or the licensor whose statement it is). Operations not
/// listed act on no one's resource: public reads, the admin's own operations, and creations for a party the body
/// names, which check <see cref="Tenancy.ActsFor"/> themselves.
/// </summary>
public static class TenancyRules
{
    private const OwnedResource Pool = OwnedResource.Pool, Patent = OwnedResource.Patent, Deal = OwnedResource.PledgeDeal,
        Transfer = OwnedResource.Transfer, Licence = OwnedResource.Licence, Invoice = OwnedResource.Invoice,
        PooledPatent = OwnedResource.PooledPatent, Payable = OwnedResource.Payable, Payout = OwnedResource.Payout;

    private static TenancyRule[] Rule(params TenancyRule[] alternatives) => alternatives;

    private static TenancyRule[] Financier => Rule(TenancyRule.Act(Deal, "id", Role.Financier));

    /// <summary>The pool's administrator: an operator key of the center that administers it.</summary>
    private static TenancyRule[] PoolOperator => Rule(TenancyRule.Act(Pool, "id", Role.Operator));

    /// <summary>A party of a licence negotiation acting in its role there (any key of the licensee; the holder's licensor, the center's operator keys).</summary>
    private static TenancyRule[] NegotiationParty => Rule(TenancyRule.Act(OwnedResource.LicenceNegotiation, "id", Enum.GetValues<Role>()));

    public static IReadOnlyDictionary<string, TenancyRule[]> ByOperation { get; } = new Dictionary<string, TenancyRule[]>
    {
        // Pools: the administrator (an operator key of the administering center).
        ["POST /api/v1/pools/{id}/members"] = PoolOperator,
        ["POST /api/v1/pools/{id}/reports"] = PoolOperator,
        ["POST /api/v1/pools/{id}/patents"] = PoolOperator,
        ["DELETE /api/v1/pools/{id}/patents/{number}"] = PoolOperator,
        ["POST /api/v1/pools/{id}/rate-cards"] = PoolOperator,
        ["POST /api/v1/pools/{id}/refusals"] = PoolOperator,
        ["DELETE /api/v1/pools/{id}/refusals/{partyId}/{reason}"] = PoolOperator,
        ["POST /api/v1/pools/{id}/distributions"] = PoolOperator,
        ["GET /api/v1/pools/{id}/distributions/{distributionId}"] = PoolOperator,
        ["GET /api/v1/pools/{id}/distributions"] = PoolOperator,
        ["POST /api/v1/pools/{id}/distributions/{distributionId}/supplements"] = PoolOperator,
        ["GET /api/v1/pools/{id}/distributions/{distributionId}/statement"] =
            Rule(TenancyRule.Act(Pool, "id", Role.Operator), TenancyRule.PartyItself("licensorId", fromQuery: true)),
        ["GET /api/v1/parties/{id}/statements"] = Rule(TenancyRule.PartyItself("id", roles: Role.Licensor)),
        // The holder agrees to put its patent into the pool.
        ["POST /api/v1/pools/{id}/patents/{number}/agreement"] = Rule(TenancyRule.Act(Patent, "number", Role.Licensor)),

        // Patents: the holders (licensor keys); the pledgee consents.
        ["PATCH /api/v1/patents/{number}"] = Rule(TenancyRule.Act(Patent, "number", Role.Licensor)),
        ["POST /api/v1/patents/{number}/valuations"] = Rule(TenancyRule.Act(Patent, "number", Role.Licensor)),
        ["POST /api/v1/patents/{number}/open-licence"] = Rule(TenancyRule.Act(Patent, "number", Role.Licensor)),
        ["POST /api/v1/patents/{number}/pledgee-consents"] = Rule(TenancyRule.Act(Patent, "number", Role.Financier)),
        ["POST /api/v1/patents/{number}/co-owner-consents"] = Rule(TenancyRule.Act(Patent, "number", Role.Licensor)),

        // Licences and their invoices.
        ["GET /api/v1/licences/{id}"] = Rule(TenancyRule.Read(Licence)),
        ["GET /api/v1/licences/{id}/invoices"] = Rule(TenancyRule.Read(Licence)),
        ["POST /api/v1/licences/{id}/royalty-reports"] = Rule(TenancyRule.Act(Licence, "id", Role.Licensee)),
        ["POST /api/v1/licences/{id}/cnipa-filing"] = Rule(TenancyRule.Act(Licence, "id", Role.Operator, Role.Licensor)),
        ["POST /api/v1/licences/{id}/royalty-reports/import"] = Rule(TenancyRule.Act(Licence, "id", Role.Licensee)),
        ["POST /api/v1/licences/{id}/breach-notices"] = Rule(TenancyRule.Act(Licence, "id", Role.Operator, Role.Licensor)),
        ["POST /api/v1/licences/{id}/breach-notices/{noticeId}/cure"] = Rule(TenancyRule.Act(Licence, "id", Role.Operator, Role.Licensor)),
        ["POST /api/v1/licences/{id}/suspend"] = Rule(TenancyRule.Act(Licence, "id", Role.Operator, Role.Licensor)),
        ["POST /api/v1/licences/{id}/terminate"] = Rule(TenancyRule.Act(Licence, "id", Role.Operator, Role.Licensor)),
        ["POST /api/v1/licences/{id}/surrender"] = Rule(TenancyRule.Act(Licence, "id", Role.Licensee)),
        ["POST /api/v1/invoices/{id}/payment-reversals"] = Rule(TenancyRule.Act(Invoice, "id", Role.Operator)),
        ["POST /api/v1/invoices/{id}/payments"] = Rule(TenancyRule.Act(Invoice, "id", Role.Operator)),
        ["POST /api/v1/invoices/{id}/payment-intents"] = Rule(TenancyRule.Act(Invoice, "id", Role.Licensee, Role.Operator)),

        // Transfers: seller, buyer, center; consenting parties read. Cancel and consents: the grain decides between readers.
        ["GET /api/v1/transfers/{id}"] = Rule(TenancyRule.Read(Transfer)),
        ["POST /api/v1/transfers/{id}/consents"] = Rule(TenancyRule.Read(Transfer)),
        ["POST /api/v1/transfers/{id}/cancel"] = Rule(TenancyRule.Read(Transfer)),
        ["POST /api/v1/transfers/{id}/export-clearance"] = Rule(TenancyRule.Act(Transfer, "id", Role.Operator)),
        ["POST /api/v1/transfers/{id}/payments"] = Rule(TenancyRule.Act(Transfer, "id", Role.Operator)),
        ["POST /api/v1/transfers/{id}/recordation"] = Rule(TenancyRule.Act(Transfer, "id", Role.Operator)),
        ["POST /api/v1/transfers/{id}/payment-intents"] = Rule(TenancyRule.Act(Transfer, "id", Role.Licensee, Role.Operator)),

        // Pledge deals: the financier runs them; the pledgor accepts a financier's application; the center named to file the
        // registration (centerId) reads the deal and records its registration, and lists the deals it files for.
        ["GET /api/v1/pledges/{id}"] = Rule(TenancyRule.Read(Deal)),
        ["GET /api/v1/operating-centers/{id}/pledges"] = Rule(TenancyRule.PartyItself("id", roles: Role.Operator)),
        ["POST /api/v1/pledges/{id}/acceptance"] = Rule(TenancyRule.Act(Deal, "id", Role.Licensor)),
        ["POST /api/v1/pledges/{id}/appraise"] = Financier,
        ["POST /api/v1/pledges/{id}/approve"] = Financier,
        ["POST /api/v1/pledges/{id}/register"] = Rule(TenancyRule.Act(Deal, "id", Role.Financier, Role.Operator)),
        ["POST /api/v1/pledges/{id}/disburse"] = Financier,
        ["POST /api/v1/pledges/{id}/repayments"] = Financier,
        ["POST /api/v1/pledges/{id}/escrow-applications"] = Financier,
        ["POST /api/v1/pledges/{id}/revalue"] = Financier,
        ["POST /api/v1/pledges/{id}/renew"] = Financier,
        ["POST /api/v1/pledges/{id}/default"] = Financier,
        ["POST /api/v1/pledges/{id}/dispose"] = Financier,
        ["POST /api/v1/pledges/{id}/release"] = Financier,
        ["POST /api/v1/pledges/{id}/collateral"] = Financier,
        ["GET /api/v1/financiers/{id}/portfolio"] = Rule(TenancyRule.PartyItself("id", roles: Role.Financier)),

        // Navigation: a project is its center's; its published reports are read by the members of the center's pools.
        ["GET /api/v1/navigation/projects/{id}"] = Rule(TenancyRule.Read(OwnedResource.NavigationProject)),
        ["GET /api/v1/operating-centers/{id}/navigation-projects"] = Rule(TenancyRule.PartyItself("id", roles: Role.Operator)),
        ["POST /api/v1/navigation/projects/{id}/snapshots"] = Rule(TenancyRule.Act(OwnedResource.NavigationProject, "id", Role.Operator)),
        ["POST /api/v1/navigation/projects/{id}/reports"] = Rule(TenancyRule.Act(OwnedResource.NavigationProject, "id", Role.Operator)),
        ["GET /api/v1/navigation/reports/{id}"] = Rule(TenancyRule.Read(OwnedResource.NavigationReport)),
        ["GET /api/v1/navigation/reports/{id}/data.csv"] = Rule(TenancyRule.Read(OwnedResource.NavigationReport)),
        ["POST /api/v1/navigation/reports/{id}/filing"] = Rule(TenancyRule.Act(OwnedResource.NavigationReport, "id", Role.Operator)),
        // A lapse or invalidation: a holder, or the administrator of a pool the patent is or was in (its distributions count the days).
        ["POST /api/v1/patents/{number}/end-of-force"] = Rule(TenancyRule.Act(PooledPatent, "number", Role.Licensor, Role.Operator)),

        // Payouts: the payee reads; the centers whose pools' distributions paid into the payable read and order payouts of
        // it; the ordering center confirms or cancels. GET /payouts lists what the caller may read (TenantOwners.PayableCenters).
        ["POST /api/v1/payouts"] = Rule(TenancyRule.ActOnBody(Payable, "licensorId", Role.Operator)),
        ["GET /api/v1/parties/{id}/payouts"] = Rule(TenancyRule.Read(Payable)),
        ["POST /api/v1/payouts/{id}/confirmation"] = Rule(TenancyRule.Act(Payout, "id", Role.Operator)),
        ["POST /api/v1/payouts/{id}/cancellation"] = Rule(TenancyRule.Act(Payout, "id", Role.Operator)),

        // Listings: the holder (licensor key) or the center acting for it (operator key); public to read once opened.
        ["GET /api/v1/listings/{id}"] = Rule(TenancyRule.Read(OwnedResource.Listing)),
        ["POST /api/v1/listings/{id}/open"] = Rule(TenancyRule.Act(OwnedResource.Listing, "id", Role.Licensor, Role.Operator)),
        ["POST /api/v1/listings/{id}/withdraw"] = Rule(TenancyRule.Act(OwnedResource.Listing, "id", Role.Licensor, Role.Operator)),
        ["POST /api/v1/listings/{id}/reports"] = Rule(TenancyRule.Act(OwnedResource.Listing, "id", Role.Licensor, Role.Operator)),
        ["GET /api/v1/listings/{id}/matches"] = Rule(TenancyRule.Act(OwnedResource.Listing, "id", Role.Licensor, Role.Operator)),
        // Demands: the party's own, with any of its keys; nobody else reads them.
        ["GET /api/v1/demands/{id}"] = Rule(TenancyRule.Read(OwnedResource.Demand)),
        ["POST /api/v1/demands/{id}/open"] = Rule(TenancyRule.Read(OwnedResource.Demand)),
        ["POST /api/v1/demands/{id}/withdraw"] = Rule(TenancyRule.Read(OwnedResource.Demand)),
        ["GET /api/v1/demands/{id}/matches"] = Rule(TenancyRule.Read(OwnedResource.Demand)),
        ["POST /api/v1/demands/{id}/matches/{listingId}/negotiation"] = Rule(TenancyRule.Read(OwnedResource.Demand)),
        // Watch lists and feeds: the party itself.
        ["GET /api/v1/parties/{id}/watches"] = Rule(TenancyRule.PartyItself("id")),
        ["POST /api/v1/parties/{id}/watches"] = Rule(TenancyRule.PartyItself("id")),
        ["DELETE /api/v1/parties/{id}/watches/{watchId}"] = Rule(TenancyRule.PartyItself("id")),
        ["GET /api/v1/parties/{id}/feed"] = Rule(TenancyRule.PartyItself("id")),

        // Licence negotiations: the licensee (any key), the holder (licensor) or the listing's center (operator); the endpoint picks the side.
        ["GET /api/v1/licence-negotiations/{id}"] = Rule(TenancyRule.Read(OwnedResource.LicenceNegotiation)),
        ["POST /api/v1/licence-negotiations/{id}/offers"] = NegotiationParty,
        ["POST /api/v1/licence-negotiations/{id}/acceptance"] = NegotiationParty,
        ["POST /api/v1/licence-negotiations/{id}/decline"] = NegotiationParty,
        ["POST /api/v1/licence-negotiations/{id}/withdrawal"] = NegotiationParty,

        // Alliances (§11): the running center's operators act; the center and the members of today read.
        ["GET /api/v1/alliances/{id}"] = Rule(TenancyRule.Read(OwnedResource.Alliance)),
        ["GET /api/v1/alliances/{id}/members"] = Rule(TenancyRule.Read(OwnedResource.Alliance)),
        ["POST /api/v1/alliances/{id}/members"] = Rule(TenancyRule.Act(OwnedResource.Alliance, "id", Role.Operator)),
        ["POST /api/v1/alliances/{id}/members/{partyId}/departure"] = Rule(TenancyRule.Act(OwnedResource.Alliance, "id", Role.Operator)),
        ["POST /api/v1/alliances/{id}/filing"] = Rule(TenancyRule.Act(OwnedResource.Alliance, "id", Role.Operator)),

        // Money of one party.
        ["GET /api/v1/ledger/accounts/{id}"] = Rule(TenancyRule.Read(OwnedResource.LedgerAccount)),
    };

    /// <summary>The table key of an endpoint: method and route template as the OpenAPI document writes them.</summary>
    public static string Key(string method, string routeTemplate) => $"{method.ToUpperInvariant()} /{routeTemplate.Trim('/')}";
}
