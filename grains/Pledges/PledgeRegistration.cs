using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// The CNIPA pledge registration (质押登记, Civil Code art. 444: the pledge exists from it) and who files it. Registration
/// is filed by the pledgee, or by an agent on the parties' behalf: an operating center offers that service, so a deal
/// may name one (<c>centerId</c>), whose operators then read the deal and record its registration as the financier can.
/// </summary>
public static class PledgeRegistration
{
    /// <summary>Only an operating center files on the parties' behalf: 422 <c>not_operating_center</c> on <c>centerId</c> otherwise.</summary>
    public static PartyView RequireCenter(PartyView party) => party.Kind == PartyKind.OperatingCenter
        ? party
        : throw DomainException.Unprocessable("not_operating_center",
            $"Party {party.Id} is a {System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(party.Kind.ToString())}; only an operating center files a pledge registration for the parties.", "centerId");

    /// <summary>
    /// The day CNIPA registered the pledge (default today): not after today (400 <c>date_in_future</c>), and not before the
    /// day the deal was approved (422 <c>registered_before_approval</c>), since the registration files the approved loan.
    /// <paramref name="approvedOn"/> null (no approval recorded) checks only the future.
    /// </summary>
    public static DateOnly RequireDate(DateOnly? registeredOn, DateOnly today, DateOnly? approvedOn)
    {
        var day = registeredOn ?? today;
        if (day > today) throw DomainException.Invalid("date_in_future", "registeredOn", "A registration cannot be dated in the future.");
        if (approvedOn is { } approved && day < approved)
            throw DomainException.Unprocessable("registered_before_approval", $"The deal was approved on {approved:yyyy-MM-dd}; its registration cannot be earlier.", "registeredOn");
        return day;
    }
}
