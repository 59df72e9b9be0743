using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

public class FinancierProductRulesTests
{
    [Fact]
    public void Default_caps_are_the_section_8_ones_and_a_sound_product_validates_trimmed()
    {
        Assert.Equal([5_000, 3_000, 2_000], new[] { PatentType.Invention, PatentType.UtilityModel, PatentType.Design }.Select(LtvCaps.Default.For));
        var product = FinancierProductRules.Validate(Product() with { Name = "  IP loan " });
        Assert.Equal("IP loan", product.Name);
    }

    public static TheoryData<Func<FinancierProduct, FinancierProduct>, string, string> Broken => new()
    {
        { p => p with { FinancierId = " " }, "required", "financierId" },
        { p => p with { Name = "" }, "required", "name" },
        { p => p with { Currency = "XXX" }, "unknown_currency", "currency" },
        { p => p with { LtvCaps = null! }, "required", "ltvCaps" },
        { p => p with { LtvCaps = new LtvCaps(InventionBps: 10_001) }, "invalid_bps", "ltvCaps.inventionBps" },
        { p => p with { LtvCaps = new LtvCaps(UtilityModelBps: -1) }, "invalid_bps", "ltvCaps.utilityModelBps" },
        { p => p with { LtvCaps = new LtvCaps(DesignBps: -5) }, "invalid_bps", "ltvCaps.designBps" },
        { p => p with { AnnualRateBps = -1 }, "invalid_bps", "annualRateBps" },
        { p => p with { TermMonths = 0 }, "invalid_term", "termMonths" },
        { p => p with { TermMonths = 361 }, "invalid_term", "termMonths" },
        { p => p with { Schedule = (RepaymentKind)7 }, "invalid_enum", "schedule" },
        { p => p with { GraceDays = -1 }, "invalid_days", "graceDays" },
        { p => p with { MarginBufferBps = 10_001 }, "invalid_bps", "marginBufferBps" },
        { p => p with { CurePeriodDays = 0 }, "invalid_days", "curePeriodDays" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_field_is_a_400_naming_it(Func<FinancierProduct, FinancierProduct> breakIt, string code, string field)
    {
        var error = Refusal(() => FinancierProductRules.Validate(breakIt(Product())));
        Assert.Equal((ErrorKind.Invalid, code, field), (error.Kind, error.Code, error.Field));
    }
}
