using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Licensing;

/// <summary>Payment references and payments at grain level, in memory.</summary>
public sealed class PaymentReferenceTests
{
    [Fact]
    public async Task A_reference_is_claimed_once_and_claiming_it_again_for_the_same_invoice_passes()
    {
        await using var silo = await SiloHost.StartAsync(null, "a");
        var reference = silo.Grains.GetGrain<IPaymentReferenceGrain>(PaymentReferences.Key("offline", "BANK-1"));

        await reference.Claim("inv_a");
        await reference.Claim("inv_a");
        var refused = await Assert.ThrowsAsync<DomainException>(() => reference.Claim("inv_b"));

        Assert.Equal(("bank_reference_used", "bankReference", ErrorKind.Conflict), (refused.Code, refused.Field, refused.Kind));
        Assert.Equal("inv_a", await reference.ClaimedFor());
        // Another provider's reference with the same text is other money.
        await silo.Grains.GetGrain<IPaymentReferenceGrain>(PaymentReferences.Key("stripe", "BANK-1")).Claim("inv_b");
    }

    [Fact]
    public async Task A_payment_for_a_licence_that_does_not_exist_finds_no_invoice()
    {
        await using var silo = await SiloHost.StartAsync(null, "a");
        var payment = new InvoicePayment("stripe", "pi_1", new Money(100, "USD"), new DateOnly(2026, 1, 1));

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            silo.Grains.GetGrain<ILicenceGrain>("lic_0123456789abcdef").PayInvoice("inv_0123456789abcdef_01234567", payment));

        Assert.Equal("invoice_not_found", refused.Code);
        Assert.Null(await silo.Grains.GetGrain<IPaymentReferenceGrain>(PaymentReferences.Key("stripe", "pi_1")).ClaimedFor());
    }
}
