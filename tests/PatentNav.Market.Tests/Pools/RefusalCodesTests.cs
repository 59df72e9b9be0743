using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

public class RefusalCodesTests
{
    [Theory]
    [InlineData(RefusalReason.UncuredBreach, "uncured_breach")]
    [InlineData(RefusalReason.InvoicesUnpaidOver90Days, "invoices_unpaid_over90_days")]
    public void A_refusal_code_is_the_reason_in_snake_case_and_parses_back(RefusalReason reason, string code)
    {
        Assert.Equal(code, RefusalCodes.Code(reason));
        Assert.Equal(reason, RefusalCodes.Parse(code));
    }

    [Theory]
    [InlineData("UncuredBreach")]
    [InlineData("discretion")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_no_reason(string? code) => Assert.Null(RefusalCodes.Parse(code));
}
