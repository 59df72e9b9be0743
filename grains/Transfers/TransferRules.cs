using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>Pure checks and derivations of the transfer workflow; failures name the request field.</summary>
public static partial class TransferRules
{
    public const int MaxPatents = 100;
    public const int MaxExpiryDays = 3650;

    /// <summary>Canonical, distinct patent numbers (400 <c>invalid_patent_number</c> / <c>duplicate_patent</c> on <c>patents[i]</c>).</summary>
    public static List<string> RequirePatents(IReadOnlyList<string> numbers)
    {
        if (numbers.Count is 0 or > MaxPatents)
            throw DomainException.Invalid("required", "patents", $"List 1 to {MaxPatents} patents.");
        var canonical = new List<string>();
        for (var i = 0; i < numbers.Count; i++)
        {
            if (!PatentNumber.TryParse(numbers[i], out var number, out var error))
                throw DomainException.Invalid("invalid_patent_number", $"patents[{i}]", error);
            if (canonical.Contains(number.Value))
                throw DomainException.Invalid("duplicate_patent", $"patents[{i}]", $"Patent {number} is listed twice.");
            canonical.Add(number.Value);
        }
        return canonical;
    }

    /// <summary>
    /// Whose consent the transfer needs (§3, §8): every owner of a patent other than the seller, and the
    /// pledgee of every pledged patent; one entry per party, in the order of the patents.
    /// </summary>
    public static List<TransferConsent> ConsentsFor(IEnumerable<PatentTransferFacts> patents, string sellerId)
    {
        var consents = new List<TransferConsent>();
        foreach (var patent in patents)
        {
            foreach (var owner in patent.OwnerIds.Where(o => o != sellerId))
                Add(consents, owner, ConsentRole.CoOwner, patent.Number);
            if (patent.PledgeeId is { } pledgee && pledgee != sellerId)
                Add(consents, pledgee, ConsentRole.Pledgee, patent.Number);
        }
        return consents;
    }

    /// <summary>Pool memberships a transfer must settle: the patent is in the pool and no withdrawal is under way.</summary>
    public static IEnumerable<PoolMembership> UnsettledPools(PatentTransferFacts patent) => patent.Pools.Where(p => p.WithdrawnOn is null);

    /// <summary>Memberships the patent still has on <paramref name="day"/> (withdrawals take effect at a period's end).</summary>
    public static IEnumerable<PoolMembership> PoolsOn(PatentTransferFacts patent, DateOnly day) =>
        patent.Pools.Where(p => p.WithdrawnOn is null || p.WithdrawnOn > day);

    /// <summary>The CNIPA change notice: a number of 6–40 letters, digits or hyphens; a date not in the future and not before the transfer.</summary>
    public static string RequireNotice(Recordation recordation, DateOnly createdOn, DateOnly today)
    {
        var number = recordation.NoticeNumber?.Trim() ?? "";
        if (!NoticeNumber().IsMatch(number))
            throw DomainException.Invalid("invalid_notice_number", "noticeNumber", "Use the CNIPA notice number: 6 to 40 letters, digits or hyphens.");
        if (recordation.Date > today)
            throw DomainException.Invalid("date_in_future", "date", "A change notice cannot be dated in the future.");
        if (recordation.Date < createdOn)
            throw DomainException.Unprocessable("notice_before_transfer", $"The notice cannot predate the transfer ({createdOn:yyyy-MM-dd}).", "date");
        return number;
    }

    /// <summary>The same refusal, naming the field of the request it concerns.</summary>
    public static DomainException At(this DomainException refusal, string field) => new(refusal.Kind, refusal.Code, refusal.Message, field);

    private static void Add(List<TransferConsent> consents, string partyId, ConsentRole role, string number)
    {
        var index = consents.FindIndex(c => c.PartyId == partyId);
        if (index < 0)
        {
            consents.Add(new TransferConsent(partyId, [role], [number], ConsentDecision.Pending, null, null));
            return;
        }
        var c = consents[index];
        consents[index] = c with
        {
            Roles = c.Roles.Contains(role) ? c.Roles : [.. c.Roles, role],
            Patents = c.Patents.Contains(number) ? c.Patents : [.. c.Patents, number],
        };
    }

    [GeneratedRegex("^[A-Za-z0-9-]{6,40}$")]
    private static partial Regex NoticeNumber();
}
