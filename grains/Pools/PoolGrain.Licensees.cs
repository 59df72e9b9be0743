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

    public async Task<PoolEnrolment> EnrolLicensee(string licenceId, string licenseeId, DateOnly start)
    {
        var state = RequireCreated();
        if (string.IsNullOrWhiteSpace(licenceId)) throw DomainException.Invalid("required", "licenceId", "A licence id is required.");
        if (state.Licensees.FirstOrDefault(l => l.LicenceId == licenceId) is { } enrolled)
            return enrolled.LicenseeId == licenseeId
                ? Enrolment(enrolled)
                : throw DomainException.Conflict("licence_id_reused", $"Licence {licenceId} is enrolled for another licensee.", "licenceId");
        var licensee = await Enrol(state, licenceId, licenseeId, start);
        await pool.WriteStateAsync();
        return Enrolment(licensee);
    }

    /// <summary>The willing-licensee checks and the enrolment, added to <paramref name="state"/> without writing.</summary>
    private async Task<PoolLicensee> Enrol(PoolState state, string licenceId, string licenseeId, DateOnly start)
    {
        await RequirePartyExists(licenseeId, "licenseeId");
        if (state.Refusals.FirstOrDefault(r => r.PartyId == licenseeId && r.LiftedAt is null) is { } refusal)
            throw DomainException.Conflict(RefusalCodes.Code(refusal.Reason),
                $"Pool {this.GetPrimaryKeyString()} refuses {licenseeId}: {RefusalCodes.Code(refusal.Reason)} recorded {refusal.RecordedAt:yyyy-MM-dd}.", "licenseeId");
        var card = InForceOn(start, "start");

        var royaltyFree = state.Charter!.MemberTerms == MemberTerms.RoyaltyFree && state.Members.Any(m => m.PartyId == licenseeId);
        var licensee = new PoolLicensee(licenceId, licenseeId, start, card.Version, royaltyFree);
        state.Licensees.Add(licensee);
        return licensee;
    }

    public async Task EndLicence(string licenceId, DateOnly endedOn)
    {
        var state = RequireCreated();
        var index = state.Licensees.FindIndex(l => l.LicenceId == licenceId);
        if (index < 0 || state.Licensees[index].EndedOn is not null) return;
        state.Licensees[index] = state.Licensees[index] with { EndedOn = endedOn };
        await pool.WriteStateAsync();
    }

    private Refusal? ActiveRefusal(string partyId, RefusalReason reason) =>
        pool.State.Refusals.FirstOrDefault(r => r.PartyId == partyId && r.Reason == reason && r.LiftedAt is null);

    private PoolEnrolment Enrolment(PoolLicensee l) => new(this.GetPrimaryKeyString(), Charter.Currency, l.LockedRateCardVersion, l.RoyaltyFree, l.Start);
}
