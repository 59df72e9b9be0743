using Microsoft.Extensions.Configuration;

namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>
/// <c>Market:Idempotency:*</c>. <see cref="Lease"/>: how long a claim holds its key before another
/// request with the key may take it over. It must be well above the longest a request can run
/// (grain response timeout 15 s, plus the ~15 s of rejected-call retries), else a slow first attempt
/// would be taken over while it still runs; fencing makes that safe, but it wastes work.
/// <see cref="WaitForDuplicate"/>: how long a duplicate waits for the key's answer before 409.
/// </summary>
public sealed record IdempotencyOptions(TimeSpan Lease, TimeSpan WaitForDuplicate)
{
    public static readonly IdempotencyOptions Default = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(25));

    public static IdempotencyOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Market:Idempotency");
        return new IdempotencyOptions(
            section.GetValue("Lease", Default.Lease),
            section.GetValue("WaitForDuplicate", Default.WaitForDuplicate));
    }
}
