using PatentNav.Market.Grains.Payments;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Offline invoice payments (§9): an operator confirms that a bank transfer arrived. The invoice id
/// names its licence, so the payment goes straight to the licence grain, which books the money.
/// Stripe payments reach the same <see cref="ILicenceGrain.PayInvoice"/> through their webhook.
/// </summary>
public static class PaymentsApi
{
    public static RouteGroupBuilder MapPaymentsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1").WithTags("Payments").RequireAuthorization();
        api.MapPost("/invoices/{id}/payments", PayOffline).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Confirm an offline payment of an invoice")
            .WithDescription("Operator. Confirms that a bank transfer of exactly the invoice's amount arrived (no part payments); the bank reference (trimmed, upper-cased) settles one invoice only. One posting from `clearing:offline` to the pool's collections or the licensor's payable. Answers 201 with the paid invoice, or with it unchanged when this very payment paid it.")
            .Refuses(400, "validation_failed", "required", "unknown_currency", "invalid_amount", "too_long")
            .Refuses(404, "invoice_not_found")
            .Refuses(409, "invoice_already_paid", "bank_reference_used", "already_posted")
            .Refuses(422, "amount_mismatch")
            .WithRequestExample(new OfflinePaymentRequest("ICBC-20261015-000731", new MoneyRequest(18_750_000, "CNY")));
        api.MapPost("/invoices/{id}/payment-reversals", ReversePayment).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Reverse a mistaken offline payment")
            .WithDescription("An operator reverses the offline payment booked on an invoice, with a reason (§9: corrections are reversing "
                + "entries). The original posting stays; `reverse:{paymentPostingId}` takes the money back to `clearing:offline`; the "
                + "invoice reopens with the reversal in `reversals`, and its bank reference may settle another invoice.")
            .Refuses(400, "required", "too_long")
            .Refuses(404, "invoice_not_found")
            .Refuses(409, "invoice_not_paid", "not_offline_payment", "payment_distributed", "already_posted")
            .WithRequestExample(new PaymentReversalRequest("The bank transfer ICBC-20261015-000731 was for another invoice."));
        return api;
    }

    public static async Task<Results<Created<Invoice>, ProblemHttpResult>> PayOffline(
        string id, OfflinePaymentRequest request, IGrainFactory grains, MarketClock clock)
    {
        var errors = new FieldErrors();
        var reference = BankReference(request.BankReference, errors);
        if (errors.Required(request.Amount, "amount"))
        {
            errors.Required(request.Amount.Amount, "amount.amount");
            errors.Required(request.Amount.Currency, "amount.currency");
        }
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var amount = Currencies.Require(new Money(request.Amount!.Amount!.Value, request.Amount.Currency!), "amount");
        if (Invoice.LicenceIdOf(id) is not { } licenceId) return Problems.NotFound("invoice_not_found", $"Invoice {id} does not exist.");

        var payment = new InvoicePayment(InvoicePayment.Offline, reference!, amount, clock.Today);
        var invoice = await grains.GetGrain<ILicenceGrain>(licenceId).PayInvoice(id, payment);
        return TypedResults.Created($"/api/v1/licences/{licenceId}/invoices", invoice);
    }

    public static async Task<Results<Ok<Invoice>, ProblemHttpResult>> ReversePayment(string id, PaymentReversalRequest request, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.Reason)) return Problems.Field(400, "required", "reason", "Say why the payment is reversed.");
        if (request.Reason.Length > PaymentReversals.MaxReasonLength)
            return Problems.Field(400, "too_long", "reason", $"At most {PaymentReversals.MaxReasonLength} characters.");
        if (Invoice.LicenceIdOf(id) is not { } licenceId) return Problems.NotFound("invoice_not_found", $"Invoice {id} does not exist.");
        return TypedResults.Ok(await grains.GetGrain<ILicenceGrain>(licenceId).ReversePayment(id, request.Reason.Trim()));
    }

    /// <summary>The bank reference as <see cref="PaymentReferences.Normalize"/> compares it.</summary>
    private static string? BankReference(string? text, FieldErrors errors)
    {
        if (!errors.Required(text, "bankReference")) return null;
        var reference = PaymentReferences.Normalize(PaymentReferences.Offline, text);
        if (reference.Length > InvoicePayment.MaxReferenceLength)
            errors.Add("bankReference", $"At most {InvoicePayment.MaxReferenceLength} characters.");
        else if (reference.Any(char.IsControl))
            errors.Add("bankReference", "Control characters are not allowed.");
        return reference;
    }
}
