using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>The export check for a buyer abroad, and the price paid into the transfer's escrow account.</summary>
public sealed partial class TransferGrain
{
    public async Task<TransferView> ClearExport(ExportClearance clearance)
    {
        var state = RequireExists();
        if (state.ExportClearance is { } done)
            return Same(done.RegistrationCertificateNumber, clearance.RegistrationCertificateNumber)
                && Same(done.ExportLicenceNumber, clearance.ExportLicenceNumber)
                ? View()
                : throw DomainException.Conflict("export_already_cleared", $"Transfer {Id} was cleared for export already.");
        RequireStatus(TransferStatus.AwaitingExportClearance);

        // The operator may have reclassified a patent since the transfer was opened: check the classes as they are now.
        var classes = new List<(string, Patents.ExportControl)>();
        foreach (var number in state.Patents) classes.Add((number, (await Patent(number).TransferFacts()).ExportControl));
        var requirement = ExportCheck.For(state.BuyerCountry, classes);
        var (certificate, licence) = ExportCheck.Verify(requirement, clearance.RegistrationCertificateNumber, clearance.ExportLicenceNumber);

        state.ExportRequirement = requirement;
        state.ExportClearance = new ExportClearanceRecord(certificate, licence, clock.GetUtcNow(), CallerContext.Current);
        Log("export_cleared", string.Join(", ", new[] { certificate, licence }.OfType<string>()));
        Settle("export_cleared");
        await transfer.WriteStateAsync();
        return View();
    }

    public async Task<TransferView> ConfirmPayment(TransferPayment payment)
    {
        var state = RequireExists();
        if (state.Payment is { } paid)
            return paid.Provider == payment.Provider && paid.Reference == payment.Reference && paid.Amount == payment.Amount
                ? View() // a confirmation repeated
                : throw DomainException.Conflict("transfer_already_paid", $"Transfer {Id} was paid already (reference {paid.Reference}).");
        RequireWellFormed(payment);
        RequireStatus(TransferStatus.AwaitingPayment);
        if (payment.Amount != state.Price)
            throw DomainException.Unprocessable("amount_mismatch", $"Transfer {Id} is for {state.Price}, not {payment.Amount}.", "amount");

        // Claimed idempotently for this transfer before anything is booked: a re-run passes, while the
        // same bank transfer can never pay a second transfer or an invoice.
        await GrainFactory.GetGrain<IPaymentReferenceGrain>(PaymentReferences.Key(payment.Provider, payment.Reference)).Claim(Id);
        // The posting id names the transfer: its price enters escrow once, whatever path confirms it.
        ledger.Post(Posting.Transfer($"pay:{Id}", LedgerAccounts.Clearing(payment.Provider), EscrowAccount, payment.Amount,
            $"Transfer {Id}: price paid into escrow via {payment.Provider}, reference {payment.Reference}"));
        state.Payment = new TransferPaymentRecord(payment.Provider, payment.Reference, payment.Amount, clock.GetUtcNow(), CallerContext.Current);
        Log("payment_confirmed", $"{payment.Amount} via {payment.Provider}, reference {payment.Reference}");
        Settle("paid");
        await transfer.WriteStateAsync();
        return View();
    }

    private static bool Same(string? recorded, string? given) =>
        (recorded ?? "") == (string.IsNullOrWhiteSpace(given) ? "" : given.Trim());

    /// <summary>The gateway checks its input; this guards the reference grain's key and the ledger against anything else.</summary>
    private static void RequireWellFormed(TransferPayment payment)
    {
        if (string.IsNullOrWhiteSpace(payment.Provider) || payment.Provider.Contains(':'))
            throw DomainException.Invalid("invalid_provider", "provider", "A payment provider is a name such as offline.");
        if (string.IsNullOrWhiteSpace(payment.Reference) || payment.Reference.Length > TransferPayment.MaxReferenceLength)
            throw DomainException.Invalid("invalid_reference", "bankReference", $"A payment reference has 1 to {TransferPayment.MaxReferenceLength} characters.");
        Currencies.Require(payment.Amount, "amount");
    }
}
