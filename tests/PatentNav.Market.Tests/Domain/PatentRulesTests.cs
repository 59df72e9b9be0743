using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Tests.Domain;

public class PatentRulesTests
{
    private static readonly PatentNumber Invention = PatentNumber.Parse("201710601862.3");
    private static readonly PatentNumber Foreign = PatentNumber.Parse("US10123456B2");

    [Fact]
    public void Chinese_number_type_wins_when_nothing_is_declared()
    {
        Assert.Equal(PatentType.Invention, PatentRules.ResolveType(Invention, null));
        Assert.Equal(PatentType.Invention, PatentRules.ResolveType(Invention, PatentType.Invention));
    }

    [Fact]
    public void Declared_type_contradicting_the_number_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => PatentRules.ResolveType(Invention, PatentType.Design));

        Assert.Equal("type_mismatch", ex.Code);
        Assert.Equal("type", ex.Field);
        Assert.Equal(ErrorKind.Invalid, ex.Kind);
    }

    [Fact]
    public void Foreign_number_takes_the_declared_type_and_requires_one()
    {
        Assert.Equal(PatentType.UtilityModel, PatentRules.ResolveType(Foreign, PatentType.UtilityModel));

        var ex = Assert.Throws<DomainException>(() => PatentRules.ResolveType(Foreign, null));
        Assert.Equal("required", ex.Code);
        Assert.Equal("type", ex.Field);
    }

    [Fact]
    public void Ipc_list_is_normalized_and_deduplicated_in_order()
    {
        var result = PatentRules.RequireIpc(["h01m10/052", "G06F", "H01M 10/052"]);

        Assert.Equal(["H01M 10/052", "G06F"], result);
    }

    [Fact]
    public void Invalid_ipc_names_its_index()
    {
        var ex = Assert.Throws<DomainException>(() => PatentRules.RequireIpc(["H01M 10/052", "not-ipc"]));

        Assert.Equal("invalid_ipc", ex.Code);
        Assert.Equal("ipc[1]", ex.Field);
        Assert.Contains("not-ipc", ex.Message);
    }

    [Fact]
    public void Owners_are_required()
    {
        var ex = Assert.Throws<DomainException>(() => PatentRules.RequireOwners([]));
        Assert.Equal("required", ex.Code);
        Assert.Equal("ownerIds", ex.Field);
    }

    [Fact]
    public void Duplicate_owner_names_the_second_occurrence()
    {
        var ex = Assert.Throws<DomainException>(() => PatentRules.RequireOwners(["party-a", "party-a"]));
        Assert.Equal("duplicate_owner", ex.Code);
        Assert.Equal("ownerIds[1]", ex.Field);

        ex = Assert.Throws<DomainException>(() => PatentRules.RequireOwners(["party-a", "party-b", "party-c", "party-b"]));
        Assert.Equal("ownerIds[3]", ex.Field);
    }

    [Fact]
    public void Distinct_co_owners_are_accepted()
    {
        var ex = Record.Exception(() => PatentRules.RequireOwners(["party-a", "party-b"]));
        Assert.Null(ex);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(100, 100, 100)]
    [InlineData(55, 70, 81)]
    public void Scores_from_0_to_100_are_accepted(int legal, int technical, int economic)
    {
        var scores = new ValuationScores(legal, technical, economic);
        Assert.Same(scores, PatentRules.RequireScores(scores));
    }

    [Theory]
    [InlineData(-1, 50, 50, "scores.legal")]
    [InlineData(101, 50, 50, "scores.legal")]
    [InlineData(50, 101, 50, "scores.technical")]
    [InlineData(50, 50, -1, "scores.economic")]
    public void Score_outside_0_to_100_is_refused_naming_the_dimension(int legal, int technical, int economic, string field)
    {
        var ex = Assert.Throws<DomainException>(() => PatentRules.RequireScores(new ValuationScores(legal, technical, economic)));

        Assert.Equal("invalid_score", ex.Code);
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void No_scores_is_fine()
    {
        Assert.Null(PatentRules.RequireScores(null));
    }

    [Fact]
    public void Title_is_required_and_trimmed()
    {
        Assert.Equal("Battery", PatentRules.RequireTitle("  Battery "));
        Assert.Equal("title", Assert.Throws<DomainException>(() => PatentRules.RequireTitle("  ")).Field);
        Assert.Equal("too_long", Assert.Throws<DomainException>(() => PatentRules.RequireTitle(new string('x', 501))).Code);
    }

    [Fact]
    public void Grant_date_must_fall_between_filing_and_today()
    {
        var today = new DateOnly(2025, 6, 1);
        var filed = new DateOnly(2020, 1, 1);

        Assert.Equal("filingDate", Assert.Throws<DomainException>(() =>
            PatentRules.RequireDates(today.AddDays(1), null, LegalStatus.Pending, today)).Field);
        Assert.Equal("grantDate", Assert.Throws<DomainException>(() =>
            PatentRules.RequireDates(filed, filed.AddDays(-1), LegalStatus.Granted, today)).Field);
        Assert.Equal("grantDate", Assert.Throws<DomainException>(() =>
            PatentRules.RequireDates(filed, null, LegalStatus.Granted, today)).Field);
        Assert.Null(Record.Exception(() => PatentRules.RequireDates(filed, today, LegalStatus.Granted, today)));
    }
}
