namespace PatentNav.Market.ClientApi.Webhooks;

/// <summary>Configuration section <c>Market:Stripe</c> as the webhook reads it.</summary>
public sealed class StripeWebhookOptions
{
    /// <summary><c>whsec_…</c>: the signing secret of our webhook endpoint in the Stripe Dashboard.</summary>
    public string WebhookSecret { get; set; } = "";
}
