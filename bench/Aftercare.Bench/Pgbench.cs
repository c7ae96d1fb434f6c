using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Aftercare.Bench;

/// <summary>
/// Runs pgbench -S (select-only: one primary-key lookup per transaction) against a database of
/// pgbench's own on the same server, with as many clients as the application's run: the
/// database's ceiling on this machine, against which each page's throughput is set.
/// </summary>
public static partial class Pgbench
{
    public sealed record Result(double Tps, long Transactions, double LatencyMs, Driver.CpuUse Cpu, string Detail);

    public static async Task<Result> RunAsync(string bin, string connection, string database, int clients, int warmup, int seconds, int? appPid)
    {
        const int threads = 2;
        if (warmup > 0)
        {
            Console.WriteLine($"Running pgbench -S for {warmup} s warm-up");
            await Run(bin, connection, database, clients, threads, warmup, vacuum: true, during: null);
        }
        Console.WriteLine($"Running pgbench -S -c {clients} -j {threads} -T {seconds}");
        ProcessStats.Snapshot? first = null, last = null;
        var output = await Run(bin, connection, database, clients, threads, seconds, vacuum: false, during: async pid =>
        {
            // Measured from a second in (all clients connected) to half a second before the end.
            var started = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(1, seconds / 4.0)));
            first = ProcessStats.Sample(appPid, database, pid);
            var until = TimeSpan.FromSeconds(seconds - Math.Min(0.5, seconds / 4.0)) - Stopwatch.GetElapsedTime(started);
            if (until > TimeSpan.Zero) await Task.Delay(until);
            last = ProcessStats.Sample(appPid, database, pid);
        });
        var tps = Number(Tps(), output) ?? throw new BenchException("pgbench printed no TPS:\n" + output);
        var transactions = (long)(Number(Transactions(), output) ?? 0);
        var latency = Number(Latency(), output) ?? double.NaN;
        var cpu = first is not null && last is not null ? ProcessStats.Between(first, last) : new Driver.CpuUse(0, 0, 0, double.NaN, double.NaN, 0);
        return new Result(tps, transactions, latency, cpu, $"{clients} clients, {threads} threads, {seconds} s");
    }

    private static async Task<string> Run(string bin, string connection, string database, int clients, int threads, int seconds, bool vacuum,
        Func<int, Task>? during)
    {
        var cs = new NpgsqlConnectionStringBuilder(connection);
        var start = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-S", "-c", $"{clients}", "-j", $"{threads}", "-T", $"{seconds}", "-h", cs.Host ?? "127.0.0.1", "-p", $"{cs.Port}" })
            start.ArgumentList.Add(arg);
        if (cs.Username is { } user)
        {
            start.ArgumentList.Add("-U");
            start.ArgumentList.Add(user);
        }
        if (!vacuum) start.ArgumentList.Add("-n");
        start.ArgumentList.Add(database);
        if (cs.Password is { } password) start.Environment["PGPASSWORD"] = password;

        using var process = Process.Start(start) ?? throw new BenchException($"Could not start {bin}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (during is not null) await during(process.Id);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new BenchException($"pgbench failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }

    private static double? Number(Regex pattern, string text) =>
        pattern.Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^tps = ([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex Tps();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex Transactions();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();
}
