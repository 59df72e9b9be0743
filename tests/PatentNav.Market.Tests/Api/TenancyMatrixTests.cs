using System.Net.Http.Json;
using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;
using PatentNav.Market.Tests.Payments;
using Xunit.Abstractions;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Every operation of the served OpenAPI document × every kind of caller (the admin; for tenants A and B a key per
/// role; anonymous; a bogus token), against a world in which tenant A owns one of each resource. The expected access
/// is <see cref="Oracle"/>, docs/TENANCY.md written as data: a refused caller must get 401/403/404 (a bogus token
/// 401), an allowed one must not be refused by 401/403. An operation the oracle does not know fails the test until it
/// is classified there, so the matrix stays complete.
/// </summary>
public sealed class TenancyMatrixTests(ClockedMarket market, ITestOutputHelper output) : IClassFixture<ClockedMarket>
{
    // ---------------------------------------------------------------- callers

    private static readonly string[] Roles = ["operator", "licensor", "licensee", "financier", "appraiser"];

    /// <summary>A caller of the matrix. Tenant A's parties are one per role: its center, holder, licensee, bank and appraiser.</summary>
    private sealed record Caller(string Name, string? Tenant, string? Role, string? Token)
    {
        public bool IsAdmin => Role == "admin";
        public bool IsBogus => Name == "bogus";
        public bool IsA(params string[] roles) => Tenant == "A" && roles.Contains(Role);
    }

    // ---------------------------------------------------------------- the oracle (docs/TENANCY.md)

    /// <summary>A's resources: the roles of A's parties that act on each, and the roles of those that only read it.</summary>
    private sealed record Resource(string[] Actors, string[] Readers)
    {
        public bool Involves(Caller c) => c.IsA(Actors) || c.IsA(Readers);
    }

    private static readonly Resource Pool = new(["operator"], []);
    private static readonly Resource Patent = new(["licensor"], []);
    private static readonly Resource PoolLicence = new(["licensee", "operator"], ["licensor"]); // the licensor holds a patent in the pool
    private static readonly Resource Transfer = new(["licensor", "licensee", "operator"], []);  // seller, buyer, center
    private static readonly Resource Deal = new(["financier", "licensor", "operator"], []);     // financier, pledgor, the center filing its registration
    private static readonly Resource PoolAccount = new([], ["operator"]);                       // pool:{A's pool}:collections:…
    private static readonly Resource Listing = new(["licensor", "operator"], []);              // holder, the center acting for it
    private static readonly Resource DemandOfA = new(["licensee"], []);                        // the party's own (any of its keys)
    private static readonly Resource NavigationProject = new(["operator"], []);                 // the center's
    private static readonly Resource NavigationReport = new(["operator"], ["licensor"]);        // read by the members of the center's pools
    private static readonly Resource PooledPatent = new(["licensor", "operator"], []);          // holder; the center of its pool
    private static readonly Resource Payable = new(["operator"], ["licensor"]);                 // A's pool paid into A's licensor's payable
    private static readonly Resource Payout = new(["operator"], ["licensor"]);                  // ordered by A's center; the payee reads
    private static readonly Resource Alliance = new(["operator"], ["licensor", "licensee"]);    // run by A's center; A's holder and licensee are members
    private static readonly Resource Negotiation = new(["licensor", "licensee", "operator"], []); // A's holder, A's licensee, the listing's center (A's)

    /// <summary>Who may call an operation. <paramref name="ExtraRefusals"/>: statuses besides 401/403/404 that count as a refusal.</summary>
    private sealed record Access(string Name, Func<Caller, bool> Allows, int[]? ExtraRefusals = null, bool IgnoresBearer = false)
    {
        public Access Or(Access other) => new($"{Name} or {other.Name}", c => Allows(c) || other.Allows(c), ExtraRefusals);

        /// <summary>The operation needs a party's own key: the admin token (no party) is refused too.</summary>
        public Access OwnKeyOnly() => new($"{Name} (own key)", c => !c.IsAdmin && Allows(c), ExtraRefusals);

        public Access Refusing(params int[] statuses) => this with { ExtraRefusals = statuses };
    }

    private static Access Anyone => new("anyone", c => !c.IsBogus);
    private static Access AnyKey => new("any key", c => c.Token is not null && !c.IsBogus);
    private static Access AdminOnly => new("admin", c => c.IsAdmin);
    /// <summary>Authenticated by something else than a bearer token (Stripe's signature): no bearer caller gets through, a token is ignored.</summary>
    private static Access Nobody => new("no bearer caller", _ => false, [400, 404, 422], IgnoresBearer: true);
    private static Access AnyoneWithRole(params string[] roles) => new($"any {string.Join("/", roles)}", c => c.IsAdmin || c.Tenant is not null && roles.Contains(c.Role));
    private static Access Reads(Resource r) => new("reader", c => c.IsAdmin || r.Involves(c));
    private static Access Acts(Resource r, params string[] roles) => new($"{string.Join("/", roles)} of the owner", c => c.IsAdmin || c.IsA(roles) && c.IsA(r.Actors));
    /// <summary>The path, query or body names A's party of <paramref name="role"/>, and the caller is that party's key.</summary>
    private static Access Itself(string role) => new($"{role} itself", c => c.IsAdmin || c.IsA(role));

    /// <summary>Every operation, classified. Add new operations here (the test lists the ones missing).</summary>
    private static readonly Dictionary<string, Access> Oracle = new()
    {
        ["POST /api/v1/parties"] = AdminOnly,
        ["GET /api/v1/parties/{id}"] = AnyKey,
        ["POST /api/v1/parties/{id}/api-keys"] = AdminOnly,
        ["DELETE /api/v1/parties/{id}/api-keys/{keyId}"] = Itself("licensor"),
        ["POST /api/v1/parties/{id}/api-keys/{keyId}/rotate"] = Itself("licensor"),
        ["GET /api/v1/me"] = AnyKey,
        ["GET /api/v1/payments/config"] = AnyKey,
        ["GET /api/v1/parties"] = AnyoneWithRole("operator"),
        ["GET /api/v1/parties/{id}/licences"] = Itself("licensor").Or(AnyoneWithRole("operator")), // an operator sees only its pools' licences
        ["GET /api/v1/invoices"] = AnyoneWithRole("operator"),                  // each center's own pools' invoices
        ["GET /api/v1/operating-centers/{id}/transfers"] = Itself("operator"),
        ["GET /api/v1/payouts"] = AnyoneWithRole("operator"),                  // each center's own list
        ["POST /api/v1/payouts/{id}/confirmation"] = Acts(Payout, "operator"),  // A's center ordered A's payout
        ["POST /api/v1/payouts/{id}/cancellation"] = Acts(Payout, "operator"),
        ["POST /api/v1/payouts/{id}/review"] = AdminOnly,
        ["GET /api/v1/ledger/trial-balance"] = AdminOnly,
        ["PUT /api/v1/parties/{id}/stripe-account"] = AdminOnly,
        ["PATCH /api/v1/parties/{id}"] = AdminOnly,
        ["GET /api/v1/navigation/landscape"] = AnyKey,          // public catalogue; operations amounts by OperationsDisclosure
        ["GET /api/v1/parties/{id}/payouts"] = Reads(Payable),
        ["POST /api/v1/payouts"] = Acts(Payable, "operator"),
        ["PUT /api/v1/operating-centers/{id}"] = AdminOnly,
        ["GET /api/v1/operating-centers/{id}"] = AnyKey,
        ["GET /api/v1/cluster"] = AdminOnly,
        ["POST /api/v1/pools/{id}/onboarding-imports"] = AdminOnly, // onboarding a pool's past records (docs/API.md)
        ["POST /api/v1/pools/{id}/onboarding-imports/csv"] = AdminOnly,
        ["GET /api/v1/onboarding-imports/{id}"] = AdminOnly,
        ["POST /webhooks/stripe"] = Nobody,

        ["POST /api/v1/patents"] = AnyoneWithRole("operator"),
        ["GET /api/v1/patents"] = AnyKey,
        ["GET /api/v1/patents/{number}"] = AnyKey,
        ["PATCH /api/v1/patents/{number}"] = Acts(Patent, "licensor"),
        ["POST /api/v1/patents/{number}/valuations"] = Acts(Patent, "licensor"),
        ["GET /api/v1/patents/{number}/history"] = AnyKey,
        ["PUT /api/v1/patents/{number}/export-control"] = AdminOnly,
        ["GET /api/v1/patents/{number}/transfers"] = AnyKey,
        ["POST /api/v1/patents/{number}/pledgee-consents"] = Acts(Patent, "financier"), // A's patent is not pledged: only the admin
        ["POST /api/v1/patents/{number}/open-licence"] = Acts(Patent, "licensor"),
        ["POST /api/v1/patents/{number}/co-owner-consents"] = Acts(Patent, "licensor"),
        ["POST /api/v1/patents/{number}/end-of-force"] = Acts(PooledPatent, "licensor", "operator"), // A's pooled patent
        ["GET /api/v1/patents/{number}/open-licence"] = AnyKey,
        ["POST /api/v1/patents/{number}/open-licence/accept"] = AnyoneWithRole("licensee").OwnKeyOnly(), // an open offer

        ["POST /api/v1/pools"] = Itself("operator"),
        ["GET /api/v1/pools"] = Anyone,
        ["GET /api/v1/pools/{id}"] = Anyone,
        ["GET /api/v1/pools/{id}/rate-cards"] = Anyone,
        ["GET /api/v1/pools/{id}/licensees"] = Anyone,
        ["GET /api/v1/pools/{id}/quote"] = Anyone,
        ["POST /api/v1/pools/{id}/members"] = Acts(Pool, "operator"),
        ["POST /api/v1/pools/{id}/patents"] = Acts(Pool, "operator"),
        ["DELETE /api/v1/pools/{id}/patents/{number}"] = Acts(Pool, "operator"),
        ["POST /api/v1/pools/{id}/patents/{number}/agreement"] = Acts(Patent, "licensor"),
        ["POST /api/v1/pools/{id}/rate-cards"] = Acts(Pool, "operator"),
        ["POST /api/v1/pools/{id}/refusals"] = Acts(Pool, "operator"),
        ["DELETE /api/v1/pools/{id}/refusals/{partyId}/{reason}"] = Acts(Pool, "operator"),
        ["POST /api/v1/pools/{id}/licences"] = AnyoneWithRole("licensee").OwnKeyOnly(), // a willing licensee
        ["POST /api/v1/pools/{id}/distributions"] = Acts(Pool, "operator"),
        ["GET /api/v1/pools/{id}/distributions/{distributionId}"] = Acts(Pool, "operator"),
        ["GET /api/v1/pools/{id}/distributions"] = Acts(Pool, "operator"),
        ["POST /api/v1/pools/{id}/distributions/{distributionId}/supplements"] = Acts(Pool, "operator"),
        ["GET /api/v1/pools/{id}/distributions/{distributionId}/statement"] = Acts(Pool, "operator").Or(Itself("licensor")),
        ["GET /api/v1/parties/{id}/statements"] = Itself("licensor"),

        ["POST /api/v1/licences"] = Acts(Patent, "licensor").OwnKeyOnly().Refusing(422), // another licensor: 422 not_owner
        ["GET /api/v1/licences/{id}"] = Reads(PoolLicence),
        ["GET /api/v1/licences/{id}/invoices"] = Reads(PoolLicence),
        ["POST /api/v1/licences/{id}/royalty-reports"] = Acts(PoolLicence, "licensee"),
        ["POST /api/v1/licences/{id}/cnipa-filing"] = Acts(PoolLicence, "operator", "licensor"),
        ["POST /api/v1/licences/{id}/royalty-reports/import"] = Acts(PoolLicence, "licensee"),
        ["POST /api/v1/licences/{id}/breach-notices"] = Acts(PoolLicence, "operator"),
        ["POST /api/v1/licences/{id}/breach-notices/{noticeId}/cure"] = Acts(PoolLicence, "operator"),
        ["POST /api/v1/licences/{id}/suspend"] = Acts(PoolLicence, "operator"),
        ["POST /api/v1/licences/{id}/terminate"] = Acts(PoolLicence, "operator"),
        ["POST /api/v1/licences/{id}/surrender"] = Acts(PoolLicence, "licensee"),
        ["POST /api/v1/invoices/{id}/payment-reversals"] = Acts(PoolLicence, "operator"),
        ["POST /api/v1/invoices/{id}/payments"] = Acts(PoolLicence, "operator"),
        ["POST /api/v1/invoices/{id}/payment-intents"] = Acts(PoolLicence, "licensee", "operator"),
        ["GET /api/v1/ledger/accounts/{id}"] = Reads(PoolAccount),

        ["POST /api/v1/transfers"] = Itself("licensor"),
        ["GET /api/v1/transfers/{id}"] = Reads(Transfer),
        ["POST /api/v1/transfers/{id}/consents"] = Reads(Transfer),
        ["POST /api/v1/transfers/{id}/cancel"] = Reads(Transfer),
        ["POST /api/v1/transfers/{id}/export-clearance"] = Acts(Transfer, "operator"),
        ["POST /api/v1/transfers/{id}/payments"] = Acts(Transfer, "operator"),
        ["POST /api/v1/transfers/{id}/recordation"] = Acts(Transfer, "operator"),
        ["POST /api/v1/transfers/{id}/payment-intents"] = Acts(Transfer, "licensee", "operator"),

        ["POST /api/v1/pledges"] = Itself("licensor").Or(Itself("financier")),
        ["GET /api/v1/pledges/{id}"] = Reads(Deal),
        ["POST /api/v1/pledges/{id}/acceptance"] = Acts(Deal, "licensor"),
        ["POST /api/v1/pledges/{id}/appraise"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/approve"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/register"] = Acts(Deal, "financier", "operator"),           // or the center named to file it
        ["GET /api/v1/operating-centers/{id}/pledges"] = Itself("operator"),
        ["POST /api/v1/pledges/{id}/disburse"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/repayments"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/escrow-applications"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/revalue"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/renew"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/default"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/dispose"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/release"] = Acts(Deal, "financier"),
        ["POST /api/v1/pledges/{id}/collateral"] = Acts(Deal, "financier"),
        ["GET /api/v1/financiers/{id}/portfolio"] = Itself("financier"),

        ["POST /api/v1/listings"] = Itself("licensor").Or(Itself("operator")), // the holder, or the center it names as acting for it
        ["GET /api/v1/listings"] = AnyKey,
        ["GET /api/v1/listings/{id}"] = AnyKey,                                 // A's listing is open: public
        ["POST /api/v1/listings/{id}/open"] = Acts(Listing, "licensor", "operator"),
        ["POST /api/v1/listings/{id}/withdraw"] = Acts(Listing, "licensor", "operator"),
        ["GET /api/v1/listings/{id}/matches"] = Acts(Listing, "licensor", "operator"),
        ["POST /api/v1/demands"] = Itself("licensor"),                          // the body names A's licensor party
        ["GET /api/v1/demands"] = AnyKey,                                       // each party its own
        ["GET /api/v1/demands/{id}"] = Reads(DemandOfA),
        ["POST /api/v1/demands/{id}/open"] = Reads(DemandOfA),
        ["POST /api/v1/demands/{id}/withdraw"] = Reads(DemandOfA),
        ["GET /api/v1/demands/{id}/matches"] = Reads(DemandOfA),
        ["POST /api/v1/demands/{id}/matches/{listingId}/negotiation"] = Reads(DemandOfA),
        ["GET /api/v1/parties/{id}/watches"] = Itself("licensor"),
        ["POST /api/v1/parties/{id}/watches"] = Itself("licensor"),
        ["DELETE /api/v1/parties/{id}/watches/{watchId}"] = Itself("licensor"),
        ["GET /api/v1/parties/{id}/feed"] = Itself("licensor"),
        ["POST /api/v1/navigation/projects"] = Itself("operator"),
        ["GET /api/v1/navigation/projects/{id}"] = Reads(NavigationProject),
        ["POST /api/v1/navigation/projects/{id}/snapshots"] = Acts(NavigationProject, "operator"),
        ["POST /api/v1/navigation/projects/{id}/reports"] = Acts(NavigationProject, "operator"),
        ["GET /api/v1/navigation/reports/{id}"] = Reads(NavigationReport),
        ["GET /api/v1/navigation/reports/{id}/data.csv"] = Reads(NavigationReport),
        ["POST /api/v1/navigation/reports/{id}/filing"] = Acts(NavigationReport, "operator"),
        ["GET /api/v1/operating-centers/{id}/navigation-reports"] = Itself("operator").Or(Itself("licensor")), // the center and its pools' members
        ["GET /api/v1/operating-centers/{id}/navigation-projects"] = Itself("operator"),                       // the center's alone
        ["POST /api/v1/pools/{id}/reports"] = Acts(Pool, "operator"),
        ["POST /api/v1/listings/{id}/reports"] = Acts(Listing, "licensor", "operator"),
        ["POST /api/v1/alliances"] = Itself("operator"),                       // the body names A's center
        ["GET /api/v1/alliances"] = AnyKey,                                     // each caller the alliances it reads
        ["GET /api/v1/alliances/{id}"] = Reads(Alliance),
        ["GET /api/v1/alliances/{id}/members"] = Reads(Alliance),
        ["POST /api/v1/alliances/{id}/members"] = Acts(Alliance, "operator"),
        ["POST /api/v1/alliances/{id}/members/{partyId}/departure"] = Acts(Alliance, "operator"),
        ["POST /api/v1/alliances/{id}/filing"] = Acts(Alliance, "operator"),
        ["GET /api/v1/licence-negotiations/{id}"] = Reads(Negotiation),
        ["POST /api/v1/licence-negotiations/{id}/offers"] = Reads(Negotiation),     // either side; the endpoint picks it
        ["POST /api/v1/licence-negotiations/{id}/acceptance"] = Reads(Negotiation),
        ["POST /api/v1/licence-negotiations/{id}/decline"] = Reads(Negotiation),
        ["POST /api/v1/licence-negotiations/{id}/withdrawal"] = Reads(Negotiation),
    };

    /// <summary>Whole subtrees classified at once: the Orleans Dashboard (admin only, bearer or Basic with the admin token).</summary>
    private static readonly Dictionary<string, Access> OracleByPrefix = new()
    {
        ["GET /dashboard"] = AdminOnly,
    };

    private static Access? Classify(string operation) =>
        Oracle.TryGetValue(operation, out var access) ? access
        : OracleByPrefix.FirstOrDefault(p => operation == p.Key || operation.StartsWith(p.Key + "/", StringComparison.Ordinal)).Value;

    // ---------------------------------------------------------------- A's world

    private sealed record World(Dictionary<string, IssuedKey> A, string Pool, string Patent, string PooledPatent, string SalePatent,
        string PledgedPatent, string Licence, string Invoice, string Transfer, string Deal, string Account, string Payout, string Listing, string Demand,
        string Project, string Report, string Alliance, string Negotiation);

    private async Task<Dictionary<string, IssuedKey>> TenantKeys()
    {
        var admin = market.Admin();
        return new()
        {
            ["operator"] = await admin.NewKey("operating_center", "operator"),
            ["licensor"] = await admin.NewKey("company", "licensor"),
            ["licensee"] = await admin.NewKey("company", "licensee"),
            ["financier"] = await admin.NewKey("bank", "financier"),
            ["appraiser"] = await admin.NewKey("appraiser", "appraiser"),
        };
    }

    private async Task<World> SeedTenantA()
    {
        var admin = market.Admin();
        var a = await TenantKeys();
        var (center, holder, licensee, bank) = (market.Client(a["operator"]), market.Client(a["licensor"]), market.Client(a["licensee"]), market.Client(a["financier"]));
        var holderId = a["licensor"].PartyId;

        var pool = (await (await center.PostJson("/api/v1/pools", PoolSteps.PoolBody(a["operator"].PartyId))).ShouldBe(201)).Id();
        await (await center.PostJson($"/api/v1/pools/{pool}/rate-cards", PoolSteps.AvcCard(effectiveFrom: market.Clock.Today))).ShouldBe(201);
        await (await center.PostJson($"/api/v1/pools/{pool}/members", new { partyId = holderId })).ShouldBe(200);
        var pooled = await admin.NewPatent(holderId);
        await admin.AddValuation(pooled, 1_000_000_00, "2029-12-01");
        await (await holder.PostJson($"/api/v1/pools/{pool}/patents/{pooled}/agreement", new { })).ShouldBe(201);
        await (await center.PostJson($"/api/v1/pools/{pool}/patents", new { number = pooled })).ShouldBe(201);
        var licence = await market.Acquire(new ClockedPool(pool, a["operator"]), a["licensee"]);
        var quarter = LicenceSteps.Quarter(market.Clock.Today);
        var invoice = await (await licensee.Report(licence, quarter.ToString(), 1_000_000)).ShouldBe(201);

        // A's quarter collected and distributed, and A's center pays the holder out: the payable arose in A's pool. Then the
        // rest of the world, so that nothing of it ages past its deadlines.
        await (await center.Pay(invoice.Id(), $"BANK-{invoice.Id()}", invoice.Amount())).ShouldBe(201);
        market.Clock.SetToday(quarter.LastDay.AddDays(5));
        await (await center.RunDistribution(new ClockedPool(pool, a["operator"]), quarter.FirstDay, quarter.LastDay.AddDays(1))).ShouldBe(201);
        var payout = (await (await center.Payout(holderId, "USD")).ShouldBe(201)).GetProperty("payoutId").GetString()!;

        var patent = await admin.NewPatent(holderId);
        await admin.AddValuation(patent, 1_000_000_00, "2029-12-01");
        await (await holder.PostJson($"/api/v1/patents/{patent}/open-licence", new { terms = new { currency = "CNY", ratePerUnit = "20" } })).ShouldBe(201);

        var cast = new TransferCast(a["operator"], a["licensor"], a["licensee"]);
        var transfer = (await holder.Open(cast, [await admin.NewPatent(holderId)])).TransferId();

        var pledged = await admin.NewPatent(holderId);
        await admin.AddValuation(pledged, 1_000_000_00, "2029-12-01");
        var deal = (await (await holder.PostWithKey("/api/v1/pledges", PledgeBody(a, pledged), Guid.NewGuid().ToString())).ShouldBe(201)).Id();

        var listing = (await holder.List(ListingBody(a, patent))).Id();
        var demand = (await licensee.Demand(new { ipcPrefixes = new[] { "H01M" }, validUntil = "2031-12-31", open = true })).Id();

        // A licence listing of A's holder (its center acting) and a negotiation A's licensee opened from its match.
        var licenceListing = (await holder.List(MatchingSteps.ListingBody(holderId, [patent], "non_exclusive_licence", MatchingSteps.Price(1_000_00, 2_000_00),
            centerId: a["operator"].PartyId))).Id();
        var negotiationDemand = (await licensee.Demand(new { ipcPrefixes = new[] { "H01M" }, validUntil = "2031-12-31", open = true })).Id();
        var negotiation = (await (await licensee.PostWithKey($"/api/v1/demands/{negotiationDemand}/matches/{licenceListing}/negotiation", new { },
            Guid.NewGuid().ToString())).ShouldBe(201)).GetProperty("licenceNegotiation").Id();
        var alliance = (await (await center.PostWithKey("/api/v1/alliances", AllianceBody(a), Guid.NewGuid().ToString())).ShouldBe(201)).Id();

        var project = (await (await center.PostWithKey("/api/v1/navigation/projects", NavigationProjectBody(a), Guid.NewGuid().ToString())).ShouldBe(201)).Id();
        var snapshot = (await (await center.PostWithKey($"/api/v1/navigation/projects/{project}/snapshots", null, Guid.NewGuid().ToString())).ShouldBe(201)).Id();
        var report = (await (await center.PostWithKey($"/api/v1/navigation/projects/{project}/reports",
            new { snapshotId = snapshot, title = "导航报告", conclusions = new[] { "结论" } }, Guid.NewGuid().ToString())).ShouldBe(201)).Id();

        return new World(a, pool, patent, pooled, await admin.NewPatent(holderId), pledged, licence, invoice.Id(), transfer, deal,
            $"pool:{pool}:collections:{quarter}", payout, listing, demand, project, report, alliance, negotiation);
    }

    private static object AllianceBody(Dictionary<string, IssuedKey> a) => new
    {
        centerId = a["operator"].PartyId,
        charter = new
        {
            name = "动力电池产业知识产权联盟", purpose = "专利协同运营", industryScope = "动力电池", form = "association", rightsAndDuties = "共享导航",
            governance = "理事会", funding = "会费", amendment = "大会决议", dissolution = "成员不足两家",
        },
        members = new[] { new { partyId = a["licensor"].PartyId }, new { partyId = a["licensee"].PartyId } },
    };

    private static Dictionary<string, object?> ListingBody(Dictionary<string, IssuedKey> a, string number) =>
        MatchingSteps.ListingBody(a["licensor"].PartyId, [number], "sale", MatchingSteps.Price(1_000_00, 2_000_00), centerId: a["operator"].PartyId);

    private static object NavigationProjectBody(Dictionary<string, IssuedKey> a) =>
        new { centerId = a["operator"].PartyId, name = "锂电池产业导航", type = "industrial_planning", scope = new { ipc = new[] { "H01M" } } };

    private static object PledgeBody(Dictionary<string, IssuedKey> a, string number) => new
    {
        pledgorId = a["licensor"].PartyId, financierId = a["financier"].PartyId, patents = new[] { number },
        principal = new { amount = 100_000_00, currency = "CNY" }, product = new { annualRateBps = 435, termMonths = 12 },
        centerId = a["operator"].PartyId,
    };

    /// <summary>The request of an operation on A's world: its path filled in with A's ids, a query, and a body naming A's parties.</summary>
    private static (string Url, object? Body) Request(World w, string operation)
    {
        var (method, path) = (operation[..operation.IndexOf(' ')], operation[(operation.IndexOf(' ') + 1)..]);
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
            segments[i] = segments[i] switch
            {
                "{id}" => segments[i - 1] switch
                {
                    "pools" => w.Pool, "licences" => w.Licence, "invoices" => w.Invoice, "transfers" => w.Transfer, "pledges" => w.Deal,
                    "financiers" => w.A["financier"].PartyId, "parties" => w.A["licensor"].PartyId, "operating-centers" => w.A["operator"].PartyId,
                    "accounts" => w.Account,
                    "listings" => w.Listing, "demands" => w.Demand,
                    "payouts" => w.Payout,
                    "onboarding-imports" => "obi_0000000000000000",
                    "projects" => w.Project,
                    "reports" => w.Report,
                    "alliances" => w.Alliance,
                    "licence-negotiations" => w.Negotiation,
                    var other => throw new InvalidOperationException($"{operation}: no id of A for '{other}'"),
                },
                "{number}" => path.StartsWith("/api/v1/pools/", StringComparison.Ordinal) || path.EndsWith("/end-of-force", StringComparison.Ordinal)
                    ? w.PooledPatent : w.Patent,
                "{distributionId}" => "2030-01-01_2030-04-01",
                "{partyId}" => w.A["licensee"].PartyId,
                "{reason}" => "uncured_breach",
                "{keyId}" => "key_0000000000000000",
                "{listingId}" => w.Listing,
                "{watchId}" => "w1",
                "{noticeId}" => "bn_0000000000000000",
                var s when s.StartsWith('{') && path.StartsWith("/dashboard", StringComparison.Ordinal) => "1",
                var s when s.StartsWith('{') => throw new InvalidOperationException($"{operation}: no value of A for {s}"),
                var s => s,
            };
        var url = string.Join('/', segments) + path switch
        {
            _ when path.EndsWith("/statement", StringComparison.Ordinal) => $"?licensorId={w.A["licensor"].PartyId}",
            _ when path.EndsWith("/quote", StringComparison.Ordinal) => "?category=decoder&region=US&units=10",
            _ => "",
        };
        object? body = operation switch
        {
            "POST /api/v1/transfers" => TransferSteps.TransferBody(new TransferCast(w.A["operator"], w.A["licensor"], w.A["licensee"]), [w.SalePatent]),
            "POST /api/v1/pledges" => PledgeBody(w.A, w.PledgedPatent),
            "POST /api/v1/pools" => PoolSteps.PoolBody(w.A["operator"].PartyId),
            "POST /api/v1/payouts" => new { licensorId = w.A["licensor"].PartyId, currency = "CNY" },
            "POST /api/v1/licences" => LicenceSteps.Bilateral(w.A["licensee"].PartyId, [w.Patent]),
            "POST /api/v1/listings" => ListingBody(w.A, w.Patent),
            "POST /api/v1/demands" => new { partyId = w.A["licensor"].PartyId, keywords = new[] { "电池" }, validUntil = "2031-12-31" },
            "POST /api/v1/parties/{id}/watches" => new { kind = "keyword", value = "电池" },
            "POST /api/v1/navigation/projects" => NavigationProjectBody(w.A),
            "POST /api/v1/alliances" => AllianceBody(w.A),
            _ => method is "GET" or "DELETE" ? null : new { },
        };
        return (url, body);
    }

    // ---------------------------------------------------------------- the matrix

    [Fact]
    public async Task Every_operation_refuses_other_tenants_anonymous_callers_and_bogus_tokens()
    {
        var doc = await (await market.ClientWith(null).GetAsync("/openapi/v1.json")).ShouldBe(200);
        var operations = new List<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete"))
                operations.Add($"{method.Name.ToUpperInvariant()} /{path.Name.Trim('/')}");
        var unclassified = operations.Where(o => Classify(o) is null).ToList();
        Assert.True(unclassified.Count == 0, "Classify these operations in TenancyMatrixTests.Oracle (docs/TENANCY.md): " + string.Join(", ", unclassified));
        foreach (var stale in Oracle.Keys.Except(operations)) output.WriteLine($"not in the document (stale entry?): {stale}");

        var world = await SeedTenantA();
        var b = await TenantKeys();
        var callers = new List<Caller> { new("admin", null, "admin", MarketApp.AdminToken) };
        callers.AddRange(Roles.Select(r => new Caller($"A.{r}", "A", r, world.A[r].Token)));
        callers.AddRange(Roles.Select(r => new Caller($"B.{r}", "B", r, b[r].Token)));
        callers.Add(new Caller("anonymous", null, null, null));
        callers.Add(new Caller("bogus", null, null, "pnm_" + Guid.NewGuid().ToString("N")));
        // Redirects are followed by Send itself: HttpClient drops the Authorization header when it follows one.
        var clients = callers.ToDictionary(c => c.Name, c =>
        {
            var client = market.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            if (c.Token is not null) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", c.Token);
            return client;
        });

        var unexpectedSuccesses = new List<string>();
        var wrongRefusals = new List<string>();
        var unexpectedRefusals = new List<string>();
        var (allowed, refused) = (0, 0);
        foreach (var operation in operations.Order(StringComparer.Ordinal))
        {
            var access = Classify(operation)!;
            var (url, body) = Request(world, operation);
            foreach (var caller in callers)
            {
                var status = await Send(clients[caller.Name], operation[..operation.IndexOf(' ')], url, body);
                var cell = $"{operation} as {caller.Name}: {status}";
                if (access.Allows(caller))
                {
                    allowed++;
                    if (status is 401 or 403) unexpectedRefusals.Add(cell + $" (oracle: {access.Name})");
                    continue;
                }
                refused++;
                if (status is >= 200 and < 300) unexpectedSuccesses.Add(cell);
                else if (caller.IsBogus && !access.IgnoresBearer ? status != 401 : status is not (401 or 403 or 404) && access.ExtraRefusals?.Contains(status) != true)
                    wrongRefusals.Add(cell);
            }
        }

        output.WriteLine($"matrix: {operations.Count} operations x {callers.Count} callers = {operations.Count * callers.Count} calls ({allowed} allowed, {refused} refused by the oracle)");
        output.WriteLine($"unexpected successes: {unexpectedSuccesses.Count}");
        foreach (var line in unexpectedSuccesses.Concat(wrongRefusals).Concat(unexpectedRefusals)) output.WriteLine(line);
        Assert.True(operations.Count >= 60, $"only {operations.Count} operations in the document");
        Assert.Empty(unexpectedSuccesses);
        Assert.Empty(wrongRefusals);
        Assert.Empty(unexpectedRefusals);
    }

    private static async Task<int> Send(HttpClient client, string method, string url, object? body, int redirects = 0)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
            request.Content = url.EndsWith("/import", StringComparison.Ordinal) || url.EndsWith("/onboarding-imports/csv", StringComparison.Ordinal)
                ? new StringContent("period,category,region,units\n", System.Text.Encoding.UTF8, "text/csv")
                : JsonContent.Create(body, options: MarketApp.Json);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        // Headers only: some dashboard endpoints stream (the trace) and never end.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location && redirects < 3)
            return await Send(client, "GET", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, null, redirects + 1);
        return (int)response.StatusCode;
    }
}
