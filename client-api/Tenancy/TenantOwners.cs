using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Grains.Transfers;
using Microsoft.Extensions.DependencyInjection;

namespace PatentNav.Market.ClientApi.Tenancy;

/// <summary>The kinds of resource that have tenants (docs/TENANCY.md), each found by one route value.</summary>
public enum OwnedResource
{
    Pool,
    Patent,
    PledgeDeal,
    Transfer,
    Licence,
    Invoice,
    LedgerAccount,
    Listing,
    Demand,
    NavigationProject,
    NavigationReport,
    /// <summary>A patent with the centers that administer the pools it is or was in (its end of force counts in their distributions).</summary>
    PooledPatent,
    /// <summary>A licensor's payable and its payouts, keyed by the licensor's party id.</summary>
    Payable,
    /// <summary>One payout, keyed by its id.</summary>
    Payout,
    /// <summary>An industry IP alliance: its running center acts, its members of today read.</summary>
    Alliance,
    /// <summary>A licence negotiation: the licensee (any key), the holder (licensor keys), the listing's center (operator keys).</summary>
    LicenceNegotiation,
}

/// <summary>Who owns a resource, read from its grain: the one place that says which party of a resource acts in which role.</summary>
public static class TenantOwners
{
    private static ResourceOwners Owners(bool publicRead, IEnumerable<string>? readers, params (Role Role, IEnumerable<string?> Parties)[] actors) => new(
        actors.GroupBy(a => a.Role).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.SelectMany(a => a.Parties).OfType<string>().Distinct()]),
        [.. readers ?? []], publicRead);

    /// <summary>The operating center that administers it; pools are public to read.</summary>
    public static ResourceOwners Of(PoolView pool) => Owners(true, null, (Role.Operator, [pool.Charter.AdministratorId]));

    /// <summary>Its holders (licensor keys) and its pledgee (financier key, for consents); the catalogue is public to read.</summary>
    public static ResourceOwners Of(PatentView patent) => Owners(true, null, (Role.Licensor, patent.OwnerIds), (Role.Financier, [patent.PledgeeId]));

    /// <summary>
    /// A patent as its pools' administrators see it: its holders and pledgee as in <see cref="Of(PatentView)"/>, and the
    /// administrators of every pool it is or was in (their distributions count its days in force) as its operators.
    /// </summary>
    public static ResourceOwners Of(PatentView patent, IEnumerable<string> poolAdministrators) =>
        Owners(true, null, (Role.Licensor, patent.OwnerIds), (Role.Financier, [patent.PledgeeId]), (Role.Operator, poolAdministrators));

    /// <summary>
    /// A licensor's payable and its payouts: any key of the licensor reads them; the operators of the centers it arose
    /// with (<see cref="PayableCenters"/>) read them and order payouts of it.
    /// </summary>
    public static ResourceOwners OfPayable(string licensorId, IEnumerable<string> centers) => Owners(false, [licensorId], (Role.Operator, centers));

    /// <summary>
    /// One payout: the payee and the centers of its payable read it; the center that ordered it confirms or cancels it (as
    /// long as it is one of those centers); one the admin ordered, only the admin.
    /// </summary>
    public static ResourceOwners Of(PayoutEntry payout, IReadOnlyCollection<string> centers) =>
        Owners(false, [payout.LicensorId, .. centers],
            (Role.Operator, payout.CenterId is { } center && centers.Contains(center) ? new[] { center } : Array.Empty<string>()));

    /// <summary>
    /// The financier runs the deal; the pledgor accepts a financier's application; the center filing its registration
    /// (<c>centerId</c>) records it as an operator (TenancyRules gives operators no other step); all three read it.
    /// <paramref name="withCenter"/> false: the loan's money (<c>loan:{id}:…</c> accounts) is the financier's and the
    /// pledgor's only — the center files a registration, it has no part in the loan.
    /// </summary>
    public static ResourceOwners Of(PledgeDealView deal, bool withCenter = true) => Owners(false, null,
        (Role.Financier, [deal.FinancierId]), (Role.Licensor, [deal.PledgorId]), (Role.Operator, withCenter ? new[] { deal.CenterId } : Array.Empty<string?>()));

    /// <summary>
    /// The seller, the buyer and the center's operator; parties whose consent it needs read it: those listed, and the
    /// current owners and pledgees of its patents (<paramref name="consenting"/>: a pledge registered after opening gives a say).
    /// </summary>
    public static ResourceOwners Of(TransferView transfer, IEnumerable<string> consenting) => Owners(false, transfer.Consents.Select(c => c.PartyId).Concat(consenting),
        (Role.Licensor, [transfer.SellerId]), (Role.Licensee, [transfer.BuyerId]), (Role.Operator, [transfer.CenterId]));

    /// <summary>
    /// The licensee; the licensor of a bilateral licence; for a pool licence the pool's administrator (its licensor, an
    /// operating center) and, as readers, the holders of the patents it covers.
    /// </summary>
    public static ResourceOwners Of(LicenceView licence, IEnumerable<string> holders) => licence.PoolId is null
        ? Owners(false, null, (Role.Licensee, [licence.LicenseeId]), (Role.Licensor, licence.LicensorIds))
        : Owners(false, holders, (Role.Licensee, [licence.LicenseeId]), (Role.Operator, licence.LicensorIds));

    /// <summary>The holder (licensor keys) and the center acting for it (operator keys); public to read once it is no longer a draft.</summary>
    public static ResourceOwners Of(ListingView listing) =>
        Owners(listing.Status != OfferStatus.Draft, null, (Role.Licensor, [listing.HolderId]), (Role.Operator, [listing.CenterId]));

    /// <summary>A demand is its party's own: any key of the party acts on it, nobody else reads it.</summary>
    public static ResourceOwners Of(DemandView demand) => Owners(false, null, [.. Enum.GetValues<Role>().Select(r => (r, (IEnumerable<string?>)[demand.PartyId]))]);
    /// <summary>A navigation project is its operating center's: its operators act, nobody else reads it.</summary>
    public static ResourceOwners Of(Grains.Navigation.NavigationProjectView project) => Owners(false, null, (Role.Operator, [project.CenterId]));

    /// <summary>A published report: the center's operators act (filing); the members of its pools read it (<paramref name="members"/>).</summary>
    public static ResourceOwners Of(Grains.Navigation.NavigationReportView report, IEnumerable<string> members) =>
        Owners(false, members, (Role.Operator, [report.Content.CenterId]));

    /// <summary>An alliance (§11): the operating center that runs it acts (operator keys); its members of today read it.</summary>
    public static ResourceOwners Of(Grains.Alliances.AllianceView alliance) => Owners(false, alliance.CurrentMembers, (Role.Operator, [alliance.CenterId]));

    /// <summary>
    /// A licence negotiation: the licensee acts with any key of its party (as on its demand), the holder with its licensor
    /// keys and the listing's center with its operator keys (the licensor side); nobody else reads it. Which side a caller
    /// is on, the endpoint decides (<c>LicenceNegotiationsApi.SidesOf</c>).
    /// </summary>
    public static ResourceOwners Of(Grains.Matching.LicenceNegotiationView n) => Owners(false, null,
        [.. Enum.GetValues<Role>().Select(r => (r, (IEnumerable<string?>)[n.LicenseeId])), (Role.Licensor, [n.LicensorId]), (Role.Operator, [n.CenterId])]);

    public static async Task<ResourceOwners?> Resolve(OwnedResource kind, string key, IServiceProvider services)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        return kind switch
        {
            OwnedResource.Pool => await grains.GetGrain<IPoolGrain>(key).Get() is { } pool ? Of(pool) : null,
            OwnedResource.Patent => PatentNumber.TryParse(key, out var number, out _) && await grains.GetGrain<IPatentGrain>(number.Value).Get() is { } patent
                ? Of(patent) : null,
            OwnedResource.PooledPatent => PatentNumber.TryParse(key, out var pooledNumber, out _) && await grains.GetGrain<IPatentGrain>(pooledNumber.Value).Get() is { } pooled
                ? Of(pooled, await Administrators(pooled.Pools.Select(m => m.PoolId), grains)) : null,
            OwnedResource.PledgeDeal => Apis.LicenceRequests.IsKey(key) && await grains.GetGrain<IPledgeDealGrain>(key).Get() is { } deal ? Of(deal) : null,
            OwnedResource.Transfer => Apis.LicenceRequests.IsKey(key) && await grains.GetGrain<ITransferGrain>(key).Get() is { } transfer
                ? Of(transfer, await Holders(transfer.Patents, grains, withPledgees: true)) : null,
            OwnedResource.Licence => Apis.LicenceRequests.IsKey(key) ? await Licence(key, grains) : null,
            OwnedResource.Invoice => Invoice.LicenceIdOf(key) is { } licenceId ? await Licence(licenceId, grains) : null,
            OwnedResource.LedgerAccount => await Account(key, services),
            // An unknown party has no payable: the endpoint answers (422 unknown_party, or an empty list).
            OwnedResource.Payable => await grains.GetGrain<IPartyGrain>(key).Get() is null ? null : OfPayable(key, await PayableCenters(key, services)),
            OwnedResource.Payout => await grains.GetGrain<IPayoutDirectoryGrain>(IPayoutDirectoryGrain.Key).Find(key) is { } payout
                ? Of(payout, await PayableCenters(payout.LicensorId, services)) : null,
            OwnedResource.Listing => Apis.LicenceRequests.IsKey(key) && await grains.GetGrain<IListingGrain>(key).Get() is { } listing ? Of(listing) : null,
            OwnedResource.Demand => Apis.LicenceRequests.IsKey(key) && await grains.GetGrain<IDemandGrain>(key).Get() is { } demand ? Of(demand) : null,
            OwnedResource.NavigationProject => Apis.LicenceRequests.IsKey(key) && await grains.GetGrain<Grains.Navigation.INavigationProjectGrain>(key).Get() is { } project
                ? Of(project) : null,
            OwnedResource.NavigationReport => Apis.LicenceRequests.IsKey(key) && await grains.GetGrain<Grains.Navigation.INavigationReportGrain>(key).Get() is { } report
                ? Of(report, await CenterMembers(report.Content.CenterId, grains)) : null,
            OwnedResource.Alliance => Apis.LicenceRequests.IsKey(key) && await grains.GetGrain<Grains.Alliances.IAllianceGrain>(key).Get() is { } alliance
                ? Of(alliance) : null,
            OwnedResource.LicenceNegotiation => Apis.LicenceRequests.IsKey(key) && await grains.GetGrain<ILicenceNegotiationGrain>(key).Get() is { } negotiation
                ? Of(negotiation) : null,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>
    /// The operating centers a licensor's payable arose with: the administrators of the pools whose distributions (postings
    /// <c>dist:{poolId}:…</c>) paid into <c>licensor:{id}:payable</c>. Read from the ledger, so a center keeps its say over
    /// what its pools paid in after the licensor left them. Royalties of bilateral licences, transfer proceeds and
    /// returned pledge escrow arise with no pool: only the admin pays those out.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PayableCenters(string licensorId, IServiceProvider services)
    {
        var entries = (await services.GetRequiredService<ILedgerQueries>().Account(LedgerAccounts.LicensorPayable(licensorId), int.MaxValue)).Entries;
        return await Administrators(entries.Select(e => DistributionPayouts.PoolIdOf(e.PostingId)).OfType<string>(), services.GetRequiredService<IGrainFactory>());
    }

    private static async Task<IReadOnlyList<string>> Administrators(IEnumerable<string> poolIds, IGrainFactory grains)
    {
        var centers = new List<string>();
        foreach (var poolId in poolIds.Distinct(StringComparer.Ordinal))
            if (await grains.GetGrain<IPoolGrain>(poolId).Get() is { } pool && !centers.Contains(pool.Charter.AdministratorId))
                centers.Add(pool.Charter.AdministratorId);
        return centers;
    }

    /// <summary>The members of the pools <paramref name="centerId"/> administers: the center's members.</summary>
    public static async Task<List<string>> CenterMembers(string centerId, IGrainFactory grains)
    {
        var members = new List<string>();
        foreach (var listed in (await grains.GetGrain<IPoolDirectoryGrain>(IPoolDirectoryGrain.Key).List()).Where(p => p.AdministratorId == centerId))
            if (await grains.GetGrain<IPoolGrain>(listed.Id).Get() is { } pool) members.AddRange(pool.Members.Select(m => m.PartyId));
        return members;
    }

    private static async Task<ResourceOwners?> Licence(string id, IGrainFactory grains)
    {
        if (await grains.GetGrain<ILicenceGrain>(id).Get() is not { } licence) return null;
        var pool = licence.PoolId is { } poolId ? await grains.GetGrain<IPoolGrain>(poolId).Get() : null;
        return Of(licence, pool is null ? [] : await Holders(pool.Patents.Select(p => p.Number).Distinct(), grains, withPledgees: false));
    }

    /// <summary>The owners (and pledgees) of <paramref name="numbers"/> as they are now.</summary>
    private static async Task<List<string>> Holders(IEnumerable<string> numbers, IGrainFactory grains, bool withPledgees)
    {
        var parties = new List<string>();
        foreach (var number in numbers)
            if (await grains.GetGrain<IPatentGrain>(number).Get() is { } patent)
            {
                parties.AddRange(patent.OwnerIds);
                if (withPledgees && patent.PledgeeId is { } pledgee) parties.Add(pledgee);
            }
        return parties;
    }

    /// <summary>
    /// An account belongs to what its id names (<c>LedgerAccounts</c>): a pool's collections to the pool's administrator,
    /// a center's fees to the center, a licensor's payable to the licensor, a loan to its deal, an escrow to its transfer
    /// or to the pledged patent's holders and pledgee. Clearing, payouts in flight and the risk fund are the market's: admin only.
    /// </summary>
    private static async Task<ResourceOwners?> Account(string account, IServiceProvider services)
    {
        var parts = account.Split(':');
        ResourceOwners Party(Role role, string party) => Owners(false, null, (role, [party]));
        ResourceOwners Market() => Owners(false, null);
        return parts switch
        {
            ["pool", var pool, ..] => await Resolve(OwnedResource.Pool, pool, services) is { } owners ? owners with { PublicRead = false } : Market(),
            ["center", var center, ..] => Party(Role.Operator, center),
            ["licensor", var licensor, ..] => Party(Role.Licensor, licensor),
            ["loan", var deal, ..] => Apis.LicenceRequests.IsKey(deal) && await services.GetRequiredService<IGrainFactory>().GetGrain<IPledgeDealGrain>(deal).Get() is { } loan
                ? Of(loan, withCenter: false) : Market(),
            ["escrow", "transfer", var transfer] => await Resolve(OwnedResource.Transfer, transfer, services) ?? Market(),
            ["escrow", "pledge", var number] => await Resolve(OwnedResource.Patent, number, services) is { } owners ? owners with { PublicRead = false } : Market(),
            _ => Market(),
        };
    }
}
