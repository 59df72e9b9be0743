namespace PatentNav.Market.Grains.Alliances;

/// <summary>
/// An industry IP alliance (产业知识产权联盟, §11), keyed <c>all_…</c> (derived from the caller and its Idempotency-Key):
/// its charter, its members' periods, its filing (备案). Run by one operating center. Rules in <see cref="AllianceRules"/>.
/// </summary>
public interface IAllianceGrain : IGrainWithStringKey
{
    /// <summary>Creates the alliance (every founder must be a registered party: 422 <c>unknown_party</c>); again: unchanged.</summary>
    Task<AllianceView> Create(CreateAlliance alliance);

    /// <summary>The alliance, or null.</summary>
    Task<AllianceView?> Get();

    /// <summary>A party joins (422 <c>unknown_party</c>); the same joining again answers the alliance unchanged.</summary>
    Task<AllianceView> Join(NewAllianceMember member);

    /// <summary>A member leaves on a day; the same leaving again answers the alliance unchanged.</summary>
    Task<AllianceView> Leave(string partyId, DateOnly? leftOn);

    /// <summary>
    /// Records the filing (备案): a number of 1–100 characters (400 <c>invalid_filing_number</c>), a date not in the future
    /// (400 <c>date_in_future</c>); the same filing again answers unchanged, another is 409 <c>alliance_already_filed</c>.
    /// </summary>
    Task<AllianceView> File(string filingNumber, DateOnly filedOn);
}
