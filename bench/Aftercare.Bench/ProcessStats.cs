using System.Diagnostics;
using System.Globalization;

namespace Aftercare.Bench;

/// <summary>
/// CPU time and memory from /proc: the application's process, the database's backends serving
/// the benchmark database, this driver, and the machine as a whole, so a run shows whether
/// something else on the machine was competing with it.
/// </summary>
public static class ProcessStats
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public sealed record Snapshot(double App, Dictionary<int, double> Db, double Client, long MachineBusy, long MachineTotal, long Timestamp);

    /// <summary>
    /// CPU seconds so far of the application, of the backends serving the named database, and of
    /// the client (this driver, or another process such as pgbench), with the machine's counters.
    /// </summary>
    public static Snapshot Sample(int? appPid, string database, int? clientPid = null)
    {
        var (busy, total) = Machine();
        var client = clientPid is { } c ? CpuSeconds(c) ?? 0 : Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        return new Snapshot(appPid is { } pid ? CpuSeconds(pid) ?? 0 : 0, DatabaseBackends(database), client, busy, total, Stopwatch.GetTimestamp());
    }

    /// <summary>What each used between two snapshots; whatever else kept the machine busy is "others".</summary>
    public static Driver.CpuUse Between(Snapshot a, Snapshot b)
    {
        var db = b.Db.Sum(kv => kv.Value - a.Db.GetValueOrDefault(kv.Key));
        var app = b.App - a.App;
        var client = b.Client - a.Client;
        var total = b.MachineTotal - a.MachineTotal;
        var busySeconds = (b.MachineBusy - a.MachineBusy) / TicksPerSecond;
        var capacity = total / TicksPerSecond;
        return new Driver.CpuUse(app, db, client,
            total > 0 ? (double)(b.MachineBusy - a.MachineBusy) / total : double.NaN,
            capacity > 0 ? Math.Max(0, busySeconds - app - db - client) / capacity : double.NaN,
            Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds);
    }

    /// <summary>The peak resident set of a process (VmHWM), in bytes.</summary>
    public static long? PeakResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return null;
    }

    private static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in brackets and may hold spaces; the fields after it are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Backends connected to a database: their command line names it.</summary>
    private static Dictionary<int, double> DatabaseBackends(string database)
    {
        var result = new Dictionary<int, double>();
        var marker = " " + database + " ";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!cmdline.StartsWith("postgres: ", StringComparison.Ordinal) || !cmdline.Contains(marker, StringComparison.Ordinal)) continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (CpuSeconds(pid) is { } s) result[pid] = s;
        }
        return result;
    }

    private static (long Busy, long Total) Machine()
    {
        var first = File.ReadLines("/proc/stat").First();
        var values = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        var idle = values[3] + values[4];
        return (total - idle, total);
    }
}
