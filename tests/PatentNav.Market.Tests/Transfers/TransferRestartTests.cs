using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Grains.Transfers;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Transfers;

/// <summary>A transfer is a durable saga: a silo started later on the same database carries on from the recorded state.</summary>
public sealed class TransferRestartTests : DatabaseTests
{
    private static readonly Money Price = new(500_000_00, "CNY");
    private readonly TestClock _clock = new(new DateTimeOffset(2030, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private Task<SiloHost> Silo(string name) => SiloHost.StartAsync(Db, name, _clock);

    /// <summary>Seller, buyer, pledgee and center; a patent of the seller pledged to the bank; an open transfer awaiting the pledgee.</summary>
    private static async Task<(string Seller, string Buyer, string Bank, string Center, string Number, string Id)> Open(SiloHost silo, string suffix)
    {
        async Task<string> Party(string kind, PartyKind partyKind)
        {
            var id = $"pty_{kind}{suffix}";
            await silo.Grains.GetGrain<IPartyGrain>(id).Create(new CreateParty($"{kind} {suffix}", partyKind, "CN", null));
            return id;
        }
        var (seller, buyer, bank, center) = (await Party("seller", PartyKind.Company), await Party("buyer", PartyKind.Company),
            await Party("bank", PartyKind.Bank), await Party("center", PartyKind.OperatingCenter));
        var number = ApiSteps.NewNumber();
        var patent = silo.Grains.GetGrain<IPatentGrain>(number);
        await patent.Register(new RegisterPatent("一种储能装置", "", null, [], new DateOnly(2024, 1, 5), new DateOnly(2025, 6, 1), LegalStatus.Granted, [seller]));
        await patent.SetPledge(bank);
        var id = $"trf_restart{suffix}";
        await silo.Grains.GetGrain<ITransferGrain>(id).Create(new CreateTransfer([number], seller, buyer, Price, null, center, 100, 90));
        return (seller, buyer, bank, center, number, id);
    }

    [Fact]
    public async Task A_transfer_started_on_one_silo_is_completed_by_the_next_from_its_recorded_state()
    {
        (string Seller, string Buyer, string Bank, string Center, string Number, string Id) t;
        await using (var first = await Silo("first"))
        {
            t = await Open(first, "a");
            var waiting = await first.Grains.GetGrain<ITransferGrain>(t.Id).Decide(t.Bank, ConsentAnswer.Grant);
            Assert.Equal(TransferStatus.AwaitingPayment, waiting.Status);
        }

        await using (var second = await Silo("second"))
        {
            var transfer = second.Grains.GetGrain<ITransferGrain>(t.Id);
            var resumed = (await transfer.Get())!;
            Assert.Equal(TransferStatus.AwaitingPayment, resumed.Status);
            Assert.Equal(["created", "opened", "consent_granted", "consents_complete"], resumed.History.Select(e => e.Action));
            Assert.Equal(t.Id, (await second.Grains.GetGrain<IPatentTransfers>(t.Number).TransferFacts()).OpenTransferId);
            await transfer.ConfirmPayment(new TransferPayment(TransferPayment.Offline, "RESTART-A", Price));
        }

        await using var third = await Silo("third");
        var done = await third.Grains.GetGrain<ITransferGrain>(t.Id).Record(new Recordation("ZLBG2030000777", _clock.Today));
        Assert.Equal(TransferStatus.Completed, done.Status);
        var patent = (await third.Grains.GetGrain<IPatentGrain>(t.Number).Get())!;
        Assert.Equal([t.Buyer], patent.OwnerIds);
        Assert.Null(patent.PledgeeId); // the pledgee consented: the pledge passed to the proceeds (art. 444)

        var ledger = third.Services.GetRequiredService<ILedgerQueries>();
        Assert.Equal(0, await third.Services.Balance(LedgerAccounts.Escrow("transfer", t.Id)));
        // The patent was pledged, so the seller's proceeds are deposited in its pledge escrow, not paid to the seller.
        Assert.Equal(Price.Amount - Price.Amount / 100, await third.Services.Balance(LedgerAccounts.Escrow("pledge", t.Number)));
        Assert.Equal(0, await third.Services.Balance(LedgerAccounts.LicensorPayable(t.Seller)));
        Assert.Equal(Price.Amount / 100, await third.Services.Balance(LedgerAccounts.AdminFees(t.Center)));
        Assert.All(await ledger.TrialBalance(), total => Assert.Equal(0, total.Amount));
    }

    [Fact]
    public async Task The_expiry_reminder_survives_a_restart_and_refunds_once()
    {
        (string Seller, string Buyer, string Bank, string Center, string Number, string Id) t;
        await using (var first = await Silo("first"))
        {
            t = await Open(first, "b");
            var transfer = first.Grains.GetGrain<ITransferGrain>(t.Id);
            await transfer.Decide(t.Bank, ConsentAnswer.Grant);
            await transfer.ConfirmPayment(new TransferPayment(TransferPayment.Offline, "RESTART-B", Price));
        }

        _clock.SetToday(_clock.Today.AddDays(91));
        await using var second = await Silo("second");
        // The reminder is in Orleans' reminder table, not in the stopped silo's memory.
        await using (var connection = new Npgsql.NpgsqlConnection(Db))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || @id AND reminder_name = 'transfer-expiry'", connection);
            command.Parameters.AddWithValue("id", t.Id);
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }
        // Its tick (delivered twice: at least once) expires the transfer and refunds once.
        await second.Tick<ITransferGrain>(t.Id, "transfer-expiry");
        await second.Tick<ITransferGrain>(t.Id, "transfer-expiry");

        var expired = (await second.Grains.GetGrain<ITransferGrain>(t.Id).Get())!;
        Assert.Equal((TransferStatus.Expired, Price), (expired.Status, expired.Closing!.Refunded));
        Assert.Equal([$"pay:{t.Id}", $"refund:{t.Id}"], await second.Services.Postings(LedgerAccounts.Escrow("transfer", t.Id)));
        Assert.Null((await second.Grains.GetGrain<IPatentTransfers>(t.Number).TransferFacts()).OpenTransferId);
        Assert.All(await second.Services.GetRequiredService<ILedgerQueries>().TrialBalance(), total => Assert.Equal(0, total.Amount));
    }
}
