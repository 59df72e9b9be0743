using PatentNav.Market.ClientApi.Tenancy;
using PatentNav.Market.Grains.Parties;

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
            foreach (var rule in rules.Where(r => !r.FromQuery))
                Assert.True(operation.Contains("{" + rule.Parameter + "}"), $"{operation}: no route value {rule.Parameter}");
    }
}
