using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Auth;

public static class RoleRequirements
{
    /// <summary>Callers need one of <paramref name="roles"/>; the admin passes every role check.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(MarketPrincipal.Scheme)
            .RequireRole(roles.Append(Role.Admin).Distinct().Select(MarketPrincipal.RoleName)));
}
