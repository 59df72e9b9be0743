using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Patents;
using static PatentNav.Market.Tests.Distributions.DistributionFixtures;

namespace PatentNav.Market.Tests.Domain;

/// <summary>Lapse and invalidation dates (<see cref="EndOfForce"/>): which are accepted, and the days a patent counts up to them.</summary>
public class EndOfForceTests
{
    private static readonly DateOnly Granted = new(2024, 3, 1), Expires = new(2040, 1, 1), Today = new(2030, 7, 10);
    private static readonly EndOfForce LapsedInMay = new(LegalStatus.Lapsed, new DateOnly(2030, 5, 1), null, DateTimeOffset.UnixEpoch, "admin");

    private static bool Check(LegalStatus status, DateOnly on, EndOfForce? recorded = null, LegalStatus recordedStatus = LegalStatus.Granted,
        DateOnly? grantDate = null, string? reference = null) =>
        EndOfForce.Check(recorded, recordedStatus, grantDate ?? Granted, Expires, status, on, reference, Today);

    [Fact]
    public void A_lapse_or_invalidation_between_grant_and_today_is_recorded_and_repeating_it_is_a_no_op()
    {
        Assert.True(Check(LegalStatus.Lapsed, new DateOnly(2030, 5, 1)));
        Assert.True(Check(LegalStatus.Invalidated, Today));
        Assert.True(Check(LegalStatus.Lapsed, Granted));
        // A status set without a date (PATCH) may be given its date.
        Assert.True(Check(LegalStatus.Lapsed, new DateOnly(2030, 5, 1), recordedStatus: LegalStatus.Lapsed));
        Assert.False(Check(LegalStatus.Lapsed, new DateOnly(2030, 5, 1), LapsedInMay, LegalStatus.Lapsed));
    }

    [Theory]
    [InlineData("granted", "2030-05-01", "invalid_status", "status")]
    [InlineData("expired", "2030-05-01", "invalid_status", "status")]
    [InlineData("lapsed", "2030-07-11", "date_in_future", "date")]
    [InlineData("lapsed", "2024-02-29", "date_before_grant", "date")]
    public void Refusals_name_the_field(string status, string on, string code, string field)
    {
        var refused = Assert.Throws<DomainException>(() => Check(Enum.Parse<LegalStatus>(status, ignoreCase: true), DateOnly.Parse(on)));
        Assert.Equal((code, field), (refused.Code, refused.Field));
    }

    [Fact]
    public void Another_end_than_the_recorded_one_an_application_or_a_date_after_the_term_are_refused()
    {
        Assert.Equal("end_of_force_recorded", Assert.Throws<DomainException>(() => Check(LegalStatus.Lapsed, new DateOnly(2030, 6, 1), LapsedInMay, LegalStatus.Lapsed)).Code);
        Assert.Equal("end_of_force_recorded", Assert.Throws<DomainException>(() => Check(LegalStatus.Invalidated, new DateOnly(2030, 5, 1), LapsedInMay, LegalStatus.Lapsed)).Code);
        Assert.Equal("patent_not_granted", Assert.Throws<DomainException>(() => Check(LegalStatus.Lapsed, Today, recordedStatus: LegalStatus.Pending)).Code);
        Assert.Equal("date_after_expiry", Assert.Throws<DomainException>(() =>
            EndOfForce.Check(null, LegalStatus.Granted, Granted, new DateOnly(2030, 1, 1), LegalStatus.Lapsed, new DateOnly(2030, 2, 1), null, Today)).Code);
        Assert.Equal("too_long", Assert.Throws<DomainException>(() => Check(LegalStatus.Lapsed, Today, reference: new string('x', 101))).Code);
    }

    [Fact]
    public void Days_in_force_run_to_the_end_of_force_the_term_or_nothing_when_the_date_is_unknown()
    {
        Assert.Equal(new DateOnly(2030, 5, 1), EndOfForce.InForceUntil(LegalStatus.Lapsed, LapsedInMay, Expires));
        Assert.Equal(Expires, EndOfForce.InForceUntil(LegalStatus.Granted, null, Expires));
        Assert.Equal(Expires, EndOfForce.InForceUntil(LegalStatus.Expired, null, Expires));
        Assert.Null(EndOfForce.InForceUntil(LegalStatus.Lapsed, null, Expires));
        Assert.Null(EndOfForce.InForceUntil(LegalStatus.Invalidated, null, Expires));
    }

    [Fact]
    public void A_patent_that_lapsed_on_1_February_counts_the_31_days_of_January()
    {
        var until = EndOfForce.InForceUntil(LegalStatus.Lapsed, LapsedInMay with { On = new DateOnly(2030, 2, 1) }, Expires);
        var facts = new PatentFacts("P1", [new PoolStay(new DateOnly(2029, 1, 1), null)], until, [Value(10, new DateOnly(2029, 1, 1))],
            [Owned(new DateOnly(2029, 1, 1), "o")], ["o"]);

        var holding = Assert.Single(HoldingWeights.For([facts], Q1Start, Q1End, out _));

        Assert.Equal((31, "310"), (holding.Days, holding.Weight.ToString()));
    }
}
