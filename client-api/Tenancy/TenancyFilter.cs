using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PatentNav.Market.ClientApi.Tenancy;

/// <summary>
/// Applies <see cref="TenancyRules"/> to every request, after authentication and the role check and before the endpoint
/// reads its body: the one place where ownership is enforced. A resource that does not exist passes through, so the
/// endpoint answers its own 404; a caller that may not see the resource gets that same 404 (ids do not leak), one
/// that may see it but not act 403 <c>forbidden</c>.
/// </summary>
public static class TenancyFilter
{
    public static IApplicationBuilder UseTenancy(this IApplicationBuilder app) => app.Use(RefuseFailedTokens).Use(Enforce);

    /// <summary>
    /// A token that does not authenticate is 401 on every API endpoint, also on those open to anonymous callers:
    /// otherwise a client with a revoked or mistyped key would silently be served as anonymous (a pool quote without
    /// its discount). Health probes, the OpenAPI document and metrics ignore the header.
    /// </summary>
    private static async Task RefuseFailedTokens(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && !string.IsNullOrEmpty(context.Request.Headers.Authorization) && context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync(MarketPrincipal.Scheme);
            return;
        }
        await next(context);
    }

    private static async Task Enforce(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } template }
            || !TenancyRules.ByOperation.TryGetValue(TenancyRules.Key(context.Request.Method, template), out var rules)
            || await Refusal(context, rules) is not { } refusal)
        {
            await next(context);
            return;
        }
        await refusal.ExecuteAsync(context);
    }

    private static async Task<IResult?> Refusal(HttpContext context, TenancyRule[] rules)
    {
        var caller = TenantCaller.From(context.User);
        if (caller.IsAdmin) return null;
        (OwnedResource Kind, string Key)? hidden = null;
        var seen = false; // the caller may see one of the resources (or is refused as a party): 403, not 404
        string? field = null; // a refused body field is named in the 403
        foreach (var rule in rules)
        {
            var value = rule.FromBody ? await BodyField(context, rule.Parameter)
                : rule.FromQuery ? context.Request.Query[rule.Parameter].ToString() : context.Request.RouteValues[rule.Parameter]?.ToString();
            if (rule.Self)
            {
                if (string.IsNullOrEmpty(value) || Tenancy.ActsFor(caller, value, rule.Roles ?? [])) return null; // no party named: the endpoint answers 400
                seen = true;
                continue;
            }
            if (string.IsNullOrEmpty(value) || await TenantOwners.Resolve(rule.Resource!.Value, value, context.RequestServices) is not { } owners) return null;
            if (rule.Roles is null ? Tenancy.CanRead(caller, owners) : Tenancy.CanAct(caller, owners, rule.Roles)) return null;
            // Ledger account ids follow a public pattern, and party ids are public (GET /parties/{id}): nothing to hide, so 403.
            if (Tenancy.CanRead(caller, owners) || rule.Resource is OwnedResource.LedgerAccount or OwnedResource.Payable) seen = true;
            else hidden ??= (rule.Resource.Value, value);
            if (rule.FromBody) field ??= rule.Parameter;
        }
        const string Forbidden = "This resource belongs to another tenant, or this key's roles do not act on it (docs/TENANCY.md).";
        return !seen && hidden is { } missing ? NotFound(missing.Kind, missing.Key)
            : field is not null ? Problems.Field(403, "forbidden", field, Forbidden)
            : Problems.Create(403, "forbidden", Forbidden);
    }

    /// <summary>
    /// A top-level string field of a JSON body, read before the endpoint binds it (the body is buffered and rewound). Null
    /// when there is none to read — no JSON, not an object, not a string, or a value no party id can be (blank, U+0000) —
    /// and the endpoint then refuses the body itself. Names are exact, as the endpoint's binding (MarketGateway.Configure)
    /// reads them; of a name given twice the last counts, as there.
    /// </summary>
    private static async Task<string?> BodyField(HttpContext context, string name)
    {
        if (!context.Request.HasJsonContentType()) return null;
        context.Request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            string? value = null;
            foreach (var property in document.RootElement.EnumerateObject())
                if (property.NameEquals(name)) value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            return value is null || Errors.RouteValueRules.Refusal(value) is not null ? null : value;
        }
        catch (JsonException)
        {
            return null; // the endpoint answers 400 malformed_json
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }

    private static IResult NotFound(OwnedResource kind, string key) => kind switch
    {
        OwnedResource.PledgeDeal => Problems.NotFound("pledge_not_found", $"Pledge deal {key} does not exist."),
        OwnedResource.Transfer => Problems.NotFound("transfer_not_found", $"Transfer {key} does not exist."),
        OwnedResource.Licence => Problems.NotFound("licence_not_found", $"Licence {key} does not exist."),
        OwnedResource.Invoice => Problems.NotFound("invoice_not_found", $"Invoice {key} does not exist."),
        OwnedResource.Pool => Problems.NotFound("pool_not_found", $"Pool {key} does not exist."),
        OwnedResource.Listing => Problems.NotFound("listing_not_found", $"Listing {key} does not exist."),
        OwnedResource.Demand => Problems.NotFound("demand_not_found", $"Demand {key} does not exist."),
        OwnedResource.NavigationProject => Problems.NotFound("project_not_found", $"Navigation project {key} does not exist."),
        OwnedResource.NavigationReport => Problems.NotFound("report_not_found", $"Navigation report {key} does not exist."),
        OwnedResource.Payout => Problems.NotFound("payout_not_found", $"Payout {key} does not exist."),
        OwnedResource.LicenceNegotiation => Problems.NotFound("negotiation_not_found", $"Licence negotiation {key} does not exist."),
        OwnedResource.Alliance => Problems.NotFound("alliance_not_found", $"Alliance {key} does not exist."),
        _ => Problems.NotFound("patent_not_found", $"Patent {key} is not registered."),
    };
}
