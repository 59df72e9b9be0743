using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Onboarding;

namespace PatentNav.Market.Tests.Onboarding;

/// <summary>The batch-wide rules of an onboarding import, directly: order, no future, licences named before use, a bank reference once.</summary>
public sealed class OnboardingRulesTests
{
    private static readonly DateOnly Today = new(2030, 1, 2);

    private static OnboardingRecord Licence(int i, string day, string name) => new(i, OnboardingRecordKind.Licence, DateOnly.Parse(day), Licence: name, LicenseeId: "pty_x");

    private static OnboardingRecord Payment(int i, string day, string licence, string reference, string? licenceId = null) =>
        new(i, OnboardingRecordKind.Payment, DateOnly.Parse(day), Licence: licence, Period: "2029-Q1", Category: "decoder",
            BankReference: reference, Amount: new Money(100, "CNY"), LicenceId: licenceId);

    private static Dictionary<string, string[]> Refusals(params OnboardingRecord[] records) =>
        Assert.Throws<DomainException>(() => OnboardingRules.Check(records, Today)).Errors!;

    [Fact]
    public void Records_in_date_order_up_to_today_pass()
    {
        OnboardingRules.Check([Licence(0, "2029-01-05", "L1"), Payment(1, "2029-01-05", "L1", "A"), Payment(2, "2030-01-02", "L1", "B")], Today);
    }

    [Fact]
    public void A_date_after_today_or_before_the_record_above_it_is_refused_on_date()
    {
        var errors = Refusals(Licence(0, "2029-03-01", "L1"), Payment(1, "2029-02-28", "L1", "A"), Payment(2, "2030-01-03", "L1", "B"));
        Assert.Equal(["records[1].date", "records[2].date"], errors.Keys.Order());
        Assert.StartsWith("record_out_of_order", errors["records[1].date"][0]);
        Assert.StartsWith("date_in_future", errors["records[2].date"][0]);
    }

    [Fact]
    public void A_licence_is_named_once_and_before_use_unless_named_by_id()
    {
        var errors = Refusals(Payment(0, "2029-01-01", "L1", "A"), Licence(1, "2029-01-02", "L1"), Licence(2, "2029-01-03", "L1"),
            Payment(3, "2029-01-04", "L9", "B", licenceId: "lic_0123456789abcdef"));
        Assert.Equal(["records[0].licence", "records[2].licence"], errors.Keys.Order());
        Assert.StartsWith("unknown_licence", errors["records[0].licence"][0]);
        Assert.StartsWith("duplicate_licence", errors["records[2].licence"][0]);
    }

    [Fact]
    public void A_bank_reference_settles_one_record_whatever_its_case_or_spacing()
    {
        var errors = Refusals(Licence(0, "2029-01-01", "L1"), Payment(1, "2029-01-02", "L1", "cmb-1"), Payment(2, "2029-01-03", "L1", " CMB-1 "));
        Assert.StartsWith("bank_reference_used", Assert.Single(errors, e => e.Key == "records[2].bankReference").Value[0]);
    }

    [Fact]
    public void Licence_ids_derive_from_batch_and_name()
    {
        Assert.Equal(OnboardingRules.LicenceId("obi_1", "L1"), OnboardingRules.LicenceId("obi_1", "L1"));
        Assert.NotEqual(OnboardingRules.LicenceId("obi_1", "L1"), OnboardingRules.LicenceId("obi_2", "L1"));
        Assert.Matches(@"^lic_[0-9a-f]{16}$", OnboardingRules.LicenceId("obi_1", "L1"));
    }
}
