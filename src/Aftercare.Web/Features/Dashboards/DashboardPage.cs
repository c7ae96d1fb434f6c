using System.Globalization;
using System.Text;
using Aftercare.Domain.Common;
using Aftercare.Domain.Dashboards;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Aftercare.Web.Features.Dashboards;

/// <summary>
/// What the team, site and deployment dashboards share: the period and breakdown asked for (a GET
/// form, so a dashboard can be bookmarked and works without script), the figures read from the
/// rollups, the read audited, and the same figures as CSV at the address ending ".csv".
/// </summary>
public abstract class DashboardPage(DashboardReader reader, AuditTrail audit, TimeProvider clock) : PageModel
{
    public DashboardScope Scope { get; private set; } = null!;
    public IReadOnlyList<DashboardLink> Links { get; private set; } = [];
    public DashboardData Data { get; private set; } = null!;
    public string Breakdown { get; private set; } = EquityGroups.Age;
    public DateTimeOffset Now { get; private set; }

    protected async Task<IActionResult> Show((DashboardScope Scope, List<DashboardLink> Links)? access, string? from, string? to, string? breakdown, CancellationToken ct)
    {
        if (access is not { } a) return NotFound();
        (Scope, Links) = (a.Scope, a.Links);
        Now = clock.GetUtcNow();
        var period = Period.Parse(from, to, Now);
        Breakdown = breakdown is not null && EquityGroups.Breakdowns.Contains(breakdown) ? breakdown : EquityGroups.Age;
        var csv = Request.Path.Value?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true;
        Data = await reader.Read(Scope.Teams, period, csv ? EquityGroups.Breakdowns : [Breakdown], Now, ct);
        // Aggregates only, but who looked at which service's figures is kept all the same.
        await audit.WriteReadAsync("Dashboard", Scope.Kind + (Scope.Id is { } id ? ":" + id : ""), null,
            $"{period.Describe()}{(csv ? " (CSV)" : "")}", ct);
        if (!csv) return Page();
        var name = $"aftercare-{Scope.Kind}-dashboard-{Period.Key(period.From)}-to-{Period.Key(period.To)}.csv";
        return File(Encoding.UTF8.GetBytes(DashboardCsv.Write(Data)), "text/csv; charset=utf-8", name);
    }

    public string CsvAddress => $"{Scope.Address}.csv?from={Period.Key(Data.Period.From)}&to={Period.Key(Data.Period.To)}";

    public string AsOf => Data.AsOf is { } t ? UkTime.ToLocal(t).ToString("HH:mm 'on' d MMMM yyyy", UkTime.English) : "not yet worked out";

    /// <summary>The months that can be chosen: the last 10 years to this month, newest first.</summary>
    public List<SelectListItem> MonthOptions(DateOnly selected)
    {
        var current = FigureRules.MonthOf(Now);
        return [.. Enumerable.Range(0, Period.MostMonths).Select(i => current.AddMonths(-i))
            .Select(m => new SelectListItem(Period.Describe(m), Period.Key(m), m == selected))];
    }

    public List<SelectListItem> BreakdownOptions =>
        [.. EquityGroups.Breakdowns.Select(b => new SelectListItem(EquityGroups.Describe(b), b, b == Breakdown))];

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : SmallNumbers.Label;

    public static string Count(long n) => n.ToString("N0", UkTime.English);

    /// <summary>"12 of 20 (60%)", or "fewer than 10" for a suppressed group.</summary>
    public static string Share(ShownGroup g) => g.IsSuppressed
        ? (g.Suppression == Suppression.Secondary ? "Hidden (see note)" : "Fewer than 10")
        : $"{Count(g.Numerator)} of {Count(g.Denominator)} ({Percent(g.Rate)})";

    public static IReadOnlyList<Bar> RateBars(IEnumerable<ShownGroup> groups) =>
        [.. groups.Select(g => new Bar(g.Group, g.Rate, g.IsSuppressed ? (g.Suppression == Suppression.Secondary ? "hidden" : SmallNumbers.Label) : Percent(g.Rate)))];

    public static IReadOnlyList<Bar> CountBars(IReadOnlyList<Part> parts)
    {
        var max = Math.Max(1, parts.Count == 0 ? 1 : parts.Max(p => p.Count));
        return [.. parts.Select(p => new Bar(p.Label, (double)p.Count / max, Count(p.Count)))];
    }

    public static string Summary(string title, IEnumerable<ShownGroup> groups) =>
        title + ": " + string.Join("; ", groups.Select(g => $"{g.Group} {(g.IsSuppressed ? SmallNumbers.Label : Percent(g.Rate))}")) + ".";

    public static string Summary(string title, IEnumerable<Part> parts) =>
        title + ": " + string.Join("; ", parts.Select(p => $"{p.Label} {Count(p.Count)}")) + ".";
}

public sealed class TeamModel(DashboardAccess access, DashboardReader reader, AuditTrail audit, TimeProvider clock) : DashboardPage(reader, audit, clock)
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? from, string? to, string? breakdown, CancellationToken ct) =>
        await Show(await access.Team(User, id, ct), from, to, breakdown, ct);
}

public sealed class SiteModel(DashboardAccess access, DashboardReader reader, AuditTrail audit, TimeProvider clock) : DashboardPage(reader, audit, clock)
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? from, string? to, string? breakdown, CancellationToken ct) =>
        await Show(await access.Site(User, id, ct), from, to, breakdown, ct);
}

public sealed class DeploymentModel(DashboardAccess access, DashboardReader reader, AuditTrail audit, TimeProvider clock) : DashboardPage(reader, audit, clock)
{
    public async Task<IActionResult> OnGetAsync(string? from, string? to, string? breakdown, CancellationToken ct) =>
        await Show(await access.Deployment(User, ct), from, to, breakdown, ct);
}
