using System.Security.Cryptography;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.Grains.Patents;

/// <summary>Licences, pool memberships and the pledge: what limits who else may use the patent.</summary>
public sealed partial class PatentGrain
{
    public async Task GrantLicence(LicenceGrant grant)
    {
        var state = RequireInForce();
        if (state.Licences.Any(l => l.LicenceId == grant.LicenceId)) return;
        if (LicenceConflicts.Find(state.Licences, state.Pools, grant) is { } collision)
            throw DomainException.Conflict("licence_conflict", $"A {grant.Kind} licence collides with {collision} on patent {state.Number}.", "kind");
        if (grant.Kind == LicenceKind.Exclusive && state.OwnerIds.Count > 1)
            UseCoOwnerConsents(state, grant);
        UsePledgeeConsent(state, ConsentPurpose.Licence, grant.LicenseeId, grant.LicenceId);
        state.Licences.Add(grant);
        await patent.WriteStateAsync();
    }

    public async Task RevokeLicence(string licenceId)
    {
        var state = RequireRegistered();
        if (state.Licences.RemoveAll(l => l.LicenceId == licenceId) == 0) return;
        // A licence that never came about leaves the co-owners' consents unused.
        for (var i = 0; i < state.CoOwnerConsents.Count; i++)
            if (state.CoOwnerConsents[i].UsedFor == licenceId) state.CoOwnerConsents[i] = state.CoOwnerConsents[i] with { UsedFor = null };
        await patent.WriteStateAsync();
    }

    public async Task EndLicence(string licenceId, DateOnly endedOn)
    {
        var state = RequireRegistered();
        var index = state.Licences.FindIndex(l => l.LicenceId == licenceId);
        if (index < 0 || state.Licences[index].Scope.End <= endedOn) return;
        state.Licences[index] = state.Licences[index] with { Scope = state.Licences[index].Scope with { End = endedOn } };
        await patent.WriteStateAsync();
    }

