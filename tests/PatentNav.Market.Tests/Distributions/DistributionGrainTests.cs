using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Distributions;

/// <summary>Puts cash into a pool's collections for a quarter, as an invoice payment would (test assembly only).</summary>
public interface ICollectionsSeedGrain : IGrainWithStringKey
{
    Task Collect(string poolId, string quarter, Money amount);
}

[GenerateSerializer]
public sealed class CollectionsSeedState
{
    [Id(0)]
    public int Deposits { get; set; }
}

public sealed class CollectionsSeedGrain([PersistentState("collections-seed", MarketStorage.Name)] IPersistentState<CollectionsSeedState> seed, ILedger ledger) : Grain, ICollectionsSeedGrain
{
    public async Task Collect(string poolId, string quarter, Money amount)
    {
        ledger.Post(Posting.Transfer($"seed:{this.GetPrimaryKeyString()}:{seed.State.Deposits}", LedgerAccounts.Clearing("offline"),
            LedgerAccounts.PoolCollections(poolId, quarter), amount, "test collection"));
        seed.State.Deposits++;
        await seed.WriteStateAsync();
    }
}

/// <summary>The distribution grain on Orleans: once per period, from either silo of a cluster, in memory and on PostgreSQL.</summary>
public sealed class DistributionGrainTests : DatabaseTests
{
    /// <summary>A pool set up on 2030-01-02 with two members' patents valued 1 M and 3 M CNY; 1 000 000 USD collected for 2030-Q1.</summary>
    private static async Task<string> Pool(IGrainFactory grains, string tag)
    {
        async Task<string> Party(string name, PartyKind kind)
        {
            var id = $"pty_{tag}_{name}";
            await grains.GetGrain<IPartyGrain>(id).Create(new CreateParty(name, kind, "CN", null));
            return id;
        }

        var center = await Party("center", PartyKind.OperatingCenter);
        var poolId = $"pool_{tag}";
        var pool = grains.GetGrain<IPoolGrain>(poolId);
        await pool.Create(new PoolCharter("Test pool", center, "USD", ["decoder"], 1_500));
        foreach (var (name, value) in new[] { ("a", 1_000_000L), ("b", 3_000_000L) })
        {
            var owner = await Party(name, PartyKind.Company);
            var number = ApiSteps.NewNumber();
            var patent = grains.GetGrain<IPatentGrain>(number);
            await patent.Register(new RegisterPatent("电池", "", null, ["H01M 4/133"], new DateOnly(2022, 3, 2), new DateOnly(2023, 5, 10), LegalStatus.Granted, [owner]));
            await patent.AddValuation(new AddValuation(new Money(value, "CNY"), ValuationMethod.Income, null, new DateOnly(2029, 12, 1), null, null));
            await pool.AddMember(owner);
            await pool.AdmitPatent(number, null, requireHolderAgreement: false);
        }
        await grains.GetGrain<ICollectionsSeedGrain>(tag).Collect(poolId, "2030-Q1", new Money(1_000_000, "USD"));
        return poolId;
    }

    private static string Key(string poolId) => DistributionPeriodRules.Key(poolId, new DateOnly(2030, 1, 1), new DateOnly(2030, 4, 1));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task It_runs_once_and_later_runs_return_the_stored_distribution(bool postgres)
    {
        var clock = new TestClock(new DateTimeOffset(2030, 1, 2, 9, 0, 0, TimeSpan.Zero));
        await using var silo = await SiloHost.StartAsync(postgres ? Db : null, "a", clock);
        var poolId = await Pool(silo.Grains, $"once{(postgres ? "pg" : "mem")}");
        var distribution = silo.Grains.GetGrain<IDistributionGrain>(Key(poolId));

        var early = await Assert.ThrowsAsync<DomainException>(distribution.Run);
        Assert.Equal("period_not_ended", early.Code);
        clock.SetToday(new DateOnly(2030, 4, 1));
        var first = await distribution.Run();
        var second = await distribution.Run();

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Distribution, second.Distribution, new SameDistribution());
        Assert.Equal([212_500L, 637_500L], first.Distribution.Licensors.Select(l => l.Share.Amount));
        var ledger = silo.Services.GetRequiredService<ILedgerQueries>();
        Assert.Equal(0, (await ledger.Account(LedgerAccounts.PoolCollections(poolId, "2030-Q1"), 0)).Balances.Single().Amount);
        Assert.Single((await ledger.Account(LedgerAccounts.AdminFees(first.Distribution.AdministratorId), 10)).Entries);
        Assert.All(await ledger.TrialBalance(), total => Assert.Equal(0, total.Amount));
    }

    [Fact]
    public async Task Two_silos_running_the_same_distribution_move_the_money_once_and_both_answer_with_it()
    {
        var clock = new TestClock(new DateTimeOffset(2030, 1, 2, 9, 0, 0, TimeSpan.Zero));
        await using var a = await SiloHost.StartAsync(Db, "a", clock);
        await using var b = await SiloHost.StartAsync(Db, "b", clock);
        var poolId = await Pool(a.Grains, "twosilos");
        clock.SetToday(new DateOnly(2030, 4, 1));

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).Grains.GetGrain<IDistributionGrain>(Key(poolId)).Run())));

        Assert.Single(runs, r => r.Created);
        Assert.All(runs, r => Assert.Equal(runs[0].Distribution, r.Distribution, new SameDistribution()));
        var ledger = a.Services.GetRequiredService<ILedgerQueries>();
        Assert.Single((await ledger.Account(LedgerAccounts.AdminFees(runs[0].Distribution.AdministratorId), 10)).Entries);
        Assert.Equal(150_000, (await ledger.Account(LedgerAccounts.AdminFees(runs[0].Distribution.AdministratorId), 10)).Balances.Single().Amount);
        Assert.All(await ledger.TrialBalance(), total => Assert.Equal(0, total.Amount));
    }

    /// <summary>Records with lists compare by reference; a distribution is the same when its stored JSON would be.</summary>
    private sealed class SameDistribution : IEqualityComparer<Distribution>
    {
        public bool Equals(Distribution? x, Distribution? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(Distribution obj) => obj.Id.GetHashCode();
    }
}
