using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace PatentNav.Market.Benchmarks.WritePath;

/// <summary>
/// The reference side: PostgreSQL's own pgbench on the same server, with as many clients as the project's
/// load. TPC-B (the built-in <c>tpcb-like</c>), <c>-S</c> (select only) and a one-row UPDATE script (the
/// fastest a single serialization point can go: one row, one transaction per statement).
/// </summary>
public sealed partial class Pgbench(string connectionString, int clients, string workDir)
{
    private readonly NpgsqlConnectionStringBuilder _db = new(connectionString);

    public async Task InitAsync(int scale)
    {
        var (code, output) = await Run($"-i -q -s {scale}");
        if (code != 0) throw new InvalidOperationException("pgbench -i failed: " + output);
        await File.WriteAllTextAsync(Path.Combine(workDir, "one-row-update.sql"), "UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = 1;\n");
    }

    /// <summary>Max throughput (tps) of <paramref name="mode"/>: "tpcb", "select" or "update1".</summary>
    public async Task<double> Tps(string mode, int seconds)
    {
        var (code, output) = await Run($"-n -c {clients} -j 2 -T {seconds} {Script(mode)}");
        if (code != 0) throw new InvalidOperationException($"pgbench {mode} failed: {output}");
        return ParseTps(output);
    }

    /// <summary>Latencies (ms, sorted) of TPC-B at a fixed <paramref name="rate"/>, from each transaction's scheduled start.</summary>
    public async Task<double[]> LatenciesAt(double rate, int seconds)
    {
        var logDir = Path.Combine(workDir, "log-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logDir);
        var (code, output) = await Run($"-n -c {clients} -j 2 -T {seconds} -R {rate.ToString("F0", CultureInfo.InvariantCulture)} -l --log-prefix={logDir}/tx");
        if (code != 0) throw new InvalidOperationException($"pgbench -R failed: {output}");
        var ms = new List<double>();
        foreach (var file in Directory.GetFiles(logDir))
            foreach (var line in File.ReadLines(file))
            {
                // client_id transaction_no time script_no time_epoch time_us [schedule_lag]; times in µs
                var f = line.Split(' ');
                if (f.Length < 6 || f[2] == "skipped") continue;
                var us = double.Parse(f[2], CultureInfo.InvariantCulture) + (f.Length > 6 ? double.Parse(f[6], CultureInfo.InvariantCulture) : 0);
                ms.Add(us / 1000);
            }
        Directory.Delete(logDir, true);
        ms.Sort();
        return [.. ms];
    }

    private string Script(string mode) => mode switch
    {
        "tpcb" => "-b tpcb-like",
        "select" => "-S",
        "update1" => $"-f {Path.Combine(workDir, "one-row-update.sql")}",
        _ => throw new ArgumentException(mode),
    };

    private static double ParseTps(string output) =>
        TpsLine().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("no tps in pgbench output: " + output);

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    private async Task<(int Code, string Output)> Run(string arguments)
    {
        var start = new ProcessStartInfo("pgbench", $"-h {_db.Host} -p {_db.Port} -U {_db.Username} {arguments} {_db.Database}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
