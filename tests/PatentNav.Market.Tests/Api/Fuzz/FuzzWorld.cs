using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api.Fuzz;

/// <summary>Who sends a fuzzed request: the admin, a role key of the world, nobody, or a token nobody issued.</summary>
public sealed record FuzzCaller(string Name, string? Token);

/// <summary>
/// A small market with one of everything, so that fuzzed requests name ids that exist and get past "not found" into
/// the deep validation: an operating center running a pool with a rate card, a licensor with a patent in it, a licensee
/// with a licence and an open invoice, a transfer, an active pledge deal of a bank, an appraiser.
/// </summary>
public sealed class FuzzWorld
{
    /// <summary>Ids that exist, by the path segment (or property) that names them.</summary>
    public Dictionary<string, string[]> Ids { get; } = [];

    public List<FuzzCaller> Callers { get; } = [];

    public required DateOnly Today { get; init; }

    public string[] Parties => Ids["parties"];

    public string[] Patents => Ids["patents"];

    public static async Task<FuzzWorld> Seed(ClockedMarket market)
    {
        var admin = market.Admin();
        var pool = await market.NewPool();
        var center = pool.Administrator;
        var (licensor, pooled) = await market.MemberWithPatent(pool, 5_000_000_00);
        var licensee = await admin.NewKey("company", "licensee");
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var licenceOfLicensee = await market.Acquire(pool, licensee);

        var forSale = await admin.NewPatent(licensor.PartyId);
        var transfer = await market.Client(licensor).Open(new TransferCast(center, licensor, licensee), [forSale]);

        var deal = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        await market.Activate(deal);
        var appraiser = await admin.NewKey("appraiser", "appraiser");
        var free = await admin.NewPatent(licensor.PartyId);

        var world = new FuzzWorld { Today = market.Clock.Today };
        world.Ids["parties"] = [center.PartyId, licensor.PartyId, licensee.PartyId, deal.Bank.PartyId, deal.Pledgor.PartyId, appraiser.PartyId];
        world.Ids["patents"] = [pooled, forSale, deal.Number, free];
        world.Ids["pools"] = [pool.Id];
        world.Ids["licences"] = [licenceId, licenceOfLicensee];
        world.Ids["invoices"] = [invoice.Id()];
        world.Ids["transfers"] = [transfer.TransferId()];
        world.Ids["pledges"] = [deal.Id];
        world.Ids["financiers"] = [deal.Bank.PartyId];
        world.Ids["operating-centers"] = [center.PartyId];
        world.Ids["accounts"] = [LedgerAccounts.LicensorPayable(licensor.PartyId), LedgerAccounts.LoanPrincipal(deal.Id), LedgerAccounts.Clearing("offline")];
        var quarter = LicenceSteps.Quarter(world.Today);
        world.Ids["distributions"] = [$"{quarter.Previous().FirstDay:yyyy-MM-dd}_{quarter.FirstDay:yyyy-MM-dd}"];
        // Property names that name a party in a role (the rest take any party).
        world.Ids["financierId"] = [deal.Bank.PartyId];
        world.Ids["pledgorId"] = [deal.Pledgor.PartyId, licensor.PartyId];
        world.Ids["licenseeId"] = [licensee.PartyId];
        world.Ids["buyerId"] = [licensee.PartyId];
        world.Ids["sellerId"] = [licensor.PartyId];
        world.Ids["licensorId"] = [licensor.PartyId];
        world.Ids["centerId"] = [center.PartyId];
        world.Ids["administratorId"] = [center.PartyId];
        world.Ids["appraiserId"] = [appraiser.PartyId];
        world.Ids["ownerIds"] = [licensor.PartyId];
        world.Ids["pledgeeId"] = [deal.Bank.PartyId];

        world.Callers.AddRange([
            new("admin", MarketApp.AdminToken),
            new("operator", center.Token),
            new("licensor", licensor.Token),
            new("licensee", licensee.Token),
            new("financier", deal.Bank.Token),
            new("pledgor", deal.Pledgor.Token),
            new("appraiser", appraiser.Token),
            new("anonymous", null),
            new("bogus", "pnm_" + new string('0', 40)),
        ]);
        return world;
    }
}
