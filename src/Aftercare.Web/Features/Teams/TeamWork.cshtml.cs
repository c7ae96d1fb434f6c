using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Features.Referrals;
using Aftercare.Web.Features.Work;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Teams;

/// <summary>
/// The team's worklist for the supervisor (and the team's practitioners): every open contact, most
/// urgent first, with who holds it, and the team's referrals declined on grounds NICE NG225 rules
/// out that still stand. Only the team's own: any other team's answers "not found".
/// </summary>
[ReadWithSessionCheck(WorklistPage.Team)]
public sealed class TeamWorkModel(Worklists worklists, TimeProvider clock) : PageModel
{
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public List<WorkItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public Guid? Practitioner { get; private set; }
    /// <summary>The team's clinicians for the filter: names only, no caseload counts (the caseloads page has those).</summary>
    public List<(Guid Id, string Name)> Practitioners { get; private set; } = [];
    /// <summary>The team's standing declines contrary to NICE NG225, so none goes unchallenged unseen.</summary>
    public FlaggedDeclines FlaggedDeclines { get; private set; } = FlaggedDeclines.None;
    public DateTimeOffset Now { get; private set; }

    // "page" is also the route value that names a Razor page, so the page number is read from the query alone.
    public async Task<IActionResult> OnGetAsync(Guid id, Guid? practitioner, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        var staff = CurrentStaff.From(User);
        if (staff is null || !staff.IsClinical || staff.TeamId?.Value != id) return NotFound();
        TeamId = id;
        TeamName = staff.TeamName ?? "";
        Now = clock.GetUtcNow();
        var team = new TeamId(id);
        PageNumber = Worklists.TeamPage(pageNumber);
        var list = await worklists.ForTeam(staff, team, practitioner is { } p ? new StaffId(p) : null, PageNumber, Now, ct);
        Practitioners = list.Practitioners;
        Practitioner = practitioner is { } chosen && Practitioners.Any(x => x.Id == chosen) ? chosen : null;
        // A filter that names no clinician of the team, or a page past the end (the list has
        // shrunk since the link was made): show everyone's, or the first page, instead.
        if ((practitioner is not null && Practitioner is null) || (list.Items.Count == 0 && PageNumber > 1))
        {
            PageNumber = 1;
            list = await worklists.ForTeam(staff, team, Practitioner is { } kept ? new StaffId(kept) : null, PageNumber, Now, ct);
        }
        (Items, Total, FlaggedDeclines) = (list.Items, list.Total, list.FlaggedDeclines);
        return Page();
    }

    public int Pages => Math.Max(1, (Total + Worklists.TeamPageSize - 1) / Worklists.TeamPageSize);

    public IEnumerable<WorkItem> In(Urgency urgency) => Items.Where(i => i.Urgency == urgency);

    public string PageLink(int page) => $"/teams/{TeamId}/work?page={page}" + (Practitioner is { } p ? $"&practitioner={p}" : "");
}
