using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace PatentNav.Market.ClientApi;

/// <summary>
/// The web console (<c>console/</c>, a Vite build in <c>console/dist</c>) served at <c>/</c>: its files as
/// they are, and <c>index.html</c> for every other GET outside the API's own prefixes (the single-page
/// app routes in the browser). Without a build, <c>/</c> says how to make one instead of a bare 404.
/// </summary>
public static class ConsoleHosting
{
    /// <summary>Paths that belong to the API and its tools; the console never answers for them.</summary>
    public static readonly string[] ReservedPrefixes = ["api", "openapi", "docs", "dashboard", "metrics", "health", "webhooks"];

    private const string NotBuiltPage = """
        <!doctype html><html lang="en"><meta charset="utf-8"><title>PatentNav Market console not built</title>
        <body style="font-family:sans-serif;max-width:40em;margin:3em auto">
        <h1>Console not built</h1>
        <p>The web console has no build yet. From the repository root run:</p>
        <pre>cd console &amp;&amp; npm ci &amp;&amp; npm run build</pre>
        <p>and reload. (<code>dotnet run --project silo</code> in Debug does this by itself when Node.js is installed.)
        The API is at <a href="/docs">/docs</a>.</p></body></html>
        """;

    /// <summary>
    /// <c>Market:Console:Path</c> if set (null when it holds no build), else the first <c>console/dist</c> found walking up from the
    /// content root or the binaries (so <c>dotnet run --project silo</c> from a clone finds the repo's build).
    /// </summary>
    public static string? FindDist(IConfiguration configuration, string contentRoot)
    {
        if (configuration["Market:Console:Path"] is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, "index.html")) ? Path.GetFullPath(configured) : null;
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var dist = Path.Combine(dir.FullName, "console", "dist");
                if (File.Exists(Path.Combine(dist, "index.html"))) return dist;
            }
        return null;
    }

    public static WebApplication UseMarketConsole(this WebApplication app)
    {
        var dist = FindDist(app.Configuration, app.Environment.ContentRootPath);
        // A catch-all route that never matches the API's prefixes, so their 404s and 405s stay problem+json.
        var pattern = "{*path:regex(^(?!(" + string.Join('|', ReservedPrefixes) + ")(/|$)).*$)}";
        if (dist is null)
        {
            app.Logger.LogWarning("Console not built (no console/dist/index.html): / shows how to build it (cd console && npm ci && npm run build).");
            foreach (var route in new[] { "/", pattern })
                app.MapMethods(route, ["GET", "HEAD"], () => TypedResults.Content(NotBuiltPage, "text/html; charset=utf-8", statusCode: 503))
                    .ExcludeFromDescription();
            return app;
        }
        // Files are served by this endpoint rather than UseStaticFiles, which steps aside once routing
        // has matched an endpoint — and the catch-all matches every path.
        var files = new PhysicalFileProvider(dist);
        var types = new FileExtensionContentTypeProvider();
        // The catch-all's constraint does not see the empty path, so "/" has a route of its own.
        foreach (var route in new[] { "/", pattern })
        app.MapMethods(route, ["GET", "HEAD"], async (HttpContext context, string? path) =>
        {
            var file = string.IsNullOrEmpty(path) ? null : files.GetFileInfo(path);
            if (file is { Exists: true, IsDirectory: false })
            {
                context.Response.ContentType = types.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
                // Hashed assets never change; everything else is fetched anew.
                context.Response.Headers.CacheControl = path!.StartsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
                await context.Response.SendFileAsync(file);
                return;
            }
            if (path?.StartsWith("assets/") == true)
            {
                context.Response.StatusCode = 404;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
        }).ExcludeFromDescription();
        app.Logger.LogInformation("Console served at / from {Dist}", dist);
        return app;
    }
}
