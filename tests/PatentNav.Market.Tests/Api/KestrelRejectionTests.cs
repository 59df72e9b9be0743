using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Issue 10 §3: requests Kestrel refuses before the pipeline (too long a request line, <c>%00</c> in the path, raw
/// non-ASCII in the target, oversized headers) answer problem+json like every other error. The TestServer never parses
/// a request line, so these run against the silo on Kestrel on a loopback port, with raw bytes on a socket.
/// </summary>
public sealed class KestrelRejectionTests : IAsyncLifetime
{
    private readonly MarketApp _app = new();
    private readonly int _port = SiloHost.FreePort();

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _app.UseKestrel(_port);
        _app.StartServer();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, byte[], int, string> Rejected => new()
    {
        { "long path", Encoding.ASCII.GetBytes($"GET /api/v1/patents/{new string('1', 9_000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 414, "uri_too_long" },
        { "encoded NUL in the path", "GET /api/v1/patents/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray(), 400, "bad_request" },
        { "unencoded Chinese query", Encoding.UTF8.GetBytes("GET /api/v1/patents?q=电池 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "bad_request" },
        { "unencoded Chinese path", Encoding.UTF8.GetBytes("GET /api/v1/patents/电池 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "bad_request" },
        { "headers over 32 KiB", Encoding.ASCII.GetBytes($"GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: {new string('x', 40_000)}\r\n\r\n"), 431, "request_headers_too_large" },
        { "no Host header", "GET /health/live HTTP/1.1\r\n\r\n"u8.ToArray(), 400, "bad_request" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Kestrel_rejections_are_problem_json(string what, byte[] request, int status, string code)
    {
        var (head, body) = await Send(request);
        Assert.True(head.StartsWith($"HTTP/1.1 {status} "), $"{what}: {head}");
        Assert.Contains("Content-Type: application/problem+json", head);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((status, code, $"urn:patentnav:problem:{code}"),
            (problem.GetProperty("status").GetInt32(), problem.GetProperty("code").GetString(), problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Responses_of_the_app_pass_through_unchanged_on_a_kept_alive_connection()
    {
        var twice = "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\nGET /api/v1/patents/%E7%94%B5 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray();
        var (head, rest) = await Send(twice);
        Assert.StartsWith("HTTP/1.1 200 ", head);
        Assert.True(rest.Contains("HTTP/1.1 401 ") && rest.Contains("\"code\":\"unauthenticated\""), rest); // no token: the app's own problem+json
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", MarketApp.AdminToken);
        await (await client.GetAsync("/api/v1/patents/nonsense")).ShouldBeProblem(400, "invalid_patent_number", "number");
        await (await client.GetAsync($"/api/v1/patents/{ApiSteps.NewNumber()}")).ShouldBeProblem(404, "patent_not_found");
        // A large body written in several flushes (the OpenAPI document) arrives whole.
        var openApi = await (await client.GetAsync("/openapi/v1.json")).ShouldBe(200);
        Assert.True(openApi.GetProperty("paths").EnumerateObject().Count() > 50);
    }

    /// <summary>Sends raw bytes and reads until the server closes: the first head, and everything after it.</summary>
    private async Task<(string Head, string After)> Send(byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port));
        await socket.SendAsync(request, SocketFlags.None);
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) received.Write(buffer, 0, read);
        }
        catch (SocketException) when (received.Length > 0)
        {
            // reset after the answer (the server closed with request bytes unread)
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"No response head: {text}");
        return (text[..end], text[(end + 4)..]);
    }
}
