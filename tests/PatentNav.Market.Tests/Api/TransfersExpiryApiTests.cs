using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Transfers;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>An open transfer expires after 90 days through its durable reminder; escrow goes back once, whatever closes it.</summary>
public sealed class TransfersExpiryApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private IServiceProvider Services => market.Factory.Services;

    private async Task<(TransferCast Cast, string Number, string Id)> PaidTransfer()
    {
        var admin = market.Admin();
        var cast = await admin.NewCast();
        var number = await admin.NewPatent(cast.Seller.PartyId);
        var id = (await market.Client(cast.Seller).Open(cast, [number])).TransferId();
        await (await market.Client(cast.Operator).PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        return (cast, number, id);
    }

    /// <summary>Delivers the expiry tick (Orleans reminders run on real time, the test clock does not move them).</summary>
    private Task Tick(string id) => market.Grains.Tick<ITransferGrain>(id, "transfer-expiry");

    [Fact]
    public async Task An_open_transfer_expires_after_90_days_and_escrow_is_refunded_exactly_once()
    {
        var (cast, number, id) = await PaidTransfer();
        var op = market.Client(cast.Operator);
        var opened = market.Clock.Today;

        market.Clock.SetToday(opened.AddDays(89));
        await Tick(id); // early: nothing is due yet
        Assert.Equal("awaiting_recordation", (await op.Transfer(id)).Status());

        market.Clock.SetToday(opened.AddDays(91));
        await Tick(id);
        Assert.Equal("expired", (await op.Transfer(id)).Status());
        var expired = await op.Transfer(id);
        var closing = expired.GetProperty("closing");
        Assert.Equal(("expired", JsonValueKind.Null, TransferSteps.Price),
            (closing.GetProperty("reason").GetString(), closing.GetProperty("by").ValueKind, closing.GetProperty("refunded").GetProperty("amount").GetInt64()));
        Assert.Equal(("expired", "expired"), expired.Steps()[^1]);

        await Tick(id); // delivered again: ticks arrive at least once
        Assert.Equal(expired.Version(), (await op.Transfer(id)).Version());
        Assert.Equal([$"pay:{id}", $"refund:{id}"], await Services.Postings(TransferSteps.Escrow(id)));
        Assert.Equal(0, await Services.Balance(TransferSteps.Escrow(id)));
        await Services.AssertLedgerBalances();

        await (await op.RecordNotice(id, "ZLBG2030000001", market.Clock.Today)).ShouldBeProblem(409, "invalid_transfer_state");
        await (await op.CancelTransfer(id)).ShouldBeProblem(409, "invalid_transfer_state");
        Assert.Equal(JsonValueKind.Null, (await op.PatentTransfers(number)).GetProperty("openTransferId").ValueKind);
        Assert.Equal([cast.Seller.PartyId], (await op.GetPatent(number)).GetProperty("ownerIds").Strings());
    }

    [Fact]
    public async Task A_cancelled_transfer_is_not_refunded_again_by_a_late_expiry_tick()
    {
        var (cast, _, id) = await PaidTransfer();
        var op = market.Client(cast.Operator);
        var cancelled = await (await op.CancelTransfer(id)).ShouldBe(200);

        market.Clock.SetToday(market.Clock.Today.AddDays(120));
        await Tick(id);

        var after = await op.Transfer(id);
        Assert.Equal(("cancelled", cancelled.Version()), (after.Status(), after.Version()));
        Assert.Equal([$"pay:{id}", $"refund:{id}"], await Services.Postings(TransferSteps.Escrow(id)));
        await Services.AssertLedgerBalances();
    }

    [Fact]
    public async Task A_step_after_the_expiry_time_is_refused_even_before_the_tick_arrives()
    {
        var admin = market.Admin();
        var cast = await admin.NewCast();
        var id = (await market.Client(cast.Seller).Open(cast, [await admin.NewPatent(cast.Seller.PartyId)])).TransferId();

        market.Clock.SetToday(market.Clock.Today.AddDays(90));
        var late = await market.Client(cast.Operator).PayTransfer(id, $"BANK-{id}");

        // Either the reminder has expired the transfer already or the step sees the time has run out.
        var problem = await late.ShouldBe(409);
        Assert.Contains(problem.GetProperty("code").GetString(), new[] { "transfer_expired", "invalid_transfer_state" });
        Assert.Empty(await Services.Postings(TransferSteps.Escrow(id)));
        await Tick(id);
        Assert.Equal("expired", (await market.Client(cast.Operator).Transfer(id)).Status());
    }
}
