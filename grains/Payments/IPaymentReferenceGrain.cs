
namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// One payment provider's reference for money received (a bank reference, a Stripe payment intent),
/// keyed <c>{provider}:{reference}</c>. The same money must never settle two things, and the things it
/// settles live in different grains, so the reference is claimed here before any of them books it.
/// </summary>
public interface IPaymentReferenceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the reference for <paramref name="purpose"/> (an invoice id). Claiming again for the same
    /// purpose is a no-op, so a re-run after a conflict or a crash passes; for anything else it is
    /// 409 <c>bank_reference_used</c> on <c>bankReference</c>.
    /// </summary>
    Task Claim(string purpose);

    /// <summary>Frees the reference if it is claimed for <paramref name="purpose"/> (its payment was reversed); otherwise a no-op.</summary>
    Task Release(string purpose);

    /// <summary>What the reference was claimed for, or null if it is unused.</summary>
    Task<string?> ClaimedFor();
}

public static class PaymentReferences
{
    public const string Offline = "offline";

    /// <summary>
    /// Bank references compare trimmed and upper-cased: banks print them in either case, and one
    /// transfer must not pass as two by a change of case or a stray space. Provider ids (Stripe's
    /// <c>pi_…</c>) are case-sensitive and kept as they are.
    /// </summary>
    public static string Normalize(string provider, string reference) =>
        provider == Offline ? reference.Trim().ToUpperInvariant() : reference;

    public static string Key(string provider, string reference) => $"{provider}:{Normalize(provider, reference)}";
}
