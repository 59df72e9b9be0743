using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>The steps of a transfer after it is opened.</summary>
public static partial class TransfersApi
{
    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Consent(
        string id, TransferConsentRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.Decision, "decision");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (user.PartyId() is not { } party)
            return Problems.Create(403, "forbidden", "A consent is given with the consenting party's own key.");
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<ITransferGrain>(id).Get() is not { } transfer) return NotFound(id);
        try
        {
            return TypedResults.Ok(await grains.GetGrain<ITransferGrain>(id).Decide(party, request.Decision!.Value));
        }
        catch (DomainException refusal) when (refusal.Code == "not_consenting_party" && !user.Has(Role.Operator) && !IsParty(transfer, party))
        {
            return NotFound(id); // a stranger learns nothing about the transfer
        }
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> ClearExport(
        string id, ExportClearanceRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await Visible(id, user, grains) is null) return NotFound(id);
        return TypedResults.Ok(await grains.GetGrain<ITransferGrain>(id).ClearExport(
            new ExportClearance(request.RegistrationCertificateNumber, request.ExportLicenceNumber)));
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Pay(
        string id, TransferPaymentRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var reference = request.BankReference is { } text ? PaymentReferences.Normalize(PaymentReferences.Offline, text) : null;
        if (errors.Required(reference, "bankReference") && (reference.Length > TransferPayment.MaxReferenceLength || reference.Any(char.IsControl)))
            errors.Add("bankReference", $"1 to {TransferPayment.MaxReferenceLength} characters, no control characters.");
        if (errors.Required(request.Amount, "amount"))
        {
            errors.Required(request.Amount.Amount, "amount.amount");
            errors.Required(request.Amount.Currency, "amount.currency");
        }
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await Visible(id, user, grains) is null) return NotFound(id);
        return TypedResults.Ok(await grains.GetGrain<ITransferGrain>(id).ConfirmPayment(new TransferPayment(
            TransferPayment.Offline, reference!, new Money(request.Amount!.Amount!.Value, request.Amount.Currency!))));
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Record(
        string id, RecordationRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.NoticeNumber, "noticeNumber");
        errors.Required(request.Date, "date");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await Visible(id, user, grains) is null) return NotFound(id);
        return TypedResults.Ok(await grains.GetGrain<ITransferGrain>(id).Record(new Recordation(request.NoticeNumber!, request.Date!.Value)));
    }

    /// <summary>The seller, the buyer or the center's operator; once paid, only the operator (the grain checks, race-free).</summary>
    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Cancel(
        string id, CancelTransferRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await Visible(id, user, grains) is not { } transfer) return NotFound(id);
        var party = user.PartyId();
        TransferActor? actor = IsCenterOperator(transfer, user) ? TransferActor.Operator
            : party == transfer.SellerId ? TransferActor.Seller
            : party == transfer.BuyerId ? TransferActor.Buyer
            : null;
        if (actor is null)
            return Problems.Create(403, "forbidden", "The seller, the buyer or the center's operator cancels a transfer.");
        return TypedResults.Ok(await grains.GetGrain<ITransferGrain>(id).Cancel(new CancelTransfer(actor.Value, request?.Reason)));
    }
}
