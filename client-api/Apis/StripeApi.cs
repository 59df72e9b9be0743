using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.ClientApi.Webhooks;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Card and wallet payments of invoices through Stripe (§9): a PaymentIntent per request, then Stripe's
/// signed webhook settles the invoice with <see cref="ILicenceGrain.PayInvoice"/>, like an offline payment
/// (transfers: <c>TransfersApi.Stripe.cs</c>, settled by the same webhook).
/// </summary>
public static class StripeApi
{
    public const string SignatureHeader = "Stripe-Signature";

    public static IEndpointRouteBuilder MapStripeApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("api/v1/invoices/{id}/payment-intents", CreatePaymentIntent).WithTags("Payments")
            .RequireRoles(Role.Licensee, Role.Operator).RequireIdempotencyKey()
            .WithSummary("Pay an invoice by Stripe")
            .WithDescription("The invoice's licensee, or an operator. Creates a Stripe PaymentIntent for exactly the invoice's amount; the payer confirms it with Stripe.js and the `clientSecret`, and Stripe's webhook settles the invoice. Answers 201 with the intent.")
            .Refuses(404, "invoice_not_found")
            .Refuses(409, "invoice_already_paid")
            .Refuses(422, "stripe_not_configured")
            .Refuses(502, "payment_provider_error")
            .Refuses(503, "payment_provider_unavailable");
        routes.MapGet("api/v1/payments/config", PaymentConfig).WithTags("Payments").RequireAuthorization()
            .WithSummary("How this market takes card payments")
            .WithDescription("Any key. `stripePublishableKey` (`pk_…`, Market:Stripe:PublishableKey) is what Stripe.js needs in the browser to confirm "
                + "a PaymentIntent; null when card payment is not configured (no publishable key, or no Stripe secret key on the server), "
                + "and then invoices are paid by bank transfer.");
        // Stripe authenticates by signature, not bearer token.
        routes.MapPost("webhooks/stripe", Webhook).WithTags("Webhooks").AllowAnonymous()
            .WithSummary("Stripe webhook")
            .WithDescription("Stripe only: no bearer token, authenticated by the `Stripe-Signature` header over the raw body. `payment_intent.succeeded` settles the invoice or pays the transfer's escrow named in its metadata; every signed event is answered 200 (a refusal is `result: ignored` with its code as `reason`), redeliveries with `duplicate: true`.")
            .Refuses(400, "invalid_signature", "malformed_json")
            .Refuses(404, "stripe_not_configured");
        return routes;
    }

    /// <summary>
    /// The publishable key only when the server can open intents too: a key without the secret would show a card form
    /// whose every payment is refused. Only a <c>pk_</c> key is ever sent (a secret key put there by mistake is not).
    /// </summary>
    public static Ok<PaymentConfigResponse> PaymentConfig(IConfiguration configuration, IStripeGateway stripe) =>
        TypedResults.Ok(new PaymentConfigResponse(PublishableKeyToShow(configuration["Market:Stripe:PublishableKey"], stripe.IsConfigured)));

    public static string? PublishableKeyToShow(string? configured, bool stripeConfigured) =>
        stripeConfigured && configured?.Trim() is { } key && key.StartsWith("pk_", StringComparison.Ordinal) ? key : null;

    public static async Task<Results<Created<PaymentIntentResponse>, ProblemHttpResult>> CreatePaymentIntent(
        string id, HttpContext http, ClaimsPrincipal user, IGrainFactory grains, IStripeGateway stripe)
    {
        if (!stripe.IsConfigured)
            return Problems.Create(422, "stripe_not_configured", "Stripe is not configured on this market; pay by bank transfer.");
        // Who may (the licensee, the pool's administrator): Tenancy.TenancyRules, before this runs.
        if (Invoice.LicenceIdOf(id) is not { } licenceId
            || await grains.GetGrain<ILicenceGrain>(licenceId).Get() is null
            || (await grains.GetGrain<ILicenceGrain>(licenceId).Invoices()).FirstOrDefault(i => i.Id == id) is not { } invoice)
            return Problems.NotFound("invoice_not_found", $"Invoice {id} does not exist.");
        if (invoice.Status == InvoiceStatus.Paid)
            return Problems.Create(409, "invoice_already_paid", $"Invoice {id} was paid on {invoice.PaidOn:yyyy-MM-dd}.");

        // Our operation id is Stripe's idempotency key: a retry of this request cannot open a second intent.
        var intent = await stripe.CreatePaymentIntent(id, licenceId, invoice.Amount, IdempotencyFilter.DerivedId(http, "pnm_pi_"), http.RequestAborted);
        return TypedResults.Created($"/api/v1/licences/{licenceId}/invoices",
            new PaymentIntentResponse(intent.Id, intent.ClientSecret, intent.Status, id, invoice.Amount));
    }

    /// <summary>
    /// Verifies the signature over the raw body, then hands PaymentIntent events to the event's grain,
    /// which acts once per event id. Anything signed that does not concern us is acknowledged with 200,
    /// since any other status makes Stripe redeliver it for days.
    /// </summary>
    public static async Task<Results<Ok<StripeWebhookResponse>, ProblemHttpResult>> Webhook(
        HttpContext http, IGrainFactory grains, IOptions<StripeWebhookOptions> options, MarketClock clock, ILoggerFactory loggers)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
            return Problems.NotFound("stripe_not_configured", "Stripe webhooks are not configured on this market (Market:Stripe:WebhookSecret).");
        // The signature is over the raw body as Stripe sent it (UTF-8), so it is read as text before any parsing.
        using var reader = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8);
        var json = await reader.ReadToEndAsync(http.RequestAborted);

        var (stripeEvent, code, detail) = StripeEvent.Construct(json, http.Request.Headers[SignatureHeader], secret, clock.GetUtcNow());
        if (stripeEvent is null)
            return Problems.Create(400, code!, detail!);
        if (!stripeEvent.IsPaymentIntentEvent)
            return TypedResults.Ok(new StripeWebhookResponse(stripeEvent.Id, stripeEvent.Type, "no_effect", null, false));

        var outcome = await grains.GetGrain<IStripeEventGrain>(stripeEvent.Id).Handle(stripeEvent.Notice);
        if (outcome is { Result: "ignored", Duplicate: false })
            loggers.CreateLogger(typeof(StripeApi)).LogWarning(
                "Stripe event {EventId} ({Type}) for payment intent {PaymentIntent}, invoice {Invoice}, transfer {Transfer}, changed nothing: {Reason}. Money may have been received that needs a refund.",
                outcome.EventId, outcome.Type, stripeEvent.Notice.PaymentIntentId, stripeEvent.Notice.InvoiceId, stripeEvent.Notice.TransferId, outcome.Reason);
        return TypedResults.Ok(new StripeWebhookResponse(outcome.EventId, outcome.Type, outcome.Result, outcome.Reason, outcome.Duplicate));
    }
}
