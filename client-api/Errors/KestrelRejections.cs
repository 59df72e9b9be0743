using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PatentNav.Market.ClientApi.Errors;

/// <summary>
/// Kestrel refuses some requests before any middleware runs (a request line over 8 KiB: 414; <c>%00</c> in the path, raw
/// non-ASCII bytes in the target, malformed request lines or headers: 400; headers over 32 KiB: 431) and answers
/// them with an empty body, so neither <see cref="ErrorHandlingMiddleware"/> nor status-code pages can touch them.
/// This connection middleware gives those answers the market's problem+json body.
/// </summary>
/// <remarks>
/// It recognises Kestrel's own rejection by its shape, which no response of the app has: status ≥ 400,
/// <c>Content-Length: 0</c>, no <c>Content-Type</c>, <c>Connection: close</c>, the head alone in one flush (every error
/// of the app carries a problem+json body and its content type). Anything else passes through unchanged.
/// </remarks>
public static class KestrelRejections
{
    public static void Configure(KestrelServerOptions options) =>
        options.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            var output = new RewritingWriter(transport.Output);
            connection.Transport = new Duplex(transport.Input, output);
            try { await next(connection); }
            finally { connection.Transport = transport; }
        }));

    private sealed record Duplex(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    /// <summary>The problem+json response that replaces a bare rejection head, or null if <paramref name="head"/> is not one.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> head)
    {
        if (head.Length is < 16 or > 4096 || head[9] is not ((byte)'4' or (byte)'5') || !head.EndsWith("\r\n\r\n"u8) || head.IndexOf("\r\n\r\n"u8) != head.Length - 4) return null;
        var lines = Encoding.ASCII.GetString(head[..^4]).Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(statusLine[1], out var status) || status < 400) return null;
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToList();
        string? Header(string name) => headers.FirstOrDefault(p => p[0].Equals(name, StringComparison.OrdinalIgnoreCase))?[1].Trim();
        if (Header("Content-Length") != "0" || Header("Content-Type") is not null || Header("Transfer-Encoding") is not null
            || !string.Equals(Header("Connection"), "close", StringComparison.OrdinalIgnoreCase)) return null;

        var (code, detail) = status switch
        {
            400 => ("bad_request", "The request is not valid HTTP: a NUL (%00) in the path, a raw non-ASCII character in the target (percent-encode it as UTF-8), or a malformed request line or header."),
            414 => ("uri_too_long", "The request target (path and query) is too long; at most 8 KiB."),
            431 => ("request_headers_too_large", "The request headers are too large; at most 32 KiB in all."),
            _ => ("http_" + status, $"The server refused the request ({status})."),
        };
        var body = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("type", $"urn:patentnav:problem:{code}");
            json.WriteString("title", status == 400 ? "The request is invalid." : "The request was refused.");
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteString("code", code);
            json.WriteEndObject();
        }
        var rewritten = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var line in lines.Skip(1).Where(l => !l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
            rewritten.Append(line).Append("\r\n");
        rewritten.Append("Content-Type: application/problem+json; charset=utf-8\r\n")
            .Append("Content-Length: ").Append(body.WrittenCount).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(rewritten.ToString()), .. body.WrittenSpan];
    }

    /// <summary>Collects what Kestrel writes until it flushes; a flush that is exactly a bare rejection head is rewritten.</summary>
    private sealed class RewritingWriter(PipeWriter inner) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _pending = new();

        public override void Advance(int bytes) => _pending.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        // System.Text.Json asks how much is buffered to decide when to flush (Kestrel's writer supports it).
        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => _pending.WrittenCount + (inner.CanGetUnflushedBytes ? inner.UnflushedBytes : 0);

        public override void Complete(Exception? exception = null)
        {
            Forward();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            Forward();
            await inner.FlushAsync();
            await inner.CompleteAsync(exception);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Forward();
            return inner.FlushAsync(cancellationToken);
        }

        private void Forward()
        {
            if (_pending.WrittenCount == 0) return;
            var written = _pending.WrittenSpan;
            inner.Write(written.StartsWith("HTTP/1."u8) && Rewrite(written) is { } problem ? problem : written);
            _pending.ResetWrittenCount();
        }
    }
}
