using System.Diagnostics;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Chaos;

/// <summary>
/// A market silo (with its REST gateway) as a real child process — the built
/// <c>PatentNav.Market.Silo.dll</c> beside the tests, run by <c>dotnet</c> — so that a kill is a
/// real <c>kill -9</c>: no finally blocks, no graceful leave, open connections cut.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private SiloProcess(Process process, string name, Uri baseAddress)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool Alive => !_process.HasExited;

    /// <summary>The silo dll: beside the test assembly (the test project references the silo), else the silo's own Release build.</summary>
    public static string Dll()
    {
        var besideTests = Path.Combine(AppContext.BaseDirectory, "PatentNav.Market.Silo.dll");
        if (File.Exists(besideTests)) return besideTests;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PatentNav.Market.sln"))) dir = dir.Parent;
        var own = dir is null ? null : Path.Combine(dir.FullName, "silo", "bin", "Release", "net10.0", "PatentNav.Market.Silo.dll");
        return own is not null && File.Exists(own) ? own : throw new FileNotFoundException("PatentNav.Market.Silo.dll not found beside the tests nor in silo/bin/Release/net10.0.");
    }

    public static SiloProcess Start(string connectionString, string clusterId, string name, string adminToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var httpPort = SiloHost.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Dll() },
            WorkingDirectory = Path.GetDirectoryName(Dll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ConnectionStrings__Market"] = connectionString;
        env["Market__AdminToken"] = adminToken;
        env["Market__Orleans__ClusterId"] = clusterId;
        env["Market__Orleans__ServiceId"] = clusterId;
        env["Market__Orleans__SiloPort"] = SiloHost.FreePort().ToString();
        env["Market__Orleans__GatewayPort"] = SiloHost.FreePort().ToString();
        env["Market__SiloName"] = name;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) env[key] = value;

        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(process, name, new Uri($"http://127.0.0.1:{httpPort}"));
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the database answers and the silo joined).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!Alive) throw new InvalidOperationException($"Silo {Name} exited with {_process.ExitCode}:\n{Tail()}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Silo {Name} not ready after {timeout}:\n{Tail()}");
    }

    /// <summary>SIGKILL, as <c>kill -9</c>.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public string Tail(int lines = 40)
    {
        lock (_output) return string.Join('\n', _output.TakeLast(lines));
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 500) _output.RemoveRange(0, 100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Alive)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // gone already
            }
        }
        _process.Dispose();
    }
}
