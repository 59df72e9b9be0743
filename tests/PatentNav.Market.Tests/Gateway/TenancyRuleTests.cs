using PatentNav.Market.ClientApi.Tenancy;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.Tests.Gateway;

/// <summary>The tenancy rule itself (docs/TENANCY.md), as pure functions.</summary>
public sealed class TenancyRuleTests
{
    private static TenantCaller Key(string party, params Role[] roles) => new(party, roles.ToHashSet());

    private static readonly TenantCaller Admin = new(null, new HashSet<Role> { Role.Admin });

    /// <summary>A deal of financier F against pledgor P's patents.</summary>
    private static readonly ResourceOwners Deal = new(
        new Dictionary<Role, IReadOnlyList<string>> { [Role.Financier] = ["pty_f"], [Role.Licensor] = ["pty_p"] }, []);

    [Fact]
    public void A_role_acts_only_for_its_own_party_in_that_role()
    {
        Assert.True(Tenancy.CanAct(Key("pty_f", Role.Financier), Deal, Role.Financier));
        Assert.False(Tenancy.CanAct(Key("pty_other_bank", Role.Financier), Deal, Role.Financier)); // another tenant
        Assert.False(Tenancy.CanAct(Key("pty_f", Role.Licensee), Deal, Role.Financier));           // its party, not that role
        Assert.False(Tenancy.CanAct(Key("pty_p", Role.Licensor), Deal, Role.Financier));           // the pledgor does not run the loan
        Assert.True(Tenancy.CanAct(Key("pty_p", Role.Licensor), Deal, Role.Licensor));              // but accepts in its own role
        Assert.False(Tenancy.CanAct(Key("pty_op", Role.Operator), Deal, Role.Financier, Role.Licensor)); // operators are no one's deal
    }

    [Fact]
    public void Parties_of_a_resource_read_it_with_any_key_and_strangers_do_not()
    {
        var transfer = new ResourceOwners(new Dictionary<Role, IReadOnlyList<string>> { [Role.Operator] = ["pty_center"] }, ["pty_co_owner"]);
        Assert.True(Tenancy.CanRead(Key("pty_center", Role.Licensee), transfer));
        Assert.True(Tenancy.CanRead(Key("pty_co_owner", Role.Appraiser), transfer));
        Assert.False(Tenancy.CanRead(Key("pty_other_center", Role.Operator), transfer));
        Assert.Equal(404, Tenancy.RefusalStatus(Key("pty_other_center", Role.Operator), transfer));
        Assert.Equal(403, Tenancy.RefusalStatus(Key("pty_co_owner", Role.Licensor), transfer));
        Assert.False(Tenancy.CanRead(TenantCaller.Anonymous, transfer));
    }

    [Fact]
    public void A_public_resource_is_read_by_anyone_but_acted_on_only_by_its_tenant()
    {
        var pool = new ResourceOwners(new Dictionary<Role, IReadOnlyList<string>> { [Role.Operator] = ["pty_center_a"] }, [], PublicRead: true);
        Assert.True(Tenancy.CanRead(Key("pty_center_b", Role.Operator), pool));
        Assert.False(Tenancy.CanAct(Key("pty_center_b", Role.Operator), pool, Role.Operator));
        Assert.Equal(403, Tenancy.RefusalStatus(Key("pty_center_b", Role.Operator), pool));
    }

    [Fact]
    public void The_admin_alone_crosses_tenants()
    {
        Assert.True(Tenancy.CanAct(Admin, Deal, Role.Financier));
        Assert.True(Tenancy.CanRead(Admin, Deal));
        Assert.True(Tenancy.ActsFor(Admin, "pty_anyone", Role.Licensor));
        Assert.False(Tenancy.ActsFor(Key("pty_a", Role.Operator, Role.Licensor, Role.Financier), "pty_b"));
    }

    [Fact]
    public void Acting_for_a_named_party_needs_that_party_and_one_of_the_roles()
    {
        Assert.True(Tenancy.ActsFor(Key("pty_a", Role.Licensor), "pty_a", Role.Licensor));
        Assert.True(Tenancy.ActsFor(Key("pty_a", Role.Appraiser), "pty_a")); // no role named: any key of the party
        Assert.False(Tenancy.ActsFor(Key("pty_a", Role.Licensee), "pty_a", Role.Licensor));
        Assert.False(Tenancy.ActsFor(Key("pty_a", Role.Licensor), null, Role.Licensor));
        Assert.False(Tenancy.ActsFor(TenantCaller.Anonymous, "pty_a"));
    }

    [Fact]
    public void Every_rule_names_a_route_value_its_operation_has()
    {
        foreach (var (operation, rules) in TenancyRules.ByOperation)
            foreach (var rule in rules.Where(r => !r.FromQuery && !r.FromBody))
                Assert.True(operation.Contains("{" + rule.Parameter + "}"), $"{operation}: no route value {rule.Parameter}");
    }

    [Fact]
    public void A_payable_is_the_licensors_and_its_pools_centers_and_a_payout_the_ordering_centers()
    {
        var payable = TenantOwners.OfPayable("pty_l", ["pty_center_a"]);
        Assert.True(Tenancy.CanAct(Key("pty_center_a", Role.Operator), payable, Role.Operator));
        Assert.False(Tenancy.CanAct(Key("pty_center_b", Role.Operator), payable, Role.Operator)); // its pools never paid in
        Assert.False(Tenancy.CanRead(Key("pty_center_b", Role.Operator), payable));
        Assert.True(Tenancy.CanRead(Key("pty_l", Role.Licensee), payable));                      // any key of the payee reads
        Assert.False(Tenancy.CanAct(Key("pty_l", Role.Operator), payable, Role.Operator));       // but orders nothing

        var byA = TenantOwners.Of(new PayoutEntry("po_1", "pty_l", "pty_center_a"), ["pty_center_a", "pty_center_b"]);
        Assert.True(Tenancy.CanAct(Key("pty_center_a", Role.Operator), byA, Role.Operator));
        Assert.False(Tenancy.CanAct(Key("pty_center_b", Role.Operator), byA, Role.Operator));    // reads it, does not act
        Assert.True(Tenancy.CanRead(Key("pty_center_b", Role.Operator), byA));
        Assert.False(Tenancy.CanRead(Key("pty_center_c", Role.Operator), byA));
        // Ordered by a center that is not (or no longer) one of the payable's, or by the admin: only the admin acts.
        Assert.False(Tenancy.CanAct(Key("pty_center_c", Role.Operator), TenantOwners.Of(new PayoutEntry("po_2", "pty_l", "pty_center_c"), ["pty_center_a"]), Role.Operator));
        Assert.False(Tenancy.CanAct(Key("pty_center_a", Role.Operator), TenantOwners.Of(new PayoutEntry("po_3", "pty_l", null), ["pty_center_a"]), Role.Operator));
    }

    [Fact]
    public void A_distribution_posting_names_its_pool()
    {
        Assert.Equal("pool_1", DistributionPayouts.PoolIdOf(DistributionPayouts.PostingId(DistributionPeriodRules.Key("pool_1", new(2030, 1, 1), new(2030, 4, 1)))));
        Assert.Equal("pool_1", DistributionPayouts.PoolIdOf("dist:pool_1:2030-01-01:2030-04-01:s2"));
        Assert.Null(DistributionPayouts.PoolIdOf("pay:inv_1"));
        Assert.Null(DistributionPayouts.PoolIdOf("dist:pool_1"));
    }
}
