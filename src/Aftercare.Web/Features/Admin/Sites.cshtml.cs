using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.Organisation;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Admin;

/// <summary>Administrators manage the hospitals (sites) and the teams working at each.</summary>
public sealed class SitesModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    // Two forms on one page: each handler binds only its own form, by its prefix.
    public SiteForm NewSite { get; set; } = new();
    public TeamForm NewTeam { get; set; } = new();
    public List<SiteRow> Sites { get; private set; } = [];
    public List<SelectListItem> SiteOptions { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync() => await Load();

    public async Task<IActionResult> OnPostSiteAsync([Bind(Prefix = nameof(NewSite))] SiteForm form)
    {
        NewSite = form;
        if (!ModelState.IsValid) { await Load(); return Page(); }
        var site = Site.Create(NewSite.Name, NewSite.OdsCode, clock.GetUtcNow());
        db.Sites.Add(site);
        audit.Add(AuditActions.Create, "Site", site.Id.ToString());
        await db.SaveChangesAsync();
        Notice = $"Site added: {site.Name}";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTeamAsync([Bind(Prefix = nameof(NewTeam))] TeamForm form)
    {
        NewTeam = form;
        if (NewTeam.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == new SiteId(siteId)))
            ModelState.AddModelError("NewTeam.SiteId", "Choose a site from the list");
        if (!ModelState.IsValid) { await Load(); return Page(); }
        var team = Domain.Organisation.Team.Create(new SiteId(NewTeam.SiteId!.Value), NewTeam.Name, clock.GetUtcNow());
        db.Teams.Add(team);
        audit.Add(AuditActions.Create, "Team", team.Id.ToString());
        await db.SaveChangesAsync();
        Notice = $"Team added: {team.Name}";
        return RedirectToPage();
    }

    private async Task Load()
    {
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.OdsCode }).ToListAsync();
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new { t.SiteId, t.Name, Staff = db.Users.Count(u => u.TeamId == t.Id && u.IsActive) }).ToListAsync();
        Sites = sites.Select(s => new SiteRow(s.Id.Value, s.Name, s.OdsCode,
            teams.Where(t => t.SiteId == s.Id).Select(t => (t.Name, t.Staff)).ToList())).ToList();
        SiteOptions = [new SelectListItem("Choose a site", ""), .. sites.Select(s => new SelectListItem(s.Name, s.Id.Value.ToString()))];
    }

    public sealed record SiteRow(Guid Id, string Name, string? OdsCode, List<(string Name, int Staff)> Teams);

    public sealed class SiteForm
    {
        [Required(ErrorMessage = "Enter the site's name"), StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        public string Name { get; set; } = "";
        [StringLength(20, ErrorMessage = "ODS code must be 20 characters or fewer")]
        public string? OdsCode { get; set; }
    }

    public sealed class TeamForm
    {
        [Required(ErrorMessage = "Choose the site the team works at")]
        public Guid? SiteId { get; set; }
        [Required(ErrorMessage = "Enter the team's name"), StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        public string Name { get; set; } = "";
    }
}
