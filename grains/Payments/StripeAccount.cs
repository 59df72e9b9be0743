using System.Text.RegularExpressions;

namespace PatentNav.Market.Grains.Payments;

/// <summary>Stripe connected account ids (<c>acct_…</c>), to which payouts are transferred.</summary>
public static partial class StripeAccount
{
    public static bool IsValid(string? accountId) => accountId is not null && Pattern().IsMatch(accountId);

    // \z, not $: $ would also match before a trailing newline.
    [GeneratedRegex(@"^acct_[A-Za-z0-9]{1,64}\z")]
    private static partial Regex Pattern();
}
