using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Tests.Domain;

public class PatentTermTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    [Theory]
    [InlineData(PatentType.Invention, "2010-03-15", 20, "2030-03-15")]
    [InlineData(PatentType.UtilityModel, "2010-03-15", 10, "2020-03-15")]
    [InlineData(PatentType.Design, "2010-03-15", 10, "2020-03-15")]
    [InlineData(PatentType.Design, "2022-07-01", 15, "2037-07-01")]
    [InlineData(PatentType.Invention, "2022-07-01", 20, "2042-07-01")]
    [InlineData(PatentType.UtilityModel, "2022-07-01", 10, "2032-07-01")]
    public void Term_by_type(PatentType type, string filed, int years, string expires)
    {
        Assert.Equal(years, PatentTerm.Years(type, D(filed)));
        Assert.Equal(D(expires), PatentTerm.ExpiresOn(type, D(filed)));
    }

    [Fact]
    public void Design_filed_the_day_before_the_fourth_amendment_gets_10_years()
    {
        Assert.Equal(10, PatentTerm.Years(PatentType.Design, D("2021-05-31")));
        Assert.Equal(D("2031-05-31"), PatentTerm.ExpiresOn(PatentType.Design, D("2021-05-31")));
    }

    [Fact]
    public void Design_filed_on_2021_06_01_gets_15_years()
    {
        Assert.Equal(15, PatentTerm.Years(PatentType.Design, D("2021-06-01")));
        Assert.Equal(D("2036-06-01"), PatentTerm.ExpiresOn(PatentType.Design, D("2021-06-01")));
    }

    [Fact]
    public void Feb_29_filing_expires_on_Feb_29_when_the_end_year_is_a_leap_year()
    {
        Assert.Equal(D("2040-02-29"), PatentTerm.ExpiresOn(PatentType.Invention, D("2020-02-29")));
    }

    [Fact]
    public void Feb_29_filing_expires_at_the_end_of_February_when_the_end_year_is_not_a_leap_year()
    {
        var filed = D("2020-02-29");
        var expires = PatentTerm.ExpiresOn(PatentType.UtilityModel, filed);

        Assert.InRange(expires, D("2030-02-28"), D("2030-03-01"));
        Assert.Equal(LegalStatus.Granted, PatentTerm.EffectiveStatus(LegalStatus.Granted, PatentType.UtilityModel, filed, D("2030-02-27")));
        Assert.Equal(LegalStatus.Expired, PatentTerm.EffectiveStatus(LegalStatus.Granted, PatentType.UtilityModel, filed, D("2030-03-01")));
    }

    [Fact]
    public void Granted_patent_is_in_force_the_day_before_expiry_and_expired_on_it()
    {
        var filed = D("2005-04-10"); // expires 2025-04-10
        Assert.Equal(LegalStatus.Granted, PatentTerm.EffectiveStatus(LegalStatus.Granted, PatentType.Invention, filed, D("2025-04-09")));
        Assert.Equal(LegalStatus.Expired, PatentTerm.EffectiveStatus(LegalStatus.Granted, PatentType.Invention, filed, D("2025-04-10")));
        Assert.Equal(LegalStatus.Expired, PatentTerm.EffectiveStatus(LegalStatus.Granted, PatentType.Invention, filed, D("2030-01-01")));
    }

    [Fact]
    public void Pending_application_past_the_term_is_expired()
    {
        Assert.Equal(LegalStatus.Expired,
            PatentTerm.EffectiveStatus(LegalStatus.Pending, PatentType.UtilityModel, D("2010-01-01"), D("2020-01-01")));
    }

    [Theory]
    [InlineData(LegalStatus.Lapsed)]
    [InlineData(LegalStatus.Invalidated)]
    public void Lapsed_or_invalidated_patent_keeps_its_status_after_the_term(LegalStatus recorded)
    {
        Assert.Equal(recorded, PatentTerm.EffectiveStatus(recorded, PatentType.Invention, D("2000-01-01"), D("2025-01-01")));
        Assert.Equal(recorded, PatentTerm.EffectiveStatus(recorded, PatentType.Invention, D("2000-01-01"), D("2010-01-01")));
    }

    [Theory]
    [InlineData(LegalStatus.Pending, true)]
    [InlineData(LegalStatus.Granted, true)]
    [InlineData(LegalStatus.Lapsed, false)]
    [InlineData(LegalStatus.Invalidated, false)]
    [InlineData(LegalStatus.Expired, false)]
    public void Only_pending_and_granted_are_in_force(LegalStatus status, bool inForce)
    {
        Assert.Equal(inForce, status.IsInForce());
    }
}
