using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PatentNav.Market.Tests.Infrastructure;

/// <summary>HTTP clients of a test market, with or without a bearer token; every fixture hands them out the same way.</summary>
public static class MarketClients
{
    public static HttpClient ClientWith(this WebApplicationFactory<Program> factory, string? token)
    {
        var client = factory.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
