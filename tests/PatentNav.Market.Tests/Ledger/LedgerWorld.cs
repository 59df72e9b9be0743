using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Ledger;

/// <summary>
/// A small pool world of one sequence, set up through the grains on <see cref="SetupDay"/>: an operating center,
/// 2–3 member licensors with 1–2 valued patents each, a pool with a rate card, and 1–2 outside licensees.
/// Every key carries the sequence's seed, so sequences sharing a host never meet.
/// </summary>
internal sealed record LedgerWorld(
    int Seed, string Tag, string PoolId, string Currency, int AdminFeeBps, string CenterId,
    IReadOnlyList<string> Members, IReadOnlyList<string> Patents, IReadOnlyList<string> Licensees)
{
    /// <summary>The pool and its patents exist before 2030, so every 2030 day counts in the weights.</summary>
    public static readonly DateOnly SetupDay = new(2029, 12, 15);

    /// <summary>Every operation happens on this day: all 2030 quarters have ended and may be distributed.</summary>
    public static readonly DateOnly Today = new(2031, 2, 15);

    public static readonly string[] Categories = ["decoder", "encoder"];
    private static readonly string[] PoolCurrencies = ["USD", "CNY", "EUR", "JPY"];

    public static async Task<LedgerWorld> Create(IGrainFactory grains, LedgerClock clock, int seed, Random rng, List<string> log)
    {
        clock.Set(SetupDay);
        var tag = $"lm{seed}_";
        async Task<string> Party(string name, PartyKind kind)
        {
            var id = $"pty_{tag}{name}";
            await grains.GetGrain<IPartyGrain>(id).Create(new CreateParty($"{name} {seed}", kind, "CN", null));
            return id;
        }

        var currency = PoolCurrencies[rng.Next(PoolCurrencies.Length)];
        // Now and then no fee, or a fee of everything (nothing left to share).
        int[] fees = [0, 250, 1_500, 3_333, rng.Next(0, 5_001), rng.Next(0, 5_001), rng.Next(0, 5_001)];
        var feeBps = rng.Next(25) == 0 ? 10_000 : fees[rng.Next(fees.Length)];
        var center = await Party("center", PartyKind.OperatingCenter);
        var poolId = $"pool_{tag}p";
        var pool = grains.GetGrain<IPoolGrain>(poolId);
        await pool.Create(new PoolCharter($"Ledger model pool {seed}", center, currency, Categories, feeBps));

        var members = new List<string>();
        var patents = new List<string>();
        var memberCount = rng.Next(2, 4);
        for (var m = 0; m < memberCount; m++)
        {
            var owner = await Party($"m{m}", PartyKind.Company);
            members.Add(owner);
            await pool.AddMember(owner);
            var patentCount = rng.Next(1, 3);
            for (var p = 0; p < patentCount; p++)
            {
                var number = Number(seed, patents.Count);
                var patent = grains.GetGrain<IPatentGrain>(number);
                await patent.Register(new RegisterPatent("编解码", "", null, ["H04N 19/00"], new DateOnly(2022, 3, 2),
                    new DateOnly(2023, 5, 10), LegalStatus.Granted, [owner]));
                await patent.AddValuation(new AddValuation(new Money(rng.NextInt64(100_000, 5_000_001), "CNY"), ValuationMethod.Income,
                    null, new DateOnly(2029, 12, 1), null, null));
                await pool.AdmitPatent(number, null, requireHolderAgreement: false);
                patents.Add(number);
            }
        }

        // Free units, then a per-unit rate; the encoder has an annual cap sometimes.
        var free = rng.Next(0, 3) * 1_000L;
        var card = new RateCard(1, currency, SetupDay,
        [
            new CategoryRates("decoder", [new Tier(free == 0 ? null : free, free == 0 ? PerUnitRate.FromMinorUnits(rng.Next(1, 60)) : 0),
                .. free == 0 ? Array.Empty<Tier>() : [new Tier(null, PerUnitRate.FromMinorUnits(rng.Next(1, 60)))]]),
            new CategoryRates("encoder", [new Tier(null, PerUnitRate.FromMinorUnits(rng.Next(1, 200)))],
                rng.Next(3) == 0 ? rng.Next(10_000, 2_000_000) : null),
        ], ComplianceDiscountBps: rng.Next(2) == 0 ? 0 : rng.Next(0, 3_000));
        await pool.PublishRateCard(card);

        var licensees = new List<string>();
        var licenseeCount = rng.Next(1, 3);
        for (var l = 0; l < licenseeCount; l++) licensees.Add(await Party($"l{l}", PartyKind.Company));

        clock.Set(Today);
        log.Add($"setup: pool {poolId} {currency}, fee {feeBps} bps, members [{string.Join(", ", members)}], "
            + $"patents [{string.Join(", ", patents)}], licensees [{string.Join(", ", licensees)}], decoder free {free}");
        return new LedgerWorld(seed, tag, poolId, currency, feeBps, center, members, patents, licensees);
    }

    /// <summary>A valid patent number derived from the seed (unique per host, the same on a replay).</summary>
    private static string Number(int seed, int index)
    {
        var digits = $"20201{(seed % 1_000_000) * 8 + index:D7}";
        return $"{digits}.{PatentNumber.CheckDigit(digits)}";
    }

    public static string Quarter(int q) => $"2030-Q{q}";

    public static DateOnly QuarterStart(int q) => new(2030, 3 * q - 2, 1);
}
