using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Alerts;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Teams;

/// <summary>One alert as the team's list shows it.</summary>
public sealed record AlertRow(DutyAlert Alert, string PersonName);

/// <summary>
/// The team's crisis alerts (M12), for its clinicians: every open one first, oldest first, so
/// nothing waiting can slip below the fold; then those closed, newest first, a page at a time.
/// </summary>
public sealed class AlertsModel(AftercareDb db, AuditTrail audit) : PageModel
{
    public const int PageSize = 20;
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public List<AlertRow> Open { get; private set; } = [];
    public List<AlertRow> Closed { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasMore { get; private set; }
    public Dictionary<Guid, string> Names { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int? p, CancellationToken ct)
    {
        if (TeamPages.Member(User, id) is null) return NotFound();
        var team = new TeamId(id);
        TeamId = id;
        TeamName = await db.Teams.AsNoTracking().Where(t => t.Id == team).Select(t => t.Name).FirstAsync(ct);
        PageNumber = Math.Max(1, p ?? 1);
        var withNames = from a in db.DutyAlerts.AsNoTracking()
                        join person in db.Persons.AsNoTracking() on a.PersonId equals person.Id
                        select new { a, Name = (person.PreferredName ?? person.GivenName) + " " + person.FamilyName };
        if (PageNumber == 1)
            Open = [.. (await withNames.Where(x => x.a.TeamId == team && x.a.RespondedAt == null).OrderBy(x => x.a.RaisedAt).Take(200).ToListAsync(ct))
                .Select(x => new AlertRow(x.a, x.Name))];
        var closed = await withNames.Where(x => x.a.TeamId == team && x.a.RespondedAt != null).OrderByDescending(x => x.a.RaisedAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasMore = closed.Count > PageSize;
        Closed = [.. closed.Take(PageSize).Select(x => new AlertRow(x.a, x.Name))];
        var ids = Open.Concat(Closed).SelectMany(r => new[] { r.Alert.AcknowledgedBy, r.Alert.RespondedBy, r.Alert.DutyPractitionerId })
            .OfType<StaffId>().Select(s => s.Value).Distinct().ToList();
        Names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        // The list names the people the alerts are about: its reading is audited, once for the page.
        await audit.WriteReadAsync("TeamAlerts", id.ToString(), null, null, ct);
        return Page();
    }

    public string Name(StaffId s) => Names.GetValueOrDefault(s.Value, "a former member of staff");
}
