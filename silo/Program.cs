using System.Security.Cryptography;
using PatentNav.Market.ClientApi;
using PatentNav.Market.Silo;

var builder = WebApplication.CreateBuilder(args);

// The embedded default listens on http://localhost:5080 unless URLs are configured.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"])
    && string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]))
    builder.WebHost.UseUrls("http://localhost:5080");

var generatedAdminToken = string.IsNullOrWhiteSpace(builder.Configuration["Market:AdminToken"])
    ? "adm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))
    : null;
if (generatedAdminToken is not null) builder.Configuration["Market:AdminToken"] = generatedAdminToken;

builder.Services.AddMarketSilo(builder.Configuration);
builder.Services.AddMarketGateway(builder.Configuration);

var app = builder.Build();
app.UseMarketGateway();

if (!MarketSilo.UsesPostgres(app.Configuration))
    app.Logger.LogWarning("NOT DURABLE: no ConnectionStrings:Market configured; state lives in memory and is lost on exit. Set ConnectionStrings__Market for PostgreSQL.");
if (generatedAdminToken is not null)
    app.Logger.LogWarning("Market:AdminToken is not set; generated admin token for this run: {AdminToken}", generatedAdminToken);

app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
