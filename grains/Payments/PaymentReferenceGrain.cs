using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Payments;

public sealed class PaymentReferenceState
{
    public string? Purpose { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
}

public sealed class PaymentReferenceGrain(IPersistentState<PaymentReferenceState> reference, TimeProvider clock) : Grain, IPaymentReferenceGrain
{
    public async Task Claim(string purpose)
    {
        if (reference.State.Purpose == purpose) return;
        if (reference.State.Purpose is { } used)
            throw DomainException.Conflict("bank_reference_used", $"Payment reference {GetPrimaryKeyString()} has been used for {used} already.", "bankReference");
        reference.State = new PaymentReferenceState { Purpose = purpose, ClaimedAt = clock.GetUtcNow() };
        await reference.WriteStateAsync();
    }

    public Task<string?> ClaimedFor() => Task.FromResult(reference.State.Purpose);
}
