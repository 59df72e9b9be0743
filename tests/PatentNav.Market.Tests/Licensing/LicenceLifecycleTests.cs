using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Tests.Licensing;

public class LicenceLifecycleTests
{
    private static readonly DateOnly Given = new(2030, 1, 15);

    private static BreachNotice Notice(DateOnly? curedOn = null) =>
        new("bn_1", "royalties unpaid", Given, LicenceLifecycle.CureBy(Given, 30), "admin", DateTimeOffset.UnixEpoch, curedOn);

    [Fact]
    public void Suspension_and_termination_wait_for_the_day_after_the_cure_date_of_an_uncured_notice()
    {
        Assert.Equal(new DateOnly(2030, 2, 14), Notice().CureBy);
        Assert.Equal("no_breach_notice", Assert.Throws<DomainException>(() => LicenceLifecycle.UncuredAfterCurePeriod([], Given)).Code);
        Assert.Equal("cure_period_running", Assert.Throws<DomainException>(() => LicenceLifecycle.UncuredAfterCurePeriod([Notice()], new DateOnly(2030, 2, 14))).Code);
        Assert.Equal("bn_1", LicenceLifecycle.UncuredAfterCurePeriod([Notice()], new DateOnly(2030, 2, 15)).Id);
        Assert.Equal("no_breach_notice", Assert.Throws<DomainException>(() => LicenceLifecycle.UncuredAfterCurePeriod([Notice(curedOn: Given)], new DateOnly(2031, 1, 1))).Code);
    }

    [Theory]
    [InlineData(29)]
    [InlineData(181)]
    public void A_cure_period_is_30_to_180_days(int days)
    {
        var refused = Assert.Throws<DomainException>(() => LicenceLifecycle.CureBy(Given, days));
        Assert.Equal(("invalid_cure_period", "curePeriodDays"), (refused.Code, refused.Field));
    }

    [Fact]
    public void Status_is_terminated_over_suspended_over_expired_over_active()
    {
        var ending = new LicenceEnding(EndingReason.Surrender, Given, null, DateTimeOffset.UnixEpoch, null);
        var suspension = new LicenceSuspension("bn_1", Given, null, DateTimeOffset.UnixEpoch);
        var today = new DateOnly(2030, 6, 1);
        Assert.Equal(LicenceStatus.Terminated, LicenceLifecycle.StatusOn(ending, suspension, Given, today));
        Assert.Equal(LicenceStatus.Suspended, LicenceLifecycle.StatusOn(null, suspension, Given, today));
        Assert.Equal(LicenceStatus.Expired, LicenceLifecycle.StatusOn(null, null, Given, today));
        Assert.Equal(LicenceStatus.Active, LicenceLifecycle.StatusOn(null, null, today, today));
        Assert.Equal(LicenceStatus.Active, LicenceLifecycle.StatusOn(null, null, null, today));
    }

    [Fact]
    public void An_ended_licence_takes_reports_for_periods_that_began_by_its_last_day_only()
    {
        var ending = new LicenceEnding(EndingReason.UncuredBreach, new DateOnly(2030, 4, 1), null, DateTimeOffset.UnixEpoch, "bn_1");
        LicenceLifecycle.RequireReportable(ending, ReportingPeriod.Parse("2030-Q1"));
        LicenceLifecycle.RequireReportable(ending, ReportingPeriod.Parse("2030-Q2")); // began on the last day
        var refused = Assert.Throws<DomainException>(() => LicenceLifecycle.RequireReportable(ending, ReportingPeriod.Parse("2030-Q3")));
        Assert.Equal(("licence_terminated", "period", ErrorKind.Unprocessable), (refused.Code, refused.Field, refused.Kind));
        LicenceLifecycle.RequireReportable(null, ReportingPeriod.Parse("2099-Q4"));
    }
}
