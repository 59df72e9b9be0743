using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

public class PoolCharterRulesTests
{
    private static readonly PoolCharter Valid = new(" AVC 池 ", "pty_0000000000000001", "USD", ["decoder", "encoder"], 1_500);

    private static DomainException Refused(PoolCharter charter) => Assert.Throws<DomainException>(() => PoolCharterRules.Validate(charter));

    [Fact]
    public void A_valid_charter_is_kept_with_its_name_trimmed_and_defaults()
    {
        var charter = PoolCharterRules.Validate(Valid);
        Assert.Equal("AVC 池", charter.Name);
        Assert.Equal(["decoder", "encoder"], charter.ProductCategories);
        Assert.Equal((MemberTerms.RoyaltyFree, false, DistributionPeriod.Quarterly, 2_000),
            (charter.MemberTerms, charter.EssentialityReviewRequired, charter.DistributionPeriod, charter.MaxIncreaseBps));
        PoolCharterRules.Validate(Valid with { AdminFeeBps = 0, MaxIncreaseBps = 0 });
        PoolCharterRules.Validate(Valid with { AdminFeeBps = 10_000 });
    }

    public static TheoryData<PoolCharter, string, string> Invalid => new()
    {
        { Valid with { Name = " " }, "required", "name" },
        { Valid with { Name = new string('x', 301) }, "too_long", "name" },
        { Valid with { AdministratorId = "" }, "required", "administratorId" },
        { Valid with { Currency = "RMB" }, "unknown_currency", "currency" },
        { Valid with { Currency = "usd" }, "unknown_currency", "currency" },
        { Valid with { ProductCategories = [] }, "required", "productCategories" },
        { Valid with { ProductCategories = ["decoder", " "] }, "required", "productCategories[1]" },
        { Valid with { ProductCategories = ["decoder", "encoder", "decoder"] }, "duplicate_category", "productCategories[2]" },
        { Valid with { AdminFeeBps = -1 }, "invalid_bps", "adminFeeBps" },
        { Valid with { AdminFeeBps = 10_001 }, "invalid_bps", "adminFeeBps" },
        { Valid with { MaxIncreaseBps = -1 }, "invalid_bps", "maxIncreaseBps" },
        { Valid with { DistributionPeriod = (DistributionPeriod)7 }, "invalid_enum", "distributionPeriod" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_charters_are_400_naming_the_field(PoolCharter charter, string code, string field)
    {
        var ex = Refused(charter);
        Assert.Equal((code, field, ErrorKind.Invalid), (ex.Code, ex.Field, ex.Kind));
    }
}
