using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Pools;

/// <summary>Admission and withdrawal of patents (§5).</summary>
public sealed partial class PoolGrain
{
    public async Task<HolderAgreement> AgreeToAdmission(string number, string holderId)
    {
        var state = RequireCreated();
        var canonical = ParseNumber(number);
        if (state.HolderAgreements.FirstOrDefault(a => a.Number == canonical && a.HolderId == holderId) is { } given) return given;
        var view = await GrainFactory.GetGrain<IPatentGrain>(canonical).Get() ?? throw DomainException.NotFound("patent_not_found", $"Patent {canonical} is not registered.");
        if (!view.OwnerIds.Contains(holderId))
            throw DomainException.Unprocessable("not_owner", $"Party {holderId} does not hold patent {canonical}.", "number");
        var agreement = new HolderAgreement(canonical, holderId, clock.GetUtcNow());
        state.HolderAgreements.Add(agreement);
        await pool.WriteStateAsync();
        return agreement;
    }

    public async Task<PoolPatent> AdmitPatent(string number, EssentialityOpinion? opinion, bool requireHolderAgreement)
    {
        var admitted = await Admit(RequireCreated(), number, opinion, requireHolderAgreement, Today, dryRun: false);
        await pool.WriteStateAsync();
        return admitted;
    }

    /// <summary>
    /// Admits a patent into <paramref name="state"/> on <paramref name="on"/> (today, or an onboarded record's day) after
    /// every §5 check, without writing the pool. <paramref name="dryRun"/>: the patent only checks its side and records nothing.
    /// </summary>
    private async Task<PoolPatent> Admit(PoolState state, string number, EssentialityOpinion? opinion, bool requireHolderAgreement, DateOnly on, bool dryRun)
    {
        var canonical = ParseNumber(number);
        if (state.Patents.FirstOrDefault(p => p.Number == canonical && (p.WithdrawnOn is null || p.WithdrawnOn > on)) is { } pooled)
            throw DomainException.Conflict("patent_already_pooled", pooled.WithdrawnOn is { } until
                ? $"Patent {canonical} is in this pool until {until:yyyy-MM-dd}; admit it again after that."
                : $"Patent {canonical} is already in this pool.", "number");
        if (state.Charter!.EssentialityReviewRequired && opinion is not { Positive: true })
            throw DomainException.Unprocessable("essentiality_opinion_required",
                "This pool admits a patent only with a positive essentiality opinion.", "essentialityOpinion");
        if (opinion?.AppraiserId is { } appraiser) await RequirePartyExists(appraiser, "essentialityOpinion.appraiserId");

        var patent = GrainFactory.GetGrain<IPatentGrain>(canonical);
        var view = await patent.Get() ?? throw DomainException.NotFound("patent_not_found", $"Patent {canonical} is not registered.");
        var memberIds = state.Members.Select(m => m.PartyId).ToList();
        var owner = view.OwnerIds.FirstOrDefault(memberIds.Contains)
            ?? throw DomainException.Unprocessable("owner_not_member", $"No owner of {canonical} is a member of pool {this.GetPrimaryKeyString()}.", "number");
        if (requireHolderAgreement && !state.HolderAgreements.Any(a => a.Number == canonical && view.OwnerIds.Contains(a.HolderId)))
            throw DomainException.Unprocessable("holder_agreement_required",
                $"No holder of {canonical} has agreed to its admission (POST /api/v1/pools/{{id}}/patents/{{number}}/agreement with the holder's key).", "number");
        // The patent checks its own side (granted, in force, licences, pledge) and records the membership; idempotent on re-run.
        await patent.JoinPool(this.GetPrimaryKeyString(), memberIds, on, dryRun);

        var admitted = new PoolPatent(canonical, owner, on, null, opinion?.ReportRef);
        state.Patents.Add(admitted);
        return admitted;
    }

    public async Task<PoolPatent> WithdrawPatent(string number)
    {
        var state = RequireCreated();
        var canonical = ParseNumber(number);
        var index = state.Patents.FindIndex(p => p.Number == canonical && p.WithdrawnOn is null);
        if (index < 0)
            return state.Patents.LastOrDefault(p => p.Number == canonical && p.WithdrawnOn > Today) // already withdrawing
                ?? throw DomainException.NotFound("patent_not_in_pool", $"Patent {canonical} is not in pool {this.GetPrimaryKeyString()}.");

        var withdrawnOn = DistributionPeriods.NextStart(state.Charter!.DistributionPeriod, Today);
        await GrainFactory.GetGrain<IPatentGrain>(canonical).LeavePool(this.GetPrimaryKeyString(), withdrawnOn);
        state.Patents[index] = state.Patents[index] with { WithdrawnOn = withdrawnOn };
        await pool.WriteStateAsync();
        return state.Patents[index];
    }

    private static string ParseNumber(string number) =>
        PatentNumber.TryParse(number, out var canonical, out var error)
            ? canonical.Value
            : throw DomainException.Invalid("invalid_patent_number", "number", error);
}
