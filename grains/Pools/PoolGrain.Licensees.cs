using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>Willing licensees (§5): enrolment on the standard terms, refused only for a recorded objective reason.</summary>
public sealed partial class PoolGrain
{
    public const int MaxNoteLength = 2_000;

    public async Task<Refusal> RecordRefusal(string partyId, RefusalReason reason, string? note)
    {
        var state = RequireCreated();
        if (!Enum.IsDefined(reason)) throw DomainException.Invalid("invalid_enum", "reason", "Unknown refusal reason.");
        if (note is { Length: > MaxNoteLength }) throw DomainException.Invalid("too_long", "note", $"At most {MaxNoteLength} characters.");
        await RequirePartyExists(partyId, "partyId");
        if (ActiveRefusal(partyId, reason) is { } existing) return existing;

        var refusal = new Refusal(partyId, reason, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), clock.GetUtcNow(), null);
        state.Refusals.Add(refusal);
        await pool.WriteStateAsync();
        return refusal;
    }

    public async Task LiftRefusal(string partyId, RefusalReason reason)
    {
        var state = RequireCreated();
        var index = state.Refusals.FindIndex(r => r.PartyId == partyId && r.Reason == reason && r.LiftedAt is null);
        if (index < 0)
        {
            if (state.Refusals.Any(r => r.PartyId == partyId && r.Reason == reason)) return; // lifted already
            throw DomainException.NotFound("refusal_not_found", $"No {RefusalCodes.Code(reason)} refusal is recorded against {partyId}.");
        }
        state.Refusals[index] = state.Refusals[index] with { LiftedAt = clock.GetUtcNow() };
        await pool.WriteStateAsync();
    }

    /// <remarks>
    /// Writes nothing: the licence grain stores the enrolment in its own state and the pool's public list row with it
    /// (<see cref="IPoolLicenseeRows"/>), in one transaction. So a purchase costs the pool no storage write, the pool's
    /// state does not grow with its licensees, and concurrent purchases of one pool do not queue behind each other's
    /// writes (issue 11, P1 and P2). The same licence id always gets the same enrolment (the checks read only the
    /// charter, members, refusals and the immutable cards), which is what a re-run after a failed licence write needs;
    /// that one licence id is one licensee's is the licence grain's own check (<c>licence_exists</c>).
    /// </remarks>
    public async Task<PoolEnrolment> EnrolLicensee(string licenceId, string licenseeId, DateOnly start)
    {
        var state = RequireCreated();
        if (string.IsNullOrWhiteSpace(licenceId)) throw DomainException.Invalid("required", "licenceId", "A licence id is required.");
        return Enrolment(await Enrol(state, licenceId, licenseeId, start));
    }

    /// <summary>The willing-licensee checks and the enrolment they allow; changes no state.</summary>
    private async Task<PoolLicensee> Enrol(PoolState state, string licenceId, string licenseeId, DateOnly start)
    {
        await RequirePartyExists(licenseeId, "licenseeId");
        if (state.Refusals.FirstOrDefault(r => r.PartyId == licenseeId && r.LiftedAt is null) is { } refusal)
            throw DomainException.Conflict(RefusalCodes.Code(refusal.Reason),
                $"Pool {this.GetPrimaryKeyString()} refuses {licenseeId}: {RefusalCodes.Code(refusal.Reason)} recorded {refusal.RecordedAt:yyyy-MM-dd}.", "licenseeId");
        var card = InForceOn(start, "start");

        var royaltyFree = state.Charter!.MemberTerms == MemberTerms.RoyaltyFree && state.Members.Any(m => m.PartyId == licenseeId);
        return new PoolLicensee(licenceId, licenseeId, start, card.Version, royaltyFree);
    }

    private Refusal? ActiveRefusal(string partyId, RefusalReason reason) =>
        pool.State.Refusals.FirstOrDefault(r => r.PartyId == partyId && r.Reason == reason && r.LiftedAt is null);

    private PoolEnrolment Enrolment(PoolLicensee l) => new(this.GetPrimaryKeyString(), Charter.Currency, l.LockedRateCardVersion, l.RoyaltyFree, l.Start, Charter.AdministratorId);
}
