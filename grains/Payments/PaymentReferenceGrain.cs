using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Payments;

[GenerateSerializer]
public sealed class PaymentReferenceState
{
    [Id(0)]
    public string? Purpose { get; set; }
    [Id(1)]
    public DateTimeOffset? ClaimedAt { get; set; }
}

// A bank reference is claimed once and then only asked again by a retry: collect it after 2 idle minutes (Orleans
// requires more than its 1-minute collection quantum) rather than 15, which kept ~180 000 of them in memory after a
// payment burst (issue 11).
[CollectionAgeLimit(Minutes = 2)]
public sealed class PaymentReferenceGrain([PersistentState("payment-reference", MarketStorage.Name)] IPersistentState<PaymentReferenceState> reference, MarketClock clock) : Grain, IPaymentReferenceGrain
{
    public async Task Claim(string purpose)
    {
        if (reference.State.Purpose == purpose) return;
        if (reference.State.Purpose is { } used)
            throw DomainException.Conflict("bank_reference_used", $"Payment reference {this.GetPrimaryKeyString()} has been used for {used} already.", "bankReference");
        reference.State = new PaymentReferenceState { Purpose = purpose, ClaimedAt = clock.GetUtcNow() };
        await reference.WriteStateAsync();
    }

    public async Task Release(string purpose)
    {
        if (reference.State.Purpose != purpose) return;
        reference.State = new PaymentReferenceState();
        await reference.WriteStateAsync();
    }

    public Task<string?> ClaimedFor() => Task.FromResult(reference.State.Purpose);
}
