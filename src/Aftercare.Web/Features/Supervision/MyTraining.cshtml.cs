using Aftercare.Domain.Common;
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
/// A practitioner's own training (M14): each module in force, what is overdue or due first, and
/// their completions; they record their own, which their supervisor sees as recorded by them.
/// </summary>
public sealed class MyTrainingModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public CompletionForm Form { get; set; } = new();
    public List<TrainingModule> Modules { get; private set; } = [];
    public TrainingRow Row { get; private set; } = new(Guid.Empty, "", []);
    public List<(TrainingRecord Record, string Module)> History { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (SupervisionPages.Clinician(User) is not { } me) return NotFound();
        Form.CompletedOn = DateParts.From(UkTime.DateOf(clock.GetUtcNow()));
        await Load(me, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (SupervisionPages.Clinician(User) is not { } me) return NotFound();
        ModelState.Clear();
        if (await TrainingMatrix.Record(db, audit, ModelState, "Form", me.Id.Value, Form.Module, Form.CompletedOn, Form.Evidence, me, clock.GetUtcNow(), ct))
        {
            Notice = "Completion recorded.";
            return Redirect("/my/training");
        }
        await Load(me, ct);
        return Page();
    }

    private async Task Load(CurrentStaff me, CancellationToken ct)
    {
        Modules = await TrainingMatrix.ModulesInForce(db, ct);
        var rows = await TrainingMatrix.For(db, [(me.Id.Value, me.Name)], Modules, UkTime.DateOf(clock.GetUtcNow()), ct);
        Row = rows[0] with { Cells = [.. rows[0].Cells.OrderBy(c => c.Status.Urgency).ThenBy(c => c.Status.DueOn ?? DateOnly.MaxValue).ThenBy(c => c.Module.Name)] };
        var records = await db.TrainingRecords.AsNoTracking().Where(r => r.StaffId == me.Id)
            .Join(db.TrainingModules, r => r.TrainingModuleId, m => m.Id, (r, m) => new { r, m.Name })
            .OrderByDescending(x => x.r.CompletedOn).ThenByDescending(x => x.r.RecordedAt).Take(100).ToListAsync(ct);
        History = [.. records.Select(x => (x.r, x.Name))];
    }

    public List<SelectListItem> ModuleOptions => [new("Choose a module", ""), .. Modules.Select(m => new SelectListItem(m.Name, m.Id.Value.ToString()))];

    public sealed class CompletionForm
    {
        public Guid? Module { get; set; }
        public DateParts CompletedOn { get; set; } = new();
        public string? Evidence { get; set; }
    }
}
