
namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// A patent-pledge loan (专利权质押融资, §8), keyed by its id (<c>plg_…</c>): a saga from application to release,
/// or to default and settlement. Every step checks the lifecycle (409 <c>invalid_pledge_state</c>), catches
/// interest up to today, and writes once; money moves only through ledger postings with ids derived from the deal.
/// </summary>
public interface IPledgeDealGrain : IGrainWithStringKey
{
    Task<PledgeDealView> Apply(ApplyForPledge command);
    Task<PledgeDealView?> Get();
    /// <summary>The pledgor accepts the financier's application, which cannot be appraised before (409 <c>pledgor_acceptance_required</c>).</summary>
    Task<PledgeDealView> AcceptApplication();
    /// <summary>Reads the patents' current valuations (≤ 12 months old) and records them as the collateral.</summary>
    Task<PledgeDealView> Appraise();
    /// <summary>Approves if principal ≤ LTV cap × collateral value on fresh valuations; 422 <c>ltv_exceeded</c> otherwise.</summary>
    Task<PledgeDealView> Approve();
    /// <summary>
    /// Records the CNIPA pledge registration (number, and the day, default today: <see cref="PledgeRegistration.RequireDate"/>)
    /// and encumbers every patent (pledgee = the financier), whoever filed it: the financier or the deal's center.
    /// </summary>
    Task<PledgeDealView> Register(string registrationNumber, DateOnly? registeredOn = null);
    Task<PledgeDealView> Disburse();
    /// <summary>
    /// Interest first, then principal; the same <paramref name="repaymentId"/> again is a no-op. Only the loan's own
    /// currency, exactly (400 <c>unknown_currency</c> for a code the market does not know, 422 <c>currency_mismatch</c> for another one).
    /// </summary>
    Task<PledgeDealView> Repay(string repaymentId, Money amount);
    /// <summary>
    /// Applies pool revenue deposited in the patents' pledge escrow (art. 444) to the loan. The grain reads the
    /// escrow itself, so concurrent applications are serialized and cannot overdraw it; the same id again is a no-op.
    /// </summary>
    Task<PledgeDealView> ApplyEscrow(string applicationId);
    /// <summary>
    /// Pledges one more patent of the pledgor (a margin call's cure, §8): owned by the pledgor, in force, with a current
    /// valuation (≤ 12 months, in the loan's currency) and pledged to no one else; encumbered with its own CNIPA
    /// <paramref name="registrationNumber"/>, then coverage is re-checked on fresh valuations. The same patent again is a no-op.
    /// </summary>
    Task<PledgeDealView> AddCollateral(string number, string registrationNumber);
    /// <summary>Re-reads valuations and checks coverage; raises or cures a margin call.</summary>
    Task<PledgeDealView> Revalue();
    Task<PledgeDealView> Renew(DateOnly newMaturity);
    Task<PledgeDealView> DeclareDefault();
    Task<PledgeDealView> Dispose(DisposeCollateral command);
    /// <summary>Clears the pledge on the patents and returns what is left in their pledge escrows to the pledgor (posted once per patent and currency).</summary>
    Task<PledgeDealView> Release();
}
