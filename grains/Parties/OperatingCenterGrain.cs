using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Parties;

public sealed class OperatingCenterGrain([PersistentState("operating-center", MarketStorage.Name)] IPersistentState<OperatingCenterState> center, MarketClock clock) : Grain, IOperatingCenterGrain
{
    public async Task<OperatingCenterSettings> Configure(int commissionBps)
    {
        if (commissionBps is < 0 or > 10_000)
            throw DomainException.Invalid("invalid_bps", "commissionBps", "A commission is 0 to 10 000 basis points.");
        var party = await GrainFactory.GetGrain<IPartyGrain>(this.GetPrimaryKeyString()).Get()
            ?? throw DomainException.Unprocessable("unknown_party", $"Party {this.GetPrimaryKeyString()} does not exist.", "id");
        if (party.Kind != PartyKind.OperatingCenter)
            throw DomainException.Unprocessable("not_operating_center", $"Party {party.Id} is a {party.Kind}, not an operating center.", "id");
        if (center.State.UpdatedAt is not null && center.State.CommissionBps == commissionBps) return Settings()!;
        center.State = new OperatingCenterState { CommissionBps = commissionBps, UpdatedAt = clock.GetUtcNow() };
        await center.WriteStateAsync();
        return Settings()!;
    }

    public Task<OperatingCenterSettings?> Get() => Task.FromResult(Settings());

    private OperatingCenterSettings? Settings() => center.State.UpdatedAt is { } at
        ? new OperatingCenterSettings(this.GetPrimaryKeyString(), center.State.CommissionBps, at)
        : null;
}
