using System.Security.Cryptography;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.Grains.Patents;

public sealed partial class PatentGrain([PersistentState(PatentGrain.StateName, MarketStorage.Name)] IPersistentState<PatentState> patent, MarketClock clock) : Grain, IPatentGrain
{
    /// <summary>The state's storage name; the catalogue projection and the history endpoint use it.</summary>
    public const string StateName = "patent";

    private DateOnly Today => clock.Today;

    public async Task<PatentView> Register(RegisterPatent command)
    {
        if (patent.State.IsRegistered)
            throw DomainException.Conflict("patent_exists", $"Patent {this.GetPrimaryKeyString()} is already registered.", "number");

        var number = PatentNumber.Parse(this.GetPrimaryKeyString());
        var type = PatentRules.ResolveType(number, command.Type);
        PatentRules.RequireDates(command.FilingDate, command.GrantDate, command.Status, Today);
        if (PatentTerm.EffectiveStatus(command.Status, type, command.FilingDate, Today) is var status && !status.IsInForce())
            throw DomainException.Unprocessable("patent_not_in_force", $"A {status} patent cannot be newly listed.", "status");
        PatentRules.RequireOwners(command.OwnerIds);
        await RequirePartiesExist(command.OwnerIds, "ownerIds");

        patent.State = new PatentState
        {
            Number = number.Value,
            Title = PatentRules.RequireTitle(command.Title),
            Abstract = PatentRules.RequireAbstract(command.Abstract),
            Type = type,
            Ipc = PatentRules.RequireIpc(command.Ipc),
            FilingDate = command.FilingDate,
            GrantDate = command.GrantDate,
            Status = command.Status,
            OwnerIds = [.. command.OwnerIds],
            // Earlier owners are not known: the registered ones stand for the time since filing.
            OwnerHistory = [new OwnershipPeriod(command.FilingDate, [.. command.OwnerIds])],
            RegisteredAt = clock.GetUtcNow(),
        };
        await patent.WriteStateAsync();
        return View();
    }

    public Task<PatentView?> Get() => Task.FromResult(patent.State.IsRegistered ? View() : null);

    public async Task<PatentView> Update(UpdatePatent command)
    {
        var state = RequireRegistered();
        var grantDate = command.GrantDate ?? state.GrantDate;
        var status = command.Status ?? state.Status;
        PatentRules.RequireDates(state.FilingDate, grantDate, status, Today);
        if (command.OwnersEffectiveOn is not null && command.OwnerIds is null)
            throw DomainException.Invalid("required", "ownerIds", "An effective date needs the new owners.");
        if (command.OwnerIds is { } owners)
        {
            PatentRules.RequireOwners(owners);
            var effectiveOn = command.OwnersEffectiveOn ?? Today;
            if (effectiveOn > Today)
                throw DomainException.Invalid("date_in_future", "ownersEffectiveOn", "A change of owner cannot take effect in the future.");
            await RequirePartiesExist(owners, "ownerIds");
            state.OwnerHistory = OwnerHistory.Change(state.EffectiveOwnerHistory(), owners, effectiveOn);
            state.OwnerIds = [.. owners];
        }
        if (command.Title is not null) state.Title = PatentRules.RequireTitle(command.Title);
        if (command.Abstract is not null) state.Abstract = PatentRules.RequireAbstract(command.Abstract);
        if (command.Ipc is not null) state.Ipc = PatentRules.RequireIpc(command.Ipc);
        state.GrantDate = grantDate;
        state.Status = status;
        await patent.WriteStateAsync();
        return View();
    }

    public async Task<PatentView> RecordEndOfForce(LegalStatus status, DateOnly on, string? reference)
    {
        var state = RequireRegistered();
        reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        if (!EndOfForce.Check(state.EndOfForce, state.Status, state.GrantDate, state.ExpiresOn, status, on, reference, Today)) return View();
        state.EndOfForce = new EndOfForce(status, on, reference, clock.GetUtcNow(), CallerContext.Current);
        state.Status = status;
        await patent.WriteStateAsync();
        return View();
    }

    public async Task<Valuation> AddValuation(AddValuation command)
    {
        var state = RequireRegistered();
        var value = Currencies.Require(command.Value, "value");
        if (command.EffectiveDate > Today)
            throw DomainException.Invalid("date_in_future", "effectiveDate", "A valuation cannot take effect in the future.");
        if (command.ReportRef is { Length: > 200 })
            throw DomainException.Invalid("too_long", "reportRef", "At most 200 characters.");
        if (command.AppraiserId is { } appraiser) await RequirePartyExists(appraiser, "appraiserId");

        var valuation = new Valuation(
            "val_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), value, command.Method, command.AppraiserId,
            command.EffectiveDate, command.ReportRef, PatentRules.RequireScores(command.Scores), clock.GetUtcNow());
        state.Valuations.Add(valuation);
        await patent.WriteStateAsync();
        return valuation;
    }

    private PatentState RequireRegistered() => patent.State.IsRegistered
        ? patent.State
        : throw DomainException.NotFound("patent_not_found", $"Patent {this.GetPrimaryKeyString()} is not registered.");

    private async Task RequirePartiesExist(IReadOnlyList<string> partyIds, string field)
    {
        for (var i = 0; i < partyIds.Count; i++)
            await RequirePartyExists(partyIds[i], $"{field}[{i}]");
    }

    private async Task RequirePartyExists(string partyId, string field)
    {
        if (string.IsNullOrWhiteSpace(partyId) || await GrainFactory.GetGrain<IPartyGrain>(partyId).Get() is null)
            throw DomainException.Unprocessable("unknown_party", $"Party {partyId} does not exist.", field);
    }

    private PatentView View()
    {
        var s = patent.State;
        return new PatentView(
            s.Number, s.Title, s.Abstract, s.Type, s.Ipc, s.FilingDate, s.GrantDate,
            PatentTerm.EffectiveStatus(s.Status, s.Type, s.FilingDate, Today), s.ExpiresOn, s.OwnerIds,
            Valuation.InEffect(s.Valuations, Today), s.Valuations, s.Licences, s.Pools, s.PledgeeId,
            long.TryParse(patent.Etag, out var v) ? v : 0, s.EffectiveOwnerHistory(), [.. s.CoOwnerConsents], s.EndOfForce);
    }
}
