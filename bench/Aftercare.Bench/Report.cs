using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Aftercare.Bench;

/// <summary>The plain-text table printed at the end of a run and kept in bench/results.</summary>
public static class Report
{
    public const double RecordP99TargetMs = 50;
    public const double RecordShareOfPgbenchTarget = 0.05;
    public const double LoadSecondsTarget = 600;
    public const double PeakMemoryTargetBytes = 500 * 1024 * 1024;
    public const double PlanP99TargetMs = 50;
    public const double PlanSaveP99TargetMs = 100;
    public const double PlanPdfP99TargetMs = 250;
    public const double WorkP99TargetMs = 50;
    public const double DirectoryP99TargetMs = 50;
    public const double ReferralP99TargetMs = 50;
    public const double EverythingP99TargetMs = 100;
    public const double TeamDashboardP99TargetMs = 200;
    public const double DeploymentDashboardP99TargetMs = 2000;
    public const double WorkShareOfPgbenchTarget = 0.05;
    public const double MessageP99TargetMs = 250;
    public const double AlertP99TargetMs = 500;
    /// <summary>The messaging targets are set for this many open pages and this rate.</summary>
    public const int MessagingTargetPages = 500;
    public const double MessagingTargetRate = 100;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(DriveOptions o, LoadSummary? load, Pgbench.Result? pgbench, List<Driver.ScenarioResult> results, long? peakBytes,
        string? serverVersion, int teams, Driver.MessagingSetup? messaging = null)
    {
        var sb = new StringBuilder();
        void Line(FormattableString s) => sb.AppendLine(s.ToString(Inv));

        Line($"Aftercare benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(o.Note is null ? "" : ", " + o.Note)}");
        Line($"Machine: {Environment.ProcessorCount} cores, {MachineMemoryGb():0.0} GB; PostgreSQL {serverVersion ?? "?"}; {RuntimeInformation.FrameworkDescription}");
        if (load is not null)
        {
            Line($"Data: scale {load.Scale:0.###} ({load.Years:0.#} year{(load.Years == 1 ? "" : "s")}): {load.Sites:N0} sites, {load.Teams:N0} teams, {load.Staff:N0} staff,");
            Line($"      {load.Persons:N0} people ({load.PersonsWithNhsNumber:N0} with an NHS number), {load.Presentations:N0} presentations, {load.AuditEvents:N0} audit events,");
            Line($"      {load.SafetyPlans:N0} safety plans with {load.SafetyPlanVersions:N0} versions,");
            Line($"      {load.Assessments:N0} assessments, {load.Pathways:N0} pathways with {load.PlannedContacts:N0} planned contacts ({load.OpenContacts:N0} open, {load.OverdueContacts:N0} overdue), {load.CareSessions:N0} sessions,");
            if (load.CoveredPathways > 0)
                Line($"      {load.CoveredPathways:N0} pathways covered now, one practitioner in {Loader.AwayOneIn} being away,");
            Line($"      {load.Services:N0} services in the directory, {load.Referrals:N0} referrals,");
            Line($"      {load.PatientAccounts:N0} patient accounts with conversations of {load.Messages:N0} messages");
            var rows = load.Persons + load.Presentations + load.AuditEvents + load.SafetyPlans + load.SafetyPlanVersions
                + load.Assessments + load.Pathways + load.PractitionerChanges + load.PlannedContacts + load.CareSessions;
            Line($"Load: {load.TotalSeconds:0.0} s (COPY {load.CopySeconds:0.0} s + VACUUM (ANALYZE) {load.VacuumSeconds:0.0} s), {rows / Math.Max(load.CopySeconds, 0.001):N0} rows/s while copying");
            if (load.DashboardRebuildSeconds > 0)
                Line($"Dashboards: the counts of every month worked out in {load.DashboardRebuildSeconds:0.0} s, as the nightly rebuild does (the last time it was due)");
        }
        Line($"Run: {o.Clients} clients signed in as practitioners of {teams} teams, each sending its next request when the last is answered; {o.Warmup} s warm-up then {o.Seconds} s per scenario, over loopback");
        if (o.Scenarios.Contains("team-dashboard") || o.Scenarios.Contains("deployment-dashboard"))
            Line($"Dashboards: the team dashboard by {o.Clients} clients signed in as the supervisors of those teams; the deployment's by one administrator, one request at a time; each for the last 12 complete months");
        if (messaging is { } setup)
        {
            Line($"Messaging: {setup.Pages:N0} live practitioner pages (WebSockets to /hubs/live, each joined to one conversation) of {setup.Practitioners:N0} practitioners in {setup.Teams:N0} teams;");
            Line($"      {setup.MessagesPerSecond:0.#} messages a second through POST /my/messages from {setup.Senders:N0} people, each sending again once their last was shown;");
            Line($"      in the crisis scenario {setup.CrisisShare:P0} of them are flagged by the default crisis rules and alert the team's duty practitioner");
        }
        var pg = pgbench?.Tps ?? o.PgbenchTps;
        if (pgbench is not null)
            Line($"pgbench -S (select-only) on the same server: {pgbench.Tps:N0} TPS, {pgbench.LatencyMs:0.00} ms average ({pgbench.Detail}, pgbench scale 10)");
        else
            Line($"pgbench -S (select-only) on the same server: {(pg is { } t ? t.ToString("N0", Inv) + " TPS (given)" : "not measured")}");
        if (results.Any(r => r.PgbenchBeside is not null))
        {
            var beside = results.Where(r => r.PgbenchBeside is not null).Select(r => r.PgbenchBeside!.Value).ToList();
            Line($"pgbench -S again for {Math.Max(10, o.Seconds / 2)} s after each scenario; a page's share is of the mean of the pgbench -S runs just before and");
            Line($"  just after it ('pgbench beside'), from {beside.Min():N0} to {beside.Max():N0} TPS in this run");
        }
        var baseline = results.FirstOrDefault(r => r.Name == "baseline")?.Total.PerSecond;
        sb.AppendLine();

        var header = $"{"Scenario",-46} {"Requests",9} {"Errors",7} {"Req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"÷ pgbench -S",13} {"÷ baseline",11} {"pgbench beside",15}";
        sb.AppendLine(header);
        sb.AppendLine(new string('-', header.Length));
        foreach (var r in results)
        {
            var of = r.PgbenchBeside ?? pg;
            // A message's figure is a delivery, not a page: its throughput as a share of pgbench's says nothing.
            sb.AppendLine(Row(r.Total, r.Title, "", of, baseline, ratios: r.MessagesSent is null)
                + (r.PgbenchBeside is { } tps ? string.Create(Inv, $" {tps,15:N0}") : ""));
            foreach (var p in r.Parts) sb.AppendLine(Row(p, p.Label, "  ", of, baseline, ratios: !r.FirstPartCounts));
        }
        sb.AppendLine();
        sb.AppendLine("Latency is from sending the request to reading the last byte of the answer. 'Record a presentation' and 'Save the");
        sb.AppendLine("safety plan' count the POST that saves (answered by a redirect); each save is preceded by a GET of the form, timed on");
        sb.AppendLine("the line below it.");
        if (messaging is not null)
        {
            sb.AppendLine("A message's time runs from starting the person's POST to the 'message' event arriving on the practitioner's live page;");
            sb.AppendLine("a crisis alert's, to the 'alert' event on the duty practitioner's page. Either not there within 5 s is not delivered:");
            sb.AppendLine("an error. The POST and the page the browser is sent back to are timed on the lines below.");
        }
        sb.AppendLine();

