namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// Where each payout lives, one grain keyed <see cref="Key"/>: payouts are held by their licensor's
/// <see cref="ILicensorPayoutsGrain"/>, but operators address them by payout id (confirm, cancel, review) and list
/// them by center. <see cref="ILicensorPayoutsGrain.Pay"/> registers a payout here before it writes its own state, so
/// an entry may name a payout that was never stored (its write failed): readers then find nothing and say so.
/// </summary>
public interface IPayoutDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Adds the entry; registering it again is a no-op.</summary>
    Task Register(PayoutEntry entry);

    /// <summary>The entry of <paramref name="payoutId"/>, or null.</summary>
    Task<PayoutEntry?> Find(string payoutId);

    /// <summary>Every entry, oldest first; only those of <paramref name="centerId"/> unless it is null.</summary>
    Task<IReadOnlyList<PayoutEntry>> List(string? centerId);
}

/// <param name="CenterId">The operating center whose operator ordered the payout (null: the admin); its operators act on it.</param>
[GenerateSerializer]
[Immutable]
public sealed record PayoutEntry(string PayoutId, string LicensorId, string? CenterId);

[GenerateSerializer]
public sealed class PayoutDirectoryState
{
    [Id(0)]
    public List<PayoutEntry> Payouts { get; set; } = [];
}
