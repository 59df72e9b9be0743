using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>Bilateral licences: ownership, §4 conflicts and pledgee consent are checked patent by patent.</summary>
public sealed partial class LicenceGrain
{
    public const int MaxPatents = 100;

    public async Task<LicenceView> CreateBilateral(CreateBilateralLicence command)
    {
        RequireNew();
        var scope = LicenceScope.Require(command.Scope);
        var terms = LicenceTerms.RequireBilateral(command.Terms);
        if (command.Patents.Count is 0 or > MaxPatents)
            throw DomainException.Invalid("required", "patents", $"List 1 to {MaxPatents} patents.");
        for (var i = 0; i < command.Patents.Count; i++)
            if (command.Patents.Take(i).Contains(command.Patents[i]))
                throw DomainException.Invalid("duplicate_patent", $"patents[{i}]", $"Patent {command.Patents[i]} is listed twice.");
        if (command.LicenseeId == command.LicensorId)
            throw DomainException.Unprocessable("self_licence", "A party cannot license its own patents to itself.", "licenseeId");
        if (await GrainFactory.GetGrain<IPartyGrain>(command.LicenseeId).Get() is null)
            throw DomainException.Unprocessable("unknown_party", $"Party {command.LicenseeId} does not exist.", "licenseeId");

        var grant = new LicenceGrant(this.GetPrimaryKeyString(), command.Kind, command.LicenseeId, scope, command.LicensorId);
        // Check every patent before granting on any; a refusal that still comes (a consent used up
        // meanwhile) revokes the grants already made, so no patent keeps a licence that never came about.
        for (var i = 0; i < command.Patents.Count; i++)
            await PreCheck(command.Patents[i], command.LicensorId, grant, $"patents[{i}]");
        for (var i = 0; i < command.Patents.Count; i++)
        {
            try
            {
                // Idempotent by licence id, so a re-run after a version conflict records nothing twice.
                await GrainFactory.GetGrain<IPatentGrain>(command.Patents[i]).GrantLicence(grant);
            }
            catch (DomainException refused)
            {
                foreach (var granted in command.Patents.Take(i))
                    await GrainFactory.GetGrain<IPatentGrain>(granted).RevokeLicence(grant.LicenceId);
                throw new DomainException(refused.Kind, refused.Code, refused.Message, $"patents[{i}]");
            }
        }

        await GrainFactory.GetGrain<Indexes.IIndexGrain>(Indexes.IndexKeys.LicenseeLicences(command.LicenseeId)).Add(this.GetPrimaryKeyString());
        licence.State = new LicenceState
        {
            Type = LicenceType.Bilateral,
            Kind = command.Kind,
            LicensorIds = [command.LicensorId],
            LicenseeId = command.LicenseeId,
            Patents = [.. command.Patents],
            Scope = scope,
            Terms = terms,
            OpenLicence = command.OpenLicence,
            CnipaFiling = CnipaFiling.DueFor(scope.Start),
            CreatedAt = clock.GetUtcNow(),
        };
        await RemindCnipaDue();
        await licence.WriteStateAsync();
        MarketMetrics.LicenceIssued(LicenceType.Bilateral);
        return View();
    }

    private async Task PreCheck(string number, string licensorId, LicenceGrant grant, string field)
    {
        var patent = await GrainFactory.GetGrain<IPatentGrain>(number).Get()
            ?? throw DomainException.Unprocessable("unknown_patent", $"Patent {number} is not registered.", field);
        if (!patent.OwnerIds.Contains(licensorId))
            throw DomainException.Unprocessable("not_owner", $"Party {licensorId} does not own patent {number}.", field);
        if (!patent.Status.IsInForce())
            throw DomainException.Unprocessable("patent_not_in_force", $"Patent {number} is {patent.Status}.", field);
        // §3: every co-owner must consent to an exclusive licence, each with its own recorded consent.
        if (grant.Kind == LicenceKind.Exclusive && patent.OwnerIds.Count > 1
            && CoOwnerConsents.Missing(patent.OwnerIds, licensorId, patent.CoOwnerConsents ?? [], grant.LicenseeId, grant.LicenceId) is { Count: > 0 } missing)
            throw DomainException.Unprocessable("co_owner_consent_required",
                $"Patent {number} is co-owned; an exclusive licence to {grant.LicenseeId} needs the consent of {string.Join(", ", missing)}.", field);
        if (LicenceConflicts.Find(patent.Licences, patent.Pools, grant) is { } collision)
            throw DomainException.Conflict("licence_conflict", $"A {grant.Kind} licence collides with {collision} on patent {number}.", field);
    }
}
