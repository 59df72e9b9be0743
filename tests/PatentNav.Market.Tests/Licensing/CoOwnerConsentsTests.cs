using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Tests.Licensing;

public class CoOwnerConsentsTests
{
    private static readonly DateOnly Day = new(2030, 3, 1);

    private static CoOwnerConsent Consent(string owner, string licensee, string? usedFor = null) =>
        new($"coc_{owner}_{licensee}", owner, licensee, Day, DateTimeOffset.UnixEpoch, usedFor);

    [Fact]
    public void Every_owner_but_the_grantor_needs_an_unused_consent_for_this_licensee()
    {
        string[] owners = ["pty_a", "pty_b", "pty_c"];
        Assert.Equal(["pty_b", "pty_c"], CoOwnerConsents.Missing(owners, "pty_a", [], "pty_l", "lic_1"));
        Assert.Equal(["pty_c"], CoOwnerConsents.Missing(owners, "pty_a", [Consent("pty_b", "pty_l"), Consent("pty_c", "pty_other")], "pty_l", "lic_1"));
        Assert.Empty(CoOwnerConsents.Missing(owners, "pty_a", [Consent("pty_b", "pty_l"), Consent("pty_c", "pty_l")], "pty_l", "lic_1"));
    }

    [Fact]
    public void A_consent_used_by_another_licence_does_not_count_but_one_used_by_this_licence_does()
    {
        string[] owners = ["pty_a", "pty_b"];
        Assert.Equal(["pty_b"], CoOwnerConsents.Missing(owners, "pty_a", [Consent("pty_b", "pty_l", usedFor: "lic_0")], "pty_l", "lic_1"));
        Assert.Empty(CoOwnerConsents.Missing(owners, "pty_a", [Consent("pty_b", "pty_l", usedFor: "lic_1")], "pty_l", "lic_1"));
    }
}
