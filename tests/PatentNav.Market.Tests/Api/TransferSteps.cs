using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>The people of a transfer: an operating center's operator, a seller (licensor key), a buyer (licensee key).</summary>
public sealed record TransferCast(IssuedKey Operator, IssuedKey Seller, IssuedKey Buyer)
{
    public string CenterId => Operator.PartyId;
}

/// <summary>Steps the transfer tests share, written against an admin <see cref="HttpClient"/> so they serve both fixtures.</summary>
public static class TransferSteps
{
    public const long Price = 1_000_000_00; // 1 M CNY

    /// <summary>A party of <paramref name="kind"/> in <paramref name="country"/> with a key holding <paramref name="roles"/>.</summary>
    public static async Task<IssuedKey> NewKeyIn(this HttpClient admin, string country, string kind, params string[] roles)
    {
        var party = await (await admin.PostJson("/api/v1/parties", new { name = $"{kind} {Guid.NewGuid():N}", kind, country })).ShouldBe(201);
        var id = party.GetProperty("id").GetString()!;
        var key = await (await admin.PostJson($"/api/v1/parties/{id}/api-keys", new { roles })).ShouldBe(201);
        return new IssuedKey(id, key.GetProperty("keyId").GetString()!, key.GetProperty("token").GetString()!);
    }

    public static async Task<TransferCast> NewCast(this HttpClient admin, string buyerCountry = "CN") => new(
        await admin.NewKey("operating_center", "operator"),
        await admin.NewKey("company", "licensor"),
        await admin.NewKeyIn(buyerCountry, "company", "licensee"));

    public static Dictionary<string, object?> TransferBody(TransferCast cast, string[] patents, long amount = Price, string? poolOption = null, bool withCenter = true)
    {
        var body = new Dictionary<string, object?>
        {
            ["patents"] = patents,
            ["sellerId"] = cast.Seller.PartyId,
            ["buyerId"] = cast.Buyer.PartyId,
            ["price"] = new { amount, currency = "CNY" },
        };
        if (poolOption is not null) body["poolOption"] = poolOption;
        if (withCenter) body["centerId"] = cast.CenterId;
        return body;
    }

    public static Task<HttpResponseMessage> OpenTransfer(this HttpClient client, object body, string? key = null) =>
        client.PostWithKey("/api/v1/transfers", body, key ?? Guid.NewGuid().ToString());

    /// <summary>The seller opens a transfer of <paramref name="patents"/>; returns the created transfer.</summary>
    public static async Task<JsonElement> Open(this HttpClient seller, TransferCast cast, string[] patents, string? poolOption = null) =>
        await (await seller.OpenTransfer(TransferBody(cast, patents, poolOption: poolOption))).ShouldBe(201);

    public static Task<HttpResponseMessage> Decide(this HttpClient party, string id, string decision) =>
        party.PostJson($"/api/v1/transfers/{id}/consents", new { decision });

    public static Task<HttpResponseMessage> ClearExport(this HttpClient op, string id, string? registrationCertificateNumber, string? exportLicenceNumber = null) =>
        op.PostJson($"/api/v1/transfers/{id}/export-clearance", new { registrationCertificateNumber, exportLicenceNumber });

    public static Task<HttpResponseMessage> PayTransfer(this HttpClient op, string id, string bankReference, long amount = Price, string? key = null) =>
        op.PostWithKey($"/api/v1/transfers/{id}/payments", new { bankReference, amount = new { amount, currency = "CNY" } }, key ?? Guid.NewGuid().ToString());

    public static Task<HttpResponseMessage> RecordNotice(this HttpClient op, string id, string noticeNumber, DateOnly date) =>
        op.PostJson($"/api/v1/transfers/{id}/recordation", new { noticeNumber, date = date.Iso() });

    public static Task<HttpResponseMessage> CancelTransfer(this HttpClient client, string id, string? reason = null) =>
        client.PostJson($"/api/v1/transfers/{id}/cancel", new { reason });

    public static async Task<JsonElement> Transfer(this HttpClient client, string id) =>
        await (await client.GetAsync($"/api/v1/transfers/{id}")).ShouldBe(200);

    public static async Task<JsonElement> PatentTransfers(this HttpClient client, string number) =>
        await (await client.GetAsync($"/api/v1/patents/{number}/transfers")).ShouldBe(200);

    public static Task<HttpResponseMessage> SetExportControl(this HttpClient op, string number, string exportControl) =>
        op.PutAsJsonAsync($"/api/v1/patents/{number}/export-control", new { exportControl }, MarketApp.Json);

    public static string TransferId(this JsonElement transfer) => transfer.GetProperty("id").GetString()!;

    public static string Status(this JsonElement transfer) => transfer.GetProperty("status").GetString()!;

    public static long Version(this JsonElement body) => body.GetProperty("version").GetInt64();

    /// <summary>The history as (action, status) pairs, oldest first.</summary>
    public static (string Action, string Status)[] Steps(this JsonElement transfer) =>
        [.. transfer.GetProperty("history").EnumerateArray().Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("status").GetString()!))];

    public static string Escrow(string transferId) => LedgerAccounts.Escrow("transfer", transferId);

    // ---- the ledger, read through ILedgerQueries ----

    public static async Task<long> Balance(this IServiceProvider services, string account, string currency = "CNY") =>
        (await services.GetRequiredService<ILedgerQueries>().Account(account, 1)).Balances.Where(b => b.Currency == currency).Sum(b => b.Amount);

    public static async Task<string[]> Postings(this IServiceProvider services, string account) =>
        [.. (await services.GetRequiredService<ILedgerQueries>().Account(account, 100)).Entries.Select(e => e.PostingId).Reverse()];

    /// <summary>§9: every currency sums to zero across all accounts.</summary>
    public static async Task AssertLedgerBalances(this IServiceProvider services) =>
        Assert.All(await services.GetRequiredService<ILedgerQueries>().TrialBalance(), total => Assert.Equal(0, total.Amount));
}
