using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PatentNav.Market.Tests.Api.Fuzz;

/// <summary>
/// One generated request, exactly as sent: what <see cref="ToString"/> prints can be pasted into a regression test
/// (bodies over 2 000 characters are shown by how they were built).
/// </summary>
public sealed record FuzzRequest(ApiOperation Operation, string Method, string Url, FuzzCaller Caller)
{
    public List<(string Name, string Value)> Headers { get; } = [];

    /// <summary>The body as text, or null for none.</summary>
    public string? Body { get; set; }

    /// <summary>The Content-Type header of the body; null sends the body without one.</summary>
    public string? ContentType { get; set; }

    /// <summary>Sends the body without Content-Length (chunked), so the server cannot refuse it by its length alone.</summary>
    public bool Chunked { get; set; }

    /// <summary>What was done to the valid request, in words (“principal.amount ← 9223372036854775808”).</summary>
    public List<string> Mutations { get; } = [];

    /// <summary>When a huge body is abbreviated in the printout, how to build it again.</summary>
    public string? BodyRecipe { get; set; }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Caller.Token is not null) message.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Caller.Token}");
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(Body);
            HttpContent content = Chunked ? new UnknownLengthContent(bytes) : new ByteArrayContent(bytes);
            if (ContentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            message.Content = content;
        }
        return message;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Url).AppendLine();
        text.Append("Authorization: ").AppendLine(Caller.Token is null ? "(none)" : $"Bearer <{Caller.Name}>");
        foreach (var (name, value) in Headers) text.Append(name).Append(": ").AppendLine(value);
        if (Body is not null)
        {
            text.Append("Content-Type: ").AppendLine(ContentType ?? "(none)");
            if (Chunked) text.AppendLine("Transfer-Encoding: chunked");
            text.AppendLine();
            text.AppendLine(Body.Length <= 2_000 ? Body : $"{Body[..1_000]}… ({Body.Length} characters; {BodyRecipe ?? "see mutations"})");
        }
        text.Append("mutations: ").Append(Mutations.Count == 0 ? "none (a valid-looking request)" : string.Join("; ", Mutations));
        return text.ToString();
    }

    /// <summary>A body whose length is not announced.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