        var cpuHeader = $"{"CPU per request (ms) and machine use",-46} {"app",8} {"database",9} {"client",8} {"busy",6} {"others",7}";
        sb.AppendLine(cpuHeader);
        sb.AppendLine(new string('-', cpuHeader.Length));
        if (pgbench is not null) sb.AppendLine(CpuRow("pgbench -S (per transaction)", pgbench.Cpu, pgbench.Transactions * pgbench.Cpu.WallSeconds / o.Seconds));
        foreach (var r in results)
            sb.AppendLine(r.MessagesSent is { } sent
                ? CpuRow(r.Name == "crisis" ? "Crisis messages (per message sent)" : "Messaging (per message sent)", r.Cpu, sent)
                : CpuRow(r.Title + (r.FirstPartCounts ? " (form + save)" : ""), r.Cpu, r.Total.Requests - r.Total.Errors));
        sb.AppendLine();
        sb.AppendLine("'client' is the driver (pgbench itself on its line); 'busy' is the whole machine; 'others' is CPU used by processes");
        sb.AppendLine("other than these, such as builds: a high figure there means the run was disturbed and its throughput is low.");
        sb.AppendLine();
        Line($"Application peak memory (VmHWM, peak resident set): {(peakBytes is { } b ? $"{b / 1024.0 / 1024.0:N0} MB" : "not measured")}");
        sb.AppendLine();

