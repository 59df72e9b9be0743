using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pledges;

namespace PatentNav.Market.Tests.Pledges;

/// <summary>Who files a pledge registration for the parties, and which day it may carry (<see cref="PledgeRegistration"/>).</summary>
public sealed class PledgeRegistrationTests
{
    private static readonly DateOnly Today = new(2030, 1, 15), Approved = new(2030, 1, 10);

    [Fact]
    public void Without_a_day_the_registration_is_dated_today()
    {
        Assert.Equal(Today, PledgeRegistration.RequireDate(null, Today, Approved));
        Assert.Equal(Approved, PledgeRegistration.RequireDate(Approved, Today, Approved)); // the approval's day itself is allowed
        Assert.Equal(new DateOnly(2029, 1, 1), PledgeRegistration.RequireDate(new DateOnly(2029, 1, 1), Today, null)); // no approval recorded
    }

    [Fact]
    public void A_day_after_today_is_400_date_in_future_and_one_before_the_approval_422_on_registeredOn()
    {
        var future = Assert.Throws<DomainException>(() => PledgeRegistration.RequireDate(Today.AddDays(1), Today, Approved));
        Assert.Equal(("date_in_future", ErrorKind.Invalid, "registeredOn"), (future.Code, future.Kind, future.Field));
        var early = Assert.Throws<DomainException>(() => PledgeRegistration.RequireDate(Approved.AddDays(-1), Today, Approved));
        Assert.Equal(("registered_before_approval", ErrorKind.Unprocessable, "registeredOn"), (early.Code, early.Kind, early.Field));
    }

    [Theory]
    [InlineData(PartyKind.Company)] [InlineData(PartyKind.Bank)] [InlineData(PartyKind.University)] [InlineData(PartyKind.Appraiser)]
    public void Only_an_operating_center_files_for_the_parties(PartyKind kind)
    {
        var center = new PartyView("pty_c", "中心", PartyKind.OperatingCenter, "CN", null, [], DateTimeOffset.UnixEpoch);
        Assert.Same(center, PledgeRegistration.RequireCenter(center));
        var refused = Assert.Throws<DomainException>(() => PledgeRegistration.RequireCenter(center with { Kind = kind }));
        Assert.Equal(("not_operating_center", "centerId"), (refused.Code, refused.Field));
    }
}
