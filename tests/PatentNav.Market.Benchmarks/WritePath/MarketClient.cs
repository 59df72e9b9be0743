using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Benchmarks.WritePath;

/// <summary>A party's key as the API issued it.</summary>
public sealed record Key(string PartyId, string Token);

/// <summary>A pool the benchmark made, with its administrator's operator key.</summary>
public sealed record BenchPool(string Id, Key Operator);

/// <summary>A licence bought in the benchmark, with its licensee's key and its pool.</summary>
public sealed record BenchLicence(string Id, Key Licensee, BenchPool Pool);

/// <summary>An open invoice to pay.</summary>
public sealed record BenchInvoice(string Id, long Amount, BenchPool Pool);

/// <summary>The REST API as the load uses it: one pooled HTTP/1.1 client, the bearer token per request.</summary>
public sealed class MarketClient(string baseUrl, string adminToken)
{
    /// <summary>Product categories of the benchmark's pools: each licence can report each once per quarter.</summary>
    public static readonly string[] Categories = [.. Enumerable.Range(0, 20).Select(i => $"c{i:D2}")];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static int _serial = 3_000_000;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(4) };

    public Key Admin { get; } = new("admin", adminToken);

    public async Task<HttpResponseMessage> Send(HttpMethod method, string url, Key key, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await _http.SendAsync(request);
    }

    /// <summary>The body of a 2xx answer, or an exception with the problem the API answered.</summary>
    public static async Task<JsonElement> Expect(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>An operation's outcome for the load: ok on 2xx, else the status and problem code.</summary>
    public static async Task<(bool Ok, string? Why)?> Outcome(Task<HttpResponseMessage> sending, Action<JsonElement>? onOk = null)
    {
        try
        {
            using var response = await sending;
            if (response.IsSuccessStatusCode)
            {
                if (onOk is not null) onOk(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
                return (true, null);
            }
            return (false, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (false, e.GetType().Name + ": " + e.Message);
        }
    }

    public async Task<Key> NewKey(string kind, string role)
    {
        var party = await Expect(await Send(HttpMethod.Post, "/api/v1/parties", Admin, new { name = $"{kind} {Guid.NewGuid():N}", kind }));
        var id = party.GetProperty("id").GetString()!;
        var key = await Expect(await Send(HttpMethod.Post, $"/api/v1/parties/{id}/api-keys", Admin, new { roles = new[] { role } }));
        return new Key(id, key.GetProperty("token").GetString()!);
    }

    /// <summary>A pool of a new operating center with a 20-category card in force from today (the tests' AVC-style tiers).</summary>
    public async Task<BenchPool> NewPool(DateOnly today)
    {
        var op = await NewKey("operating_center", "operator");
        var pool = await Expect(await Send(HttpMethod.Post, "/api/v1/pools", op, new
        {
            name = "基准测试专利池 " + Guid.NewGuid().ToString("N")[..6],
            administratorId = op.PartyId,
            currency = "USD",
            productCategories = Categories,
            adminFeeBps = 1_500,
        }));
        var id = pool.GetProperty("id").GetString()!;
        await Expect(await Send(HttpMethod.Post, $"/api/v1/pools/{id}/rate-cards", op, new
        {
            version = 1,
            currency = "USD",
            effectiveFrom = today.ToString("yyyy-MM-dd"),
            categories = Categories.Select(code => new
            {
                code,
                tiers = new object[] { new { upTo = 100_000, ratePerUnit = "0" }, new { upTo = 5_000_000, ratePerUnit = "20" }, new { upTo = (long?)null, ratePerUnit = "10" } },
                annualCap = 975_000_000,
            }),
            regionMultipliers = new object[] { new { region = "R2", bps = 5_000 } },
            complianceDiscountBps = 0,
        }));
        return new BenchPool(id, op);
    }

    public Task<HttpResponseMessage> Purchase(BenchPool pool, Key licensee) =>
        Send(HttpMethod.Post, $"/api/v1/pools/{pool.Id}/licences", licensee, new { }, Guid.NewGuid().ToString());

    public Task<HttpResponseMessage> Report(BenchLicence licence, string period, string category) =>
        Send(HttpMethod.Post, $"/api/v1/licences/{licence.Id}/royalty-reports", licence.Licensee,
            new { period, category, region = "US", units = 1_000_000 }, Guid.NewGuid().ToString());

    public Task<HttpResponseMessage> Pay(BenchInvoice invoice) =>
        Send(HttpMethod.Post, $"/api/v1/invoices/{invoice.Id}/payments", invoice.Pool.Operator,
            new { bankReference = "BENCH-" + invoice.Id, amount = new { amount = invoice.Amount, currency = "USD" } }, Guid.NewGuid().ToString());

    public Task<HttpResponseMessage> GetPatent(string number, Key key) =>
        Send(HttpMethod.Get, $"/api/v1/patents/{number}", key);

    /// <summary>A party without a key (a holder or licensee only named by others); returns its id.</summary>
    public async Task<string> NewParty(string kind) =>
        (await Expect(await Send(HttpMethod.Post, "/api/v1/parties", Admin, new { name = $"{kind} {Guid.NewGuid():N}", kind }))).GetProperty("id").GetString()!;

    /// <summary>Registers a granted patent owned by <paramref name="ownerId"/>; returns its number.</summary>
    public Task<string> RegisterPatent(string ownerId) => RegisterPatent([ownerId]);

    /// <summary>Registers a granted invention (filed 2020-03-02, in force until 2040) owned by <paramref name="ownerIds"/>; returns its number.</summary>
    public async Task<string> RegisterPatent(string[] ownerIds)
    {
        var digits = $"2020{'1'}{Interlocked.Increment(ref _serial) % 10_000_000:D7}";
        var number = $"{digits}.{PatentNumber.CheckDigit(digits)}";
        await Expect(await Send(HttpMethod.Post, "/api/v1/patents", Admin, new
        {
            number,
            title = "一种锂离子电池负极材料及其制备方法",
            @abstract = "本发明公开了一种电池负极材料。",
            ipc = new[] { "H01M 4/133" },
            filingDate = "2020-03-02",
            grantDate = "2021-05-10",
            status = "granted",
            ownerIds,
        }));
        return number;
    }

    /// <summary>Runs <paramref name="work"/> for each item with <paramref name="parallel"/> at a time (set-up, not timed).</summary>
    public static async Task<List<TOut>> ForEach<TIn, TOut>(IEnumerable<TIn> items, int parallel, Func<TIn, Task<TOut>> work)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<TOut>();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (item, _) => results.Add(await work(item)));
        return [.. results];
    }
}
