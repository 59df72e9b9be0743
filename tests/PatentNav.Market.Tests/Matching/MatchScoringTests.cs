using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Tests.Matching;

/// <summary>The score of docs/MATCHING.md, the segmentation it relies on, and the lifecycle, as pure functions.</summary>
public sealed class MatchScoringTests
{
    private static readonly DateOnly Today = new(2030, 1, 2);

    private static ListingProfile Listing(DealType deal = DealType.Sale, MoneyRange? price = null, string? region = null, string title = "一种锂离子电池正极材料及其制备方法") =>
        ListingProfile.Of("lst_1", new CreateListing("holder", null, ["P1"], deal, price, null, ["CN"], [], Today.AddYears(1), null, null,
            region is null ? null : RegionCode.Parse(region, "region"), true), [new ListedPatent("P1", title, "本发明公开了一种高镍正极材料。", ["H01M 4/525"])]);

    private static DemandProfile Demand(string[]? prefixes = null, string[]? keywords = null, MoneyRange? budget = null, string? region = null, DealType[]? deals = null) =>
        DemandProfile.Of("dmd_1", new CreateDemand("buyer", null, prefixes ?? ["H01M4", "H01M10"], keywords ?? ["正极材料", "固态电池"], budget,
            region is null ? null : RegionCode.Parse(region, "region"), deals ?? [], Today.AddYears(1), true));

    private static PatentFacts Facts(LegalStatus status = LegalStatus.Granted, string expires = "2042-03-02", string? pledgee = null, params FactLicence[] licences) =>
        new("P1", status, DateOnly.Parse(expires), new Money(1_000, "CNY"), pledgee, licences);

    [Fact]
    public void Jieba_cuts_chinese_into_dictionary_words_and_english_into_lower_case_words()
    {
        Assert.Equal(["正极", "材料"], TextTokens.Keyword("正极材料"));
        var indexed = TextTokens.Index("一种锂离子电池正极材料 Li-ion Battery");
        Assert.Contains("锂离子", indexed);
        Assert.Contains("电池", indexed);
        Assert.Contains("li", indexed);
        Assert.Contains("battery", indexed);
        Assert.DoesNotContain("一种", indexed);
        Assert.Empty(TextTokens.Keyword("的，"));
    }

    [Fact]
    public void The_parts_add_up_as_the_formula_says()
    {
        var score = MatchScoring.Score(Demand(budget: new MoneyRange(0, 2_000, "CNY"), region: "330000"), Listing(price: new MoneyRange(1_500, 2_500, "CNY"), region: "330106"), [Facts()], Today)!;
        Assert.Equal(new MatchScore(67.5m, 17.5m, 15m, 15m, 10m, 10m, 0m), score.Score);
        Assert.Equal(["固态电池"], score.Reasons.KeywordsMissed);
    }

    [Fact]
    public void A_pending_patent_with_five_years_left_earns_a_quarter_and_a_pledge_costs_ten()
    {
        // 2030-01-02 → 2035-01-02 is 1826 days: 5.00 years; pending halves: 10 × 0.5 × 0.5 = 2.5.
        var score = MatchScoring.Score(Demand(keywords: []), Listing(), [Facts(LegalStatus.Pending, "2035-01-02", pledgee: "bank")], Today)!;
        Assert.Equal(2.5m, score.Score.LegalStatus);
        Assert.Equal(-10m, score.Score.Encumbrances);
        Assert.Equal(17.5m + 2.5m - 10m, score.Score.Total); // IPC: H01M4 of H01M4 and H01M10
        Assert.Equal("pledge", Assert.Single(score.Reasons.Encumbrances).Kind);
    }

    [Fact]
    public void No_match_without_relevance_the_wanted_deal_force_or_a_free_licence()
    {
        Assert.Null(MatchScoring.Score(Demand(["F03D"], ["风力"]), Listing(), [Facts()], Today));
        Assert.Null(MatchScoring.Score(Demand(deals: [DealType.OpenLicence]), Listing(), [Facts()], Today));
        Assert.Null(MatchScoring.Score(Demand(), Listing(), [Facts(LegalStatus.Granted, "2030-01-02")], Today)); // expired today
        var exclusive = new FactLicence("lic_1", LicenceKind.Exclusive, "x", null);
        Assert.Null(MatchScoring.Score(Demand(), Listing(DealType.NonExclusiveLicence), [Facts(licences: exclusive)], Today));
        Assert.NotNull(MatchScoring.Score(Demand(), Listing(DealType.Sale), [Facts(licences: exclusive)], Today)); // survives a sale: flagged
    }

    [Fact]
    public void The_lifecycle_allows_only_its_moves_and_expires_by_the_clock()
    {
        Assert.True(OfferLifecycle.CanMove(OfferStatus.Draft, OfferStatus.Open));
        Assert.True(OfferLifecycle.CanMove(OfferStatus.Open, OfferStatus.Matched));
        Assert.False(OfferLifecycle.CanMove(OfferStatus.Draft, OfferStatus.Matched));
        Assert.False(OfferLifecycle.CanMove(OfferStatus.Withdrawn, OfferStatus.Open));
        Assert.False(OfferLifecycle.CanMove(OfferStatus.Matched, OfferStatus.Withdrawn));
        Assert.Equal(OfferStatus.Expired, OfferLifecycle.StatusOn(OfferStatus.Open, Today, Today.AddDays(1)));
        Assert.Equal(OfferStatus.Open, OfferLifecycle.StatusOn(OfferStatus.Open, Today, Today));
        Assert.Equal(OfferStatus.Withdrawn, OfferLifecycle.StatusOn(OfferStatus.Withdrawn, Today, Today.AddDays(1)));
        var refused = Assert.Throws<DomainException>(() => OfferLifecycle.Move("listing", "lst_1", OfferStatus.Expired, OfferStatus.Open));
        Assert.Equal("listing_expired", refused.Code);
    }
}
