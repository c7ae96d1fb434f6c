using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Supervision;

/// <summary>
/// The team's training (M14), for its supervisor: each clinician against each module in force,
/// with the status in words and the dates, the most overdue first; the supervisor records a
/// completion for anyone of the team.
/// </summary>
public sealed class TeamTrainingModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public CompletionForm Form { get; set; } = new();
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public List<TrainingModule> Modules { get; private set; } = [];
    public List<TrainingRow> Rows { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (SupervisionPages.TeamSupervisor(User, id) is null) return NotFound();
        Form.CompletedOn = DateParts.From(UkTime.DateOf(clock.GetUtcNow()));
        await Load(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var staff = SupervisionPages.TeamSupervisor(User, id);
        if (staff is null) return NotFound();
        ModelState.Clear();
        await Load(id, ct);
        var who = Rows.FirstOrDefault(r => r.StaffId == Form.Staff);
        if (who is null) ModelState.AddModelError("Form.Staff", "Choose who completed it");
        if (who is not null && await TrainingMatrix.Record(db, audit, ModelState, "Form", who.StaffId, Form.Module, Form.CompletedOn, Form.Evidence, staff, clock.GetUtcNow(), ct))
        {
            Notice = $"Recorded for {who.Name}.";
            return Redirect($"/teams/{id}/training");
        }
        return Page();
    }

    private async Task Load(Guid id, CancellationToken ct)
    {
        var team = new TeamId(id);
        TeamId = id;
        TeamName = await db.Teams.AsNoTracking().Where(t => t.Id == team).Select(t => t.Name).FirstAsync(ct);
        var clinicians = await db.Users.AsNoTracking()
            .Where(u => u.TeamId == team && u.IsActive && (u.Role == StaffRole.Practitioner || u.Role == StaffRole.Supervisor))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        Modules = await TrainingMatrix.ModulesInForce(db, ct);
        Rows = await TrainingMatrix.For(db, [.. clinicians.Select(c => (c.Id, c.DisplayName))], Modules, UkTime.DateOf(clock.GetUtcNow()), ct);
    }

    public List<SelectListItem> StaffOptions => [new("Choose who", ""), .. Rows.OrderBy(r => r.Name).Select(r => new SelectListItem(r.Name, r.StaffId.ToString()))];

    public List<SelectListItem> ModuleOptions => [new("Choose a module", ""), .. Modules.Select(m => new SelectListItem(m.Name, m.Id.Value.ToString()))];

    public sealed class CompletionForm
    {
        public Guid? Staff { get; set; }
        public Guid? Module { get; set; }
        public DateParts CompletedOn { get; set; } = new();
        public string? Evidence { get; set; }
    }
}