    public async Task<CoOwnerConsent> RecordCoOwnerConsent(string coOwnerId, string licenseeId)
    {
        var state = RequireRegistered();
        if (state.OwnerIds.Count < 2 || !state.OwnerIds.Contains(coOwnerId))
            throw DomainException.Unprocessable("not_co_owner", $"Party {coOwnerId} is not a co-owner of {state.Number}.");
        if (licenseeId == coOwnerId)
            throw DomainException.Unprocessable("self_licence", "A co-owner does not consent to a licence to itself.", "licenseeId");
        if (state.CoOwnerConsents.FirstOrDefault(c => c.CoOwnerId == coOwnerId && c.LicenseeId == licenseeId && c.UsedFor is null) is { } unused)
            return unused;
        if (await GrainFactory.GetGrain<IPartyGrain>(licenseeId).Get() is null)
            throw DomainException.Unprocessable("unknown_party", $"Party {licenseeId} does not exist.", "licenseeId");
        var consent = new CoOwnerConsent("coc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), coOwnerId, licenseeId, Today, clock.GetUtcNow(), null);
        state.CoOwnerConsents.Add(consent);
        await patent.WriteStateAsync();
        return consent;
    }

    /// <summary>§3: an exclusive licence of a co-owned patent uses one unused consent of every other owner.</summary>
    private static void UseCoOwnerConsents(PatentState state, LicenceGrant grant)
    {
        var missing = CoOwnerConsents.Missing(state.OwnerIds, grant.LicensorId, state.CoOwnerConsents, grant.LicenseeId, grant.LicenceId);
        if (missing.Count > 0)
            throw DomainException.Unprocessable("co_owner_consent_required",
                $"Patent {state.Number} is co-owned; an exclusive licence to {grant.LicenseeId} needs the consent of {string.Join(", ", missing)}.", "kind");
        foreach (var owner in state.OwnerIds.Where(o => o != grant.LicensorId))
        {
            var index = state.CoOwnerConsents.FindIndex(c => c.CoOwnerId == owner && c.LicenseeId == grant.LicenseeId && c.UsedFor is null);
            if (index >= 0) state.CoOwnerConsents[index] = state.CoOwnerConsents[index] with { UsedFor = grant.LicenceId };
        }
    }

    public async Task JoinPool(string poolId, IReadOnlyList<string> memberIds, DateOnly admittedOn, bool dryRun = false)
    {
        var state = RequireInForce();
        if (state.Pools.Any(p => p.PoolId == poolId && p.WithdrawnOn is null)) return;
        // An onboarded admission names its past day: the patent must have been granted by then.
        if (state.GrantDate is { } granted && admittedOn < granted)
            throw DomainException.Unprocessable("patent_not_granted", $"Patent {state.Number} was granted on {granted:yyyy-MM-dd}, after {admittedOn:yyyy-MM-dd}.", "number");
        // A patent on its way to a new owner joins no pool until the transfer closes (its pool option is fixed at opening).
        if (state.Transfer.OpenTransferId is { } transferId)
            throw DomainException.Conflict("patent_in_transfer", $"Patent {state.Number} is held by open transfer {transferId}.", "number");
        if (state.Status != LegalStatus.Granted)
            throw DomainException.Unprocessable("patent_not_granted", $"Patent {state.Number} is not granted.", "number");
        if (!state.OwnerIds.Any(memberIds.Contains))
            throw DomainException.Unprocessable("owner_not_member", $"No owner of {state.Number} is a member of pool {poolId}.", "number");
        if (LicenceConflicts.FindForPool(state.Licences, admittedOn) is { } collision)
            throw DomainException.Conflict("licence_conflict", $"Patent {state.Number} is under exclusive or sole licence {collision}.", "number");
        if (dryRun)
        {
            // The same consent check on a copy: a dry run (an onboarding batch's check) uses nothing up.
            UsePledgeeConsent(new PatentState { Number = state.Number, PledgeeId = state.PledgeeId, Consents = [.. state.Consents] },
                ConsentPurpose.PoolAdmission, poolId, poolId);
            return;
        }
        UsePledgeeConsent(state, ConsentPurpose.PoolAdmission, poolId, poolId);
        state.Pools.Add(new PoolMembership(poolId, admittedOn, null));
        await patent.WriteStateAsync();
    }

    public async Task LeavePool(string poolId, DateOnly effectiveOn)
    {
        var state = RequireRegistered();
        var index = state.Pools.FindIndex(p => p.PoolId == poolId && p.WithdrawnOn is null);
        if (index < 0) return;
        state.Pools[index] = state.Pools[index] with { WithdrawnOn = effectiveOn };
        await patent.WriteStateAsync();
    }

    public async Task SetPledge(string? pledgeeId)
    {
        var state = RequireRegistered();
        if (pledgeeId is not null && await GrainFactory.GetGrain<IPartyGrain>(pledgeeId).Get() is null)
            throw DomainException.Unprocessable("unknown_party", $"Party {pledgeeId} does not exist.", "pledgeeId");
        state.PledgeeId = pledgeeId;
        await patent.WriteStateAsync();
    }

    public async Task<PledgeeConsent> RecordPledgeeConsent(string pledgeeId, ConsentPurpose purpose, string counterpartyId)
    {
        var state = RequireRegistered();
        if (state.PledgeeId != pledgeeId)
            throw DomainException.Unprocessable("not_pledgee", $"Party {pledgeeId} holds no pledge on {state.Number}.", "pledgeeId");
        var consent = new PledgeeConsent("cns_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), pledgeeId, purpose, counterpartyId, clock.GetUtcNow(), null);
        state.Consents.Add(consent);
        await patent.WriteStateAsync();
        return consent;
    }

    /// <summary>A pledged patent needs an unused consent of its pledgee for this counterparty (Civil Code art. 444).</summary>
    private static void UsePledgeeConsent(PatentState state, ConsentPurpose purpose, string counterpartyId, string usedFor)
    {
        if (state.PledgeeId is null) return;
        var index = state.Consents.FindIndex(c => c.PledgeeId == state.PledgeeId && c.Purpose == purpose && c.CounterpartyId == counterpartyId && c.UsedFor is null);
        if (index < 0)
            throw DomainException.Conflict("pledgee_consent_required", $"Patent {state.Number} is pledged to {state.PledgeeId}; its consent is required.", "number");
        state.Consents[index] = state.Consents[index] with { UsedFor = usedFor };
    }

    private PatentState RequireInForce()
    {
        var state = RequireRegistered();
        var status = PatentTerm.EffectiveStatus(state.Status, state.Type, state.FilingDate, Today);
        return status.IsInForce()
            ? state
            : throw DomainException.Unprocessable("patent_not_in_force", $"Patent {state.Number} is {status}.", "number");
    }
}
