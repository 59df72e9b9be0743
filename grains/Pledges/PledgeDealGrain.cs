using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// A pledge deal (§8): application to registration here; the loan (disbursement, interest, repayments, escrow) in
/// <c>.Loan.cs</c>, coverage and renewal in <c>.Margin.cs</c>, default, disposal and release in <c>.Closing.cs</c>.
/// All arithmetic is the tested pure domain of this folder; the grain only sequences it and posts its results.
/// </summary>
public sealed partial class PledgeDealGrain([PersistentState("pledge-deal", MarketStorage.Name)] IPersistentState<PledgeDealState> deal, ILedger ledger, ILedgerQueries ledgerQueries, MarketClock clock)
    : Grain, IPledgeDealGrain, IRemindable
{
    private string Id => this.GetPrimaryKeyString();
    private PledgeDealState S => deal.State;
    private DateOnly Today => clock.Today;

    public async Task<PledgeDealView> Apply(ApplyForPledge command)
    {
        if (S.Exists) throw DomainException.Conflict("pledge_exists", $"Pledge deal {Id} already exists.");
        var product = FinancierProductRules.Validate(command.Product with { FinancierId = command.FinancierId, Currency = command.Principal.Currency });
        var agreement = RiskSharingRules.Validate(command.Agreement ?? RiskSharingAgreement.Guangzhou2025());
        if (agreement.Currency != product.Currency)
            throw DomainException.Unprocessable(PledgeCodes.CurrencyMismatch, "The risk-sharing agreement and the loan differ in currency.", "riskSharing.currency");
        var principal = Currencies.Require(command.Principal, "principal");
        if (principal.Amount <= 0) throw DomainException.Invalid("invalid_amount", "principal.amount", "Principal must be positive.");
        RepaymentSchedules.RequireRepresentable(principal.Amount, product.AnnualRateBps, product.TermMonths);
        var numbers = command.Patents.Distinct().ToList();
        if (numbers.Count == 0) throw DomainException.Unprocessable(PledgeCodes.NoCollateral, "At least one patent must be pledged.", "patents");
        await RequireParty(command.PledgorId, "pledgorId");
        PledgeParties.RequireFinancier(await RequireParty(command.FinancierId, "financierId"));
        if (command.CenterId is not null) PledgeRegistration.RequireCenter(await RequireParty(command.CenterId, "centerId"));
        var patents = new List<PledgedPatent>();
        for (var i = 0; i < numbers.Count; i++)
        {
            var view = await RequirePatent(numbers[i], i);
            if (!view.OwnerIds.Contains(command.PledgorId))
                throw DomainException.Unprocessable("not_owner", $"Party {command.PledgorId} does not own patent {view.Number}.", $"patents[{i}]");
            patents.Add(new PledgedPatent(view.Number, Item(view, i)));
        }
        // Before anything is written: the view of the deal reads its loan-to-value, which needs one currency.
        LoanToValue.RequireConsistent([.. patents.Select(p => p.Collateral)], principal.Currency);
        await GrainFactory.GetGrain<IFinancierPortfolioGrain>(command.FinancierId).Add(Id);
        // Listed before the write, as the portfolio: the center's list skips an id whose deal was never stored.
        if (command.CenterId is not null) await GrainFactory.GetGrain<Indexes.IIndexGrain>(Indexes.IndexKeys.CenterPledges(command.CenterId)).Add(Id);
        deal.State = new PledgeDealState
        {
            Exists = true, Status = PledgeStatus.Applied, PledgorId = command.PledgorId, FinancierId = command.FinancierId,
            Product = product, Agreement = agreement, Principal = principal.Amount, Patents = patents,
            AwaitingPledgor = !command.ByPledgor, CenterId = command.CenterId,
        };
        Log("applied", $"{principal} against {patents.Count} patent(s)" + (command.ByPledgor ? "" : ", awaiting the pledgor's acceptance")
            + (command.CenterId is null ? "" : $", registration filed by {command.CenterId}"));
        await deal.WriteStateAsync();
        return View();
    }

    /// <summary>The pledgor's acceptance of an application the financier made; repeating it changes nothing.</summary>
    public async Task<PledgeDealView> AcceptApplication()
    {
        var s = RequireExists();
        if (!s.AwaitingPledgor) return View();
        s.AwaitingPledgor = false;
        Log("accepted", "by the pledgor");
        await deal.WriteStateAsync();
        return View();
    }

    public Task<PledgeDealView?> Get() => Task.FromResult(S.Exists ? View() : null);

    /// <summary>
    /// The collateral as the LTV rules see it; a patent with no valuation in effect cannot be relied on. Once registered, a
    /// patent no longer pledged to this financier (sold with its consent: the pledge passed to the proceeds in escrow) counts 0.
    /// </summary>
    private CollateralItem Item(PatentView view, int index, string field = "patents")
    {
        var current = Valuation.InEffect(view.Valuations, Today);
        if (S.RegistrationNumber is not null && view.PledgeeId != S.FinancierId)
            return new CollateralItem(view.Type, new Money(0, S.Currency), Today);
        return view.CurrentValuation is not null && current is not null
            ? new CollateralItem(view.Type, current.Value, current.EffectiveDate)
            : throw DomainException.Unprocessable("no_valuation", $"Patent {view.Number} has no valuation in effect; appraise it first.", field == "patents" ? $"patents[{index}]" : field);
    }

    /// <summary>Fresh collateral from the patents' valuations in effect today (§3).</summary>
    private async Task<List<PledgedPatent>> ReadCollateral()
    {
        var read = new List<PledgedPatent>();
        for (var i = 0; i < S.Patents.Count; i++)
            read.Add(S.Patents[i] with { Collateral = Item(await RequirePatent(S.Patents[i].Number, i), i) });
        return read;
    }

    private async Task<PatentView> RequirePatent(string number, int index) =>
        await GrainFactory.GetGrain<IPatentGrain>(number).Get()
            ?? throw DomainException.Unprocessable("unknown_patent", $"Patent {number} is not registered.", $"patents[{index}]");

    private async Task<PartyView> RequireParty(string partyId, string field) =>
        (string.IsNullOrWhiteSpace(partyId) ? null : await GrainFactory.GetGrain<IPartyGrain>(partyId).Get())
            ?? throw DomainException.Unprocessable("unknown_party", $"Party {partyId} does not exist.", field);
}
