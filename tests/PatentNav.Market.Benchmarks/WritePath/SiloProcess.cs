using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PatentNav.Market.Benchmarks.WritePath;

/// <summary>
/// The silo under test, as production runs it: its own process (Release build, co-hosted REST gateway,
/// durable on the benchmark's database, default logging), on free loopback ports. Its CPU time and
/// resident memory are read from /proc.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    public string BaseUrl { get; }
    public string AdminToken { get; }
    public string LogPath { get; }
    public int Pid => _process.Id;

    private SiloProcess(Process process, string baseUrl, string adminToken, string logPath) =>
        (_process, BaseUrl, AdminToken, LogPath) = (process, baseUrl, adminToken, logPath);

    public static async Task<SiloProcess> StartAsync(string siloDll, string connectionString, string logPath, IDictionary<string, string>? extra = null)
    {
        var (http, silo, gateway) = (FreePort(), FreePort(), FreePort());
        var token = "adm_bench_" + Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("dotnet", $"\"{siloDll}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
        };
        start.Environment["ConnectionStrings__Market"] = connectionString;
        start.Environment["Market__AdminToken"] = token;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{http}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Market__Orleans__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture);
        start.Environment["Market__Orleans__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture);
        start.Environment["Market__Orleans__ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..8];
        start.Environment["MARKET_SKIP_CONSOLE_BUILD"] = "1";
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var process = Process.Start(start)!;
        // Ctrl-C or a kill of the benchmark must not leave the silo running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var silo1 = new SiloProcess(process, $"http://127.0.0.1:{http}", token, logPath);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"the silo exited ({process.ExitCode}); log: {logPath}");
            try
            {
                if ((await probe.GetAsync(silo1.BaseUrl + "/health/ready")).StatusCode == HttpStatusCode.OK) return silo1;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the silo was not ready within 90 s; log: {logPath}");
    }

    /// <summary>Resident memory (VmRSS) in MB.</summary>
    public double ResidentMb() =>
        File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kb ? double.Parse(kb, CultureInfo.InvariantCulture) / 1024 : 0;

    /// <summary>Peak resident memory (VmHWM) in MB since the start or the last <see cref="ResetPeakResident"/>.</summary>
    public double PeakResidentMb() =>
        File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kb ? double.Parse(kb, CultureInfo.InvariantCulture) / 1024 : 0;

    /// <summary>Starts the peak over from the current resident size (Linux: writing 5 to /proc/pid/clear_refs).</summary>
    public void ResetPeakResident() => File.WriteAllText($"/proc/{Pid}/clear_refs", "5");

    /// <summary>User + system CPU seconds of the silo so far.</summary>
    public double CpuSeconds() => ProcCpu.Of(Pid, children: false);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>CPU seconds from /proc/&lt;pid&gt;/stat.</summary>
public static class ProcCpu
{
    private static readonly double Hz = 100; // USER_HZ on Linux

    public static double Of(int pid, bool children)
    {
        var f = Fields(pid);
        if (f is null) return 0;
        // fields after the command: [11] utime [12] stime [13] cutime [14] cstime (0-based after "pid (comm)")
        var cpu = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        if (children) cpu += long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
        return cpu / Hz;
    }

    public static int ParentOf(int pid) => Fields(pid) is { } f ? int.Parse(f[1], CultureInfo.InvariantCulture) : 0;

    /// <summary>CPU of a PostgreSQL server: the postmaster with its reaped children, plus the live children.</summary>
    public static double Server(int postmaster)
    {
        var total = Of(postmaster, children: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(pid) == postmaster)
                total += Of(pid, children: false);
        return total;
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