        var errors = results.SelectMany(r => r.Parts.Length == 0 ? [r.Total] : r.Parts).Where(p => p.Errors > 0).ToList();
        foreach (var p in errors) Line($"Errors in {p.Metric}: {p.Errors:N0}; the first: {p.FirstError}");
        if (errors.Count > 0) sb.AppendLine();

        var record = results.FirstOrDefault(r => r.Name == "record")?.Total;
        Line($"Targets (set for scale 10 with 16 clients on this 2-core machine, the load generator sharing it):");
        Target(sb, "Record page p99 <= 50 ms", record is null ? null : $"{record.P99:0.0} ms", record is null ? null : record.P99 <= RecordP99TargetMs);
        var recordPg = results.FirstOrDefault(r => r.Name == "record")?.PgbenchBeside ?? pg;
        double? share = record is not null && recordPg is > 0 ? record.PerSecond / recordPg.Value : null;
        Target(sb, "Record page >= 5% of pgbench -S throughput", share is { } s ? $"{s:P1}" : null, share is { } m ? m >= RecordShareOfPgbenchTarget : null);
        // The load-time target is for scale 10 only: a smaller load says nothing about it.
        Target(sb, "Scale-10 data loaded in < 10 minutes", load is null ? null : $"{load.TotalSeconds / 60:0.0} min",
            load is null || load.Scale != 10 ? null : load.TotalSeconds < LoadSecondsTarget,
            load is null || load.Scale == 10 ? null : $"(scale {load.Scale.ToString("0.###", Inv)})");
        Target(sb, "Application peak memory < 500 MB", peakBytes is { } pb ? $"{pb / 1024.0 / 1024.0:N0} MB" : null,
            peakBytes is { } peak ? peak < PeakMemoryTargetBytes : null);
        P99Target(sb, results, "plan", "Safety plan page p99 <= 50 ms", PlanP99TargetMs);
        P99Target(sb, results, "plan-save", "Safety plan save p99 <= 100 ms", PlanSaveP99TargetMs);
        P99Target(sb, results, "plan-pdf", "Safety plan PDF p99 <= 250 ms", PlanPdfP99TargetMs);
        P99Target(sb, results, "work", "My work p99 <= 50 ms", WorkP99TargetMs);
        ShareTarget(sb, results, "work", "My work >= 5% of pgbench -S throughput", pg, WorkShareOfPgbenchTarget);
        P99Target(sb, results, "team-work", "Team worklist p99 <= 50 ms", WorkP99TargetMs);
        ShareTarget(sb, results, "team-work", "Team worklist >= 5% of pgbench -S throughput", pg, WorkShareOfPgbenchTarget);
        P99Target(sb, results, "directory", "Directory search p99 <= 50 ms", DirectoryP99TargetMs);
        P99Target(sb, results, "referral", "Referral page p99 <= 50 ms", ReferralP99TargetMs);
        P99Target(sb, results, "everything", "FHIR $everything p99 <= 100 ms", EverythingP99TargetMs);
        P99Target(sb, results, "team-dashboard", "Team dashboard p99 <= 200 ms", TeamDashboardP99TargetMs);
        P99Target(sb, results, "deployment-dashboard", "Deployment dashboard, a year, p99 <= 2 s", DeploymentDashboardP99TargetMs);
        // No target was set for the pathway page; its figure is shown beside the others for reference.
        var pathway = results.FirstOrDefault(r => r.Name == "pathway")?.Total;
        Target(sb, "Care pathway page p99 (no target)", pathway is null ? null : double.IsNaN(pathway.P99) ? "no answers" : $"{pathway.P99:0.0} ms", null,
            pathway is null ? null : "for reference");
        DeliveryTarget(sb, results, "messaging", "Message on the practitioner's page p99 <= 250 ms", MessageP99TargetMs);
        DeliveryTarget(sb, results, "crisis", "Crisis alert on the duty page p99 <= 500 ms", AlertP99TargetMs);
        if (load is not null && (load.Scale != 10 || o.Clients != 16))
            Line($"This run was scale {load.Scale:0.###} with {o.Clients} clients, so the targets are for reference only.");
        if (messaging is not null && (messaging.Pages != MessagingTargetPages || messaging.MessagesPerSecond != MessagingTargetRate))
            Line($"The messaging targets are set for {MessagingTargetPages} pages and {MessagingTargetRate:0} messages a second; this run had {messaging.Pages} and {messaging.MessagesPerSecond:0.#}.");
        return sb.ToString();
    }

