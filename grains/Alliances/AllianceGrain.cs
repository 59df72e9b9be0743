using PatentNav.Market.Grains.Indexes;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.Grains.Alliances;

public sealed class AllianceGrain([PersistentState(AllianceGrain.StateName, MarketStorage.Name)] IPersistentState<AllianceState> alliance, MarketClock clock)
    : Grain, IAllianceGrain
{
    public const string StateName = "alliance";
    public const int MaxFilingNumber = 100;

    private string Id => this.GetPrimaryKeyString();

    public async Task<AllianceView> Create(CreateAlliance command)
    {
        if (alliance.State.Charter is not null) return View();
        var charter = AllianceRules.Charter(command.Charter);
        var founders = AllianceRules.Founders(command.Members, clock.Today);
        for (var i = 0; i < founders.Count; i++)
            await RequireParty(founders[i].PartyId, $"members[{i}].partyId");
        // The lists a caller reads its alliances from (GET /alliances): added before the state, so an id may outlive a
        // failed creation; readers skip ids whose alliance is empty.
        await Index(IndexKeys.Alliances);
        foreach (var party in founders.Select(f => f.PartyId).Append(command.CenterId).Distinct()) await Index(IndexKeys.PartyAlliances(party));
        alliance.State.CenterId = command.CenterId;
        alliance.State.Charter = charter;
        alliance.State.Members = founders;
        alliance.State.CreatedAt = clock.GetUtcNow();
        alliance.State.CreatedBy = CallerContext.Current;
        await alliance.WriteStateAsync();
        return View();
    }

    public Task<AllianceView?> Get() => Task.FromResult(alliance.State.Charter is null ? null : View());

    public async Task<AllianceView> Join(NewAllianceMember member)
    {
        Require();
        if (AllianceRules.Join(alliance.State.Members, member.PartyId, member.JoinedOn, clock.Today) is not { } period) return View();
        await RequireParty(member.PartyId, "partyId");
        await Index(IndexKeys.PartyAlliances(member.PartyId));
        alliance.State.Members.Add(period);
        await alliance.WriteStateAsync();
        return View();
    }

    public async Task<AllianceView> Leave(string partyId, DateOnly? leftOn)
    {
        Require();
        if (AllianceRules.Leave(alliance.State.Members, partyId, leftOn, clock.Today) is not { } ended) return View();
        alliance.State.Members[ended.Index] = ended.Ended;
        await alliance.WriteStateAsync();
        return View();
    }

    public async Task<AllianceView> File(string filingNumber, DateOnly filedOn)
    {
        Require();
        var number = filingNumber?.Trim() ?? "";
        if (number.Length is 0 or > MaxFilingNumber)
            throw DomainException.Invalid("invalid_filing_number", "filingNumber", $"A filing number of 1 to {MaxFilingNumber} characters.");
        if (filedOn > clock.Today)
            throw DomainException.Invalid("date_in_future", "filedOn", $"{filedOn:yyyy-MM-dd} is after today ({clock.Today:yyyy-MM-dd}).");
        if (alliance.State.Filing is { } filing)
            return filing.FilingNumber == number && filing.FiledOn == filedOn ? View()
                : throw DomainException.Conflict("alliance_already_filed", $"Alliance {Id} was filed as {filing.FilingNumber} on {filing.FiledOn:yyyy-MM-dd}.", "filingNumber");
        alliance.State.Filing = new AllianceFiling(number, filedOn, clock.GetUtcNow(), CallerContext.Current);
        await alliance.WriteStateAsync();
        return View();
    }

    private AllianceCharter Require() => alliance.State.Charter ?? throw DomainException.NotFound("alliance_not_found", $"Alliance {Id} does not exist.");

    private async Task RequireParty(string partyId, string field)
    {
        if (await GrainFactory.GetGrain<IPartyGrain>(partyId).Get() is null)
            throw DomainException.Unprocessable("unknown_party", $"Party {partyId} does not exist.", field);
    }

    private Task Index(string key) => GrainFactory.GetGrain<IIndexGrain>(key).Add(Id);

    private AllianceView View()
    {
        var s = alliance.State;
        return new AllianceView(Id, s.CenterId!, s.Charter!, s.Members, AllianceRules.MembersOn(s.Members, clock.Today), s.Filing, s.CreatedAt, s.CreatedBy);
    }
}
