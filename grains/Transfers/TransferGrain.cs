using System.Security.Cryptography;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// A transfer saga (§7): creation here; consents in <c>TransferGrain.Consents.cs</c>, export clearance and
/// payment in <c>TransferGrain.Payment.cs</c>, recordation in <c>TransferGrain.Recordation.cs</c>,
/// cancellation and expiry in <c>TransferGrain.Closing.cs</c>. Every method checks first, calls other
/// grains idempotently next (they may be repeated by a re-run), stages postings, and writes last.
/// </summary>
public sealed partial class TransferGrain([PersistentState("transfer", MarketStorage.Name)] IPersistentState<TransferState> transfer, ILedger ledger, MarketClock clock)
    : Grain, ITransferGrain, IRemindable
{
    public static string NewId() => "trf_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private string Id => this.GetPrimaryKeyString();

    private string EscrowAccount => LedgerAccounts.Escrow("transfer", Id);

    private DateOnly Today => clock.Today;

    public async Task<TransferView> Create(CreateTransfer command)
    {
        if (transfer.State.Exists)
            throw DomainException.Conflict("transfer_exists", $"Transfer {Id} already exists.");
        if (!Commission.IsValidBps(command.DefaultCommissionBps) || command.ExpiryDays is < 1 or > TransferRules.MaxExpiryDays)
            throw new InvalidOperationException("Market:Transfers settings are out of range (commission 0–10 000 bps, expiry 1–3650 days).");
        var patents = TransferRules.RequirePatents(command.Patents);
        var price = Currencies.Require(command.Price, "price");
        if (command.SellerId == command.BuyerId)
            throw DomainException.Unprocessable("self_transfer", "Seller and buyer are the same party.", "buyerId");
        await RequireParty(command.SellerId, "sellerId");
        var buyer = await RequireParty(command.BuyerId, "buyerId");
        var center = await RequireParty(command.CenterId, "centerId");
        if (center.Kind != PartyKind.OperatingCenter)
            throw DomainException.Unprocessable("not_operating_center", $"Party {center.Id} is a {center.Kind}; transfers run through an operating center.", "centerId");
        var commissionBps = (await GrainFactory.GetGrain<IOperatingCenterGrain>(center.Id).Get())?.CommissionBps ?? command.DefaultCommissionBps;

        // Reads first, so that every refusal that needs no claim comes before any patent is claimed.
        var facts = new List<PatentTransferFacts>();
        for (var i = 0; i < patents.Count; i++)
            facts.Add(RequireTransferable(await Facts(patents[i], i), command.SellerId, i, Id));
        var export = ExportCheck.For(buyer.Country, [.. facts.Select(f => (f.Number, f.ExportControl))]);
        if (command.PoolOption is null && facts.SelectMany(f => TransferRules.UnsettledPools(f).Select(p => (f.Number, p.PoolId))).FirstOrDefault() is ({ } pooled, { } pool))
            throw DomainException.Unprocessable("pool_option_required",
                $"Patent {pooled} is in pool {pool}: say whether the buyer accedes to the pool or the patent is withdrawn.", "poolOption");

        facts = await Claim(patents, command.SellerId);

        var now = clock.GetUtcNow();
        transfer.State = new TransferState
        {
            Status = TransferStatus.Draft,
            Patents = patents,
            SellerId = command.SellerId,
            BuyerId = command.BuyerId,
            BuyerCountry = buyer.Country,
            CenterId = center.Id,
            Price = price,
            CommissionBps = commissionBps,
            PoolOption = command.PoolOption,
            Consents = TransferRules.ConsentsFor(facts, command.SellerId),
            ExportRequirement = export,
            CreatedAt = now,
            ExpiresAt = now.AddDays(command.ExpiryDays),
        };
        Log("created", $"{patents.Count} patent(s) from {command.SellerId} to {command.BuyerId} for {price}");
        Settle("opened");
        // Registered before the write: a reminder for a transfer that was never stored finds nothing to do.
        await this.RemindOnce(ExpiryReminder, transfer.State.ExpiresAt - now);
        await GrainFactory.GetGrain<Indexes.IIndexGrain>(Indexes.IndexKeys.CenterTransfers(center.Id)).Add(this.GetPrimaryKeyString());
        await transfer.WriteStateAsync();
        return View();
    }

    public Task<TransferView?> Get() => Task.FromResult(transfer.State.Exists ? View() : null);

    /// <summary>
    /// Claims every patent for this transfer, in order. If one is refused (another open transfer holds it),
    /// the claims made so far are given back, so a refused creation leaves every patent as it was.
    /// </summary>
    private async Task<List<PatentTransferFacts>> Claim(List<string> patents, string sellerId)
    {
        var claimed = new List<PatentTransferFacts>();
        for (var i = 0; i < patents.Count; i++)
        {
            try
            {
                claimed.Add(await Patent(patents[i]).ClaimForTransfer(Id, sellerId));
            }
            catch (DomainException refusal)
            {
                foreach (var done in claimed) await Patent(done.Number).ReleaseFromTransfer(Id);
                throw refusal.At($"patents[{i}]");
            }
        }
        return claimed;
    }

    private static PatentTransferFacts RequireTransferable(PatentTransferFacts patent, string sellerId, int index, string transferId)
    {
        // Held by another open transfer: refused before any patent is claimed, or the claims of the patents before it
        // would be made and given back, two journal entries each for a refused request (the claim checks it again).
        if (patent.OpenTransferId is { } other && other != transferId)
            throw DomainException.Conflict("patent_in_transfer", $"Patent {patent.Number} is held by open transfer {other}.", $"patents[{index}]");
        // Pending applications may be transferred too (§7); lapsed, invalidated or expired patents not.
        if (!patent.Status.IsInForce())
            throw DomainException.Unprocessable("patent_not_in_force", $"Patent {patent.Number} is {patent.Status}.", $"patents[{index}]");
        if (!patent.OwnerIds.Contains(sellerId))
            throw DomainException.Unprocessable("not_owner", $"Party {sellerId} does not own patent {patent.Number}.", $"patents[{index}]");
        return patent;
    }

    private async Task<PatentTransferFacts> Facts(string number, int index)
    {
        try
        {
            return await Patent(number).TransferFacts();
        }
        catch (DomainException refusal) when (refusal.Code == "patent_not_found")
        {
            throw DomainException.Unprocessable("unknown_patent", $"Patent {number} is not registered.", $"patents[{index}]");
        }
    }

    private async Task<PartyView> RequireParty(string partyId, string field) =>
        (string.IsNullOrWhiteSpace(partyId) ? null : await GrainFactory.GetGrain<IPartyGrain>(partyId).Get())
            ?? throw DomainException.Unprocessable("unknown_party", $"Party {partyId} does not exist.", field);

    private IPatentTransfers Patent(string number) => GrainFactory.GetGrain<IPatentTransfers>(number);

    private TransferState RequireExists() => transfer.State.Exists
        ? transfer.State
        : throw DomainException.NotFound("transfer_not_found", $"Transfer {Id} does not exist.");

    /// <summary>The transfer is open and its time has not run out (the reminder may not have fired yet).</summary>
    private TransferState RequireOpen()
    {
        var state = RequireExists();
        if (!TransferStateMachine.IsOpen(state.Status))
            throw DomainException.Conflict("invalid_transfer_state", $"Transfer {Id} is {TransferStateMachine.Wire(state.Status)}.");
        if (clock.GetUtcNow() >= state.ExpiresAt)
            throw DomainException.Conflict("transfer_expired", $"Transfer {Id} expired at {state.ExpiresAt:O}.");
        return state;
    }

    private TransferState RequireStatus(TransferStatus expected)
    {
        var state = RequireOpen();
        return state.Status == expected
            ? state
            : throw DomainException.Conflict("invalid_transfer_state",
                $"Transfer {Id} is {TransferStateMachine.Wire(state.Status)}; this step belongs to {TransferStateMachine.Wire(expected)}.");
    }

    /// <summary>Moves to the waiting state the outstanding steps call for, recording the move.</summary>
    private void Settle(string action)
    {
        var s = transfer.State;
        var next = TransferStateMachine.Settle(s.Status, s.Consents.Any(c => c.Decision == ConsentDecision.Pending),
            s.ExportRequirement.Any && s.ExportClearance is null, s.Payment is not null);
        if (next != s.Status) Move(next, action);
    }

    private void Move(TransferStatus next, string action, string? detail = null)
    {
        transfer.State.Status = TransferStateMachine.Require(transfer.State.Status, next);
        Log(action, detail);
    }

    private void Log(string action, string? detail = null) =>
        transfer.State.History.Add(new TransferEvent(action, transfer.State.Status, CallerContext.Current, clock.GetUtcNow(), detail));

    private TransferView View()
    {
        var s = transfer.State;
        var zero = Money.Zero(s.Price.Currency);
        var released = s.Completion is null ? (Money?)null : s.Price;
        var held = s.Payment is null || released is not null || s.Closing?.Refunded is not null ? zero : s.Payment.Amount;
        return new TransferView(
            Id, s.Status, [.. s.Patents], s.SellerId, s.BuyerId, s.CenterId, s.Price, s.CommissionBps, s.PoolOption, [.. s.Consents],
            new ExportCheckView(s.BuyerCountry, s.ExportRequirement.Any, s.ExportRequirement.RegistrationCertificate, s.ExportRequirement.ExportLicence, s.ExportClearance),
            s.Payment, new EscrowView(EscrowAccount, held, released, s.Closing?.Refunded), s.Recordation, s.Completion, s.Closing,
            s.CreatedAt!.Value, s.ExpiresAt, [.. s.History], long.TryParse(transfer.Etag, out var v) ? v : 0);
    }
}