    private static string Row(Driver.PartResult p, string label, string indent, double? pgbench, double? baseline, bool ratios)
    {
        string Ratio(double? of) => ratios && of is > 0 ? (p.PerSecond / of.Value).ToString("P1", Inv) : "";
        return string.Create(Inv,
            $"{indent + label,-46} {p.Requests,9:N0} {p.Errors,7:N0} {p.PerSecond,8:N0} {Ms(p.P50),8} {Ms(p.P95),8} {Ms(p.P99),8} {Ratio(pgbench),13} {Ratio(baseline),11}");
    }

    private static string CpuRow(string title, Driver.CpuUse cpu, double requests)
    {
        var n = Math.Max(1, requests);
        return string.Create(Inv,
            $"{title,-46} {cpu.AppSeconds * 1000 / n,8:0.000} {cpu.DbSeconds * 1000 / n,9:0.000} {cpu.ClientSeconds * 1000 / n,8:0.000} {Pct(cpu.MachineBusy),6} {Pct(cpu.Others),7}");
    }

    private static string Pct(double v) => double.IsNaN(v) ? "-" : v.ToString("P0", Inv).Replace(" ", "");

    private static string Ms(double v) => double.IsNaN(v) ? "-" : v.ToString(v < 10 ? "0.00" : "0.0", Inv);

    private static void P99Target(StringBuilder sb, List<Driver.ScenarioResult> results, string scenario, string what, double targetMs)
    {
        var r = results.FirstOrDefault(r => r.Name == scenario)?.Total;
        Target(sb, what, r is null ? null : double.IsNaN(r.P99) ? "no answers" : $"{r.P99:0.0} ms", r is null ? null : r.P99 <= targetMs);
    }

    /// <summary>
    /// A delivery target is met only when everything was delivered and the p99 is within it: a
    /// message or alert never shown is worse than a slow one, whatever the percentile says.
    /// </summary>
    private static void DeliveryTarget(StringBuilder sb, List<Driver.ScenarioResult> results, string scenario, string what, double targetMs)
    {
        var r = results.FirstOrDefault(r => r.Name == scenario)?.Total;
        if (r is null)
        {
            Target(sb, what, null, null);
            return;
        }
        var value = double.IsNaN(r.P99) ? "none shown" : $"{r.P99:0.0} ms";
        Target(sb, what, value, r.Errors == 0 && r.P99 <= targetMs,
            r.Errors > 0 ? $"NOT MET: {r.Errors:N0} of {r.Requests:N0} not delivered" : null);
    }

    private static void ShareTarget(StringBuilder sb, List<Driver.ScenarioResult> results, string scenario, string what, double? pgbench, double target)
    {
        var found = results.FirstOrDefault(r => r.Name == scenario);
        var r = found?.Total;
        var of = found?.PgbenchBeside ?? pgbench;
        double? share = r is not null && of is > 0 ? r.PerSecond / of.Value : null;
        Target(sb, what, share is { } s ? $"{s:P1}" : null, share is { } m ? m >= target : null);
    }

    private static void Target(StringBuilder sb, string what, string? value, bool? met, string? instead = null) =>
        sb.AppendLine(string.Create(Inv, $"  {what,-46} {value ?? "not measured",12}   {instead ?? (met is null ? "" : met.Value ? "met" : "NOT MET")}"));

    private static double MachineMemoryGb()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024.0 / 1024.0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return double.NaN;
        }
    }
}
