using System.Security.Cryptography;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// A patent pool: charter and members here; patents in <c>PoolGrain.Patents.cs</c>, rate cards
/// and quotes in <c>PoolGrain.RateCards.cs</c>, refusals and licensees in <c>PoolGrain.Licensees.cs</c>.
/// Every method checks first, calls other grains (idempotently) next, and writes its state last.
/// </summary>
public sealed partial class PoolGrain([PersistentState("pool", MarketStorage.Name)] IPersistentState<PoolState> pool, MarketClock clock) : Grain, IPoolGrain
{
    public static string NewId() => "pool_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private DateOnly Today => clock.Today;

    public async Task<PoolView> Create(PoolCharter charter)
    {
        if (pool.State.IsCreated)
            throw DomainException.Conflict("pool_exists", $"Pool {this.GetPrimaryKeyString()} already exists.");
        var valid = PoolCharterRules.Validate(charter);
        var administrator = await GrainFactory.GetGrain<IPartyGrain>(valid.AdministratorId).Get()
            ?? throw DomainException.Unprocessable("unknown_party", $"Party {valid.AdministratorId} does not exist.", "administratorId");
        if (administrator.Kind != PartyKind.OperatingCenter)
            throw DomainException.Unprocessable("administrator_not_operating_center",
                $"Party {valid.AdministratorId} is a {administrator.Kind}; pools are administered by an operating center.", "administratorId");

        var createdAt = clock.GetUtcNow();
        await GrainFactory.GetGrain<IPoolDirectoryGrain>(IPoolDirectoryGrain.Key)
            .Register(new PoolListing(this.GetPrimaryKeyString(), valid.Name, valid.AdministratorId, valid.Currency, createdAt));
        pool.State = new PoolState { Charter = valid, CreatedAt = createdAt };
        await pool.WriteStateAsync();
        return View();
    }

    public Task<PoolView?> Get() => Task.FromResult(pool.State.IsCreated ? View() : null);

    public async Task<PoolView> AddMember(string partyId)
    {
        var state = RequireCreated();
        await RequirePartyExists(partyId, "partyId");
        if (state.Members.Any(m => m.PartyId == partyId)) return View();
        state.Members.Add(new PoolMember(partyId, Today));
        await pool.WriteStateAsync();
        return View();
    }

    public async Task<PoolView> CiteReports(IReadOnlyList<string> reportIds)
    {
        var state = RequireCreated();
        var cited = await Navigation.ReportCitations.Cite(GrainFactory, reportIds, Navigation.CitingKind.Pool, this.GetPrimaryKeyString(), clock.GetUtcNow());
        var added = cited.Where(r => !state.ReportIds.Contains(r)).ToList();
        if (added.Count == 0) return View();
        state.ReportIds.AddRange(added);
        await pool.WriteStateAsync();
        return View();
    }

    public async Task<PoolView> Accede(string number, string buyerId, DateOnly since)
    {
        var state = RequireCreated();
        await RequirePartyExists(buyerId, "buyerId");
        if (!state.Members.Any(m => m.PartyId == buyerId)) state.Members.Add(new PoolMember(buyerId, Today));
        // Every stay not ended by the recordation date: the one in force, or one withdrawing at the period's end.
        for (var i = 0; i < state.Patents.Count; i++)
            if (state.Patents[i] is var stay && stay.Number == number && (stay.WithdrawnOn is null || stay.WithdrawnOn > since) && stay.OwnerMemberId != buyerId)
                state.Patents[i] = stay with { OwnerMemberId = buyerId, HolderSince = since };
        await pool.WriteStateAsync();
        return View();
    }

    private PoolState RequireCreated() => pool.State.IsCreated
        ? pool.State
        : throw DomainException.NotFound("pool_not_found", $"Pool {this.GetPrimaryKeyString()} does not exist.");

    private PoolCharter Charter => RequireCreated().Charter!;

    private async Task RequirePartyExists(string? partyId, string field)
    {
        if (string.IsNullOrWhiteSpace(partyId) || await GrainFactory.GetGrain<IPartyGrain>(partyId).Get() is null)
            throw DomainException.Unprocessable("unknown_party", $"Party {partyId} does not exist.", field);
    }

    /// <summary>A snapshot: lists are copied so later turns never change what a caller is serializing.</summary>
    private PoolView View()
    {
        var s = pool.State;
        return new PoolView(this.GetPrimaryKeyString(), s.Charter!, [.. s.Members], [.. s.Patents], [.. s.RateCards], s.CreatedAt!.Value, [.. s.ReportIds]);
    }
}
