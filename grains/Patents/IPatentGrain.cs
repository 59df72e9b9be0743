using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Patents;

/// <summary>A patent or application, keyed by its canonical number (<see cref="PatentNumber"/>).</summary>
public interface IPatentGrain : IGrainWithStringKey
{
    /// <summary>Lists the patent; 409 <c>patent_exists</c> if already registered, 422 if not in force.</summary>
    Task<PatentView> Register(RegisterPatent command);

    /// <summary>The patent, or null if it was never registered.</summary>
    Task<PatentView?> Get();

    /// <summary>Corrects bibliographic data, owners or legal status.</summary>
    Task<PatentView> Update(UpdatePatent command);

    /// <summary>
    /// Records that the patent lapsed or was invalidated on <paramref name="on"/> (<see cref="EndOfForce.Check"/>); it then
    /// counts in distributions on the days before that date. The same record again is a no-op.
    /// </summary>
    Task<PatentView> RecordEndOfForce(LegalStatus status, DateOnly on, string? reference);

    /// <summary>Adds a valuation to the history; earlier valuations stay.</summary>
    Task<Valuation> AddValuation(AddValuation command);

    /// <summary>Records a licence on the patent after the §4 conflict rules and, when pledged, the pledgee's consent.
    /// 409 <c>licence_conflict</c> names the colliding licence or pool. Recording the same licence again is a no-op.</summary>
    Task GrantLicence(LicenceGrant grant);

    /// <summary>Removes a licence recorded by <see cref="GrantLicence"/> (a licence that did not come about, or ended).</summary>
    Task RevokeLicence(string licenceId);

    /// <summary>A licence ended early: its recorded scope now ends on <paramref name="endedOn"/>, so it conflicts with nothing after. Idempotent.</summary>
    Task EndLicence(string licenceId, DateOnly endedOn);

    /// <summary>
    /// A co-owner (§3) consents to an exclusive licence of the patent to <paramref name="licenseeId"/>, dated today.
    /// 422 <c>not_co_owner</c> unless the party owns the patent with someone else; an unused consent to the same licensee is returned as is.
    /// </summary>
    Task<CoOwnerConsent> RecordCoOwnerConsent(string coOwnerId, string licenseeId);

    /// <summary>Admits the patent to a pool (§5): granted and in force, owned by a member, no conflicting
    /// exclusive or sole licence, pledgee consent if pledged, granted by <paramref name="admittedOn"/>. Admitting it again
    /// is a no-op. <paramref name="dryRun"/>: only the checks (an onboarding batch is checked whole before anything is written).</summary>
    Task JoinPool(string poolId, IReadOnlyList<string> memberIds, DateOnly admittedOn, bool dryRun = false);

    /// <summary>Marks the patent out of the pool from <paramref name="effectiveOn"/>.</summary>
    Task LeavePool(string poolId, DateOnly effectiveOn);

    /// <summary>Sets or clears the pledge (an operator's act until pledge deals exist).</summary>
    Task SetPledge(string? pledgeeId);

    /// <summary>The pledgee agrees to one licence to, or one pool admission by, <paramref name="counterpartyId"/>.</summary>
    Task<PledgeeConsent> RecordPledgeeConsent(string pledgeeId, ConsentPurpose purpose, string counterpartyId);
}
