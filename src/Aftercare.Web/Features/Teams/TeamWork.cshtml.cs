using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Work;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Teams;

/// <summary>
/// The team's worklist for the supervisor (and the team's practitioners): every open contact, most
/// urgent first, with who holds it. Only the team's own: any other team's answers "not found".
/// </summary>
public sealed class TeamWorkModel(Worklists worklists, AftercareDb db, TimeProvider clock) : PageModel
{
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public List<WorkItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public Guid? Practitioner { get; private set; }
    /// <summary>The team's clinicians for the filter: names only, no caseload counts (the caseloads page has those).</summary>
    public List<(Guid Id, string Name)> Practitioners { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? practitioner, int? page, CancellationToken ct)
    {
        var staff = CurrentStaff.From(User);
        if (staff is null || !staff.IsClinical || staff.TeamId?.Value != id) return NotFound();
        TeamId = id;
        TeamName = staff.TeamName ?? "";
        Now = clock.GetUtcNow();
        var team = new TeamId(id);
        Practitioners = [.. (await db.Users.AsNoTracking()
                .Where(u => u.TeamId == team && u.IsActive && (u.Role == StaffRole.Practitioner || u.Role == StaffRole.Supervisor))
                .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName))];
        Practitioner = practitioner is { } p && Practitioners.Any(x => x.Id == p) ? p : null;
        PageNumber = Math.Clamp(page ?? 1, 1, 10_000);
        (Items, Total) = await worklists.ForTeam(new TeamId(id), Practitioner is { } chosen ? new StaffId(chosen) : null, PageNumber, Now, ct);
        return Page();
    }

    public int Pages => Math.Max(1, (Total + Worklists.TeamPageSize - 1) / Worklists.TeamPageSize);

    public IEnumerable<WorkItem> In(Urgency urgency) => Items.Where(i => i.Urgency == urgency);

    public string PageLink(int page) => $"/teams/{TeamId}/work?page={page}" + (Practitioner is { } p ? $"&practitioner={p}" : "");
}
