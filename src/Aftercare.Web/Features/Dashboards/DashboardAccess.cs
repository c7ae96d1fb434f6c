using System.Security.Claims;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Teams;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Dashboards;

/// <summary>What a dashboard covers: one team, one site's teams, or every team (Teams null).</summary>
public sealed record DashboardScope(string Kind, Guid? Id, string Name, IReadOnlyList<Guid>? Teams, string Address)
{
    public const string TeamKind = "team", SiteKind = "site", DeploymentKind = "deployment";
}

/// <summary>A dashboard another may go to from this one.</summary>
public sealed record DashboardLink(string Text, string Href);

/// <summary>
/// Who may open which dashboard, decided in one place: a team's dashboard, its supervisor only; a
/// site's, a supervisor of one of its teams and administrators; the deployment's, administrators.
/// Everyone else, another team's or site's supervisor included, is answered null, so "not found".
/// </summary>
public sealed class DashboardAccess(AftercareDb db)
{
    public async Task<(DashboardScope Scope, List<DashboardLink> Links)?> Team(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (TeamPages.Supervisor(user, id) is null) return null;
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == new TeamId(id))
            .Select(t => new { t.Name, t.SiteId, Site = db.Sites.Where(s => s.Id == t.SiteId).Select(s => s.Name).FirstOrDefault() }).FirstOrDefaultAsync(ct);
        if (team is null) return null;
        return (new DashboardScope(DashboardScope.TeamKind, id, team.Name, [id], $"/teams/{id}/dashboard"),
            [new DashboardLink($"Site dashboard: {team.Site}", $"/sites/{team.SiteId.Value}/dashboard")]);
    }

    public async Task<(DashboardScope Scope, List<DashboardLink> Links)?> Site(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var staff = CurrentStaff.From(user);
        if (staff is null) return null;
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == new SiteId(id)).Select(s => new { s.Name }).FirstOrDefaultAsync(ct);
        if (site is null) return null;
        var teams = await db.Teams.AsNoTracking().Where(t => t.SiteId == new SiteId(id)).Select(t => t.Id).ToListAsync(ct);
        var links = new List<DashboardLink>();
        if (staff.Role == StaffRole.Administrator)
            links.Add(new DashboardLink("Deployment dashboard", "/dashboard"));
        else if (staff.Role == StaffRole.Supervisor && staff.TeamId is { } own && teams.Contains(own))
            links.Add(new DashboardLink($"Team dashboard: {staff.TeamName}", $"/teams/{own.Value}/dashboard"));
        else
            return null;
        return (new DashboardScope(DashboardScope.SiteKind, id, site.Name, [.. teams.Select(t => t.Value)], $"/sites/{id}/dashboard"), links);
    }

    public async Task<(DashboardScope Scope, List<DashboardLink> Links)?> Deployment(ClaimsPrincipal user, CancellationToken ct)
    {
        if (CurrentStaff.From(user) is not { Role: StaffRole.Administrator }) return null;
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        return (new DashboardScope(DashboardScope.DeploymentKind, null, "All sites", null, "/dashboard"),
            [.. sites.Select(s => new DashboardLink($"Site dashboard: {s.Name}", $"/sites/{s.Id.Value}/dashboard"))]);
    }
}
