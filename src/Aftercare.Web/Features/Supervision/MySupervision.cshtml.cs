using Aftercare.Domain.Common;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Supervision;

/// <summary>An action agreed in one's supervision, with the session it came from.</summary>
public sealed record MyAction(SupervisionAction Action, DateOnly HeldOn, string? AboutName);

/// <summary>
/// A practitioner's own supervision (M14): the actions agreed, open ones first and the overdue
/// at the top, and their history of sessions. They mark their own actions done here, so an action
/// about a person's safety stays in front of them until it is (hazard H55). Only their own: there
/// is no way to ask for anyone else's.
/// </summary>
public sealed class MySupervisionModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const int SessionsShown = 50;

    [BindProperty(Name = "Done")] public DoneForm Form { get; set; } = new();
    public List<MyAction> Actions { get; private set; } = [];
    public List<SupervisionSession> Sessions { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public Guid? TeamId { get; private set; }
    public CurrentStaff Me { get; private set; } = null!;
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (SupervisionPages.Clinician(User) is not { } me) return NotFound();
        await Load(me, ct);
        await Audit(ct);
        return Page();
    }

    /// <summary>Marks one of my own actions done, with an optional note of what was done.</summary>
    public async Task<IActionResult> OnPostDoneAsync(Guid action, CancellationToken ct)
    {
        if (SupervisionPages.Clinician(User) is not { } me) return NotFound();
        var found = await db.SupervisionActions.FirstOrDefaultAsync(a => a.Id == new SupervisionActionId(action) && a.OwnerId == me.Id, ct);
        if (found is null) return NotFound();
        ModelState.Clear();
        try
        {
            found.MarkDone(me.Id, me.Name, Form.Note, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "SupervisionAction", found.Id.ToString(), found.AboutPersonId?.Value, "Marked done");
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Done.Note", e.Message);
            db.ChangeTracker.Clear();
            await Load(me, ct);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            Notice = "That action had just been closed by someone else.";
            return Redirect("/my/supervision");
        }
        Notice = "Action marked done.";
        return Redirect("/my/supervision");
    }

    private async Task Load(CurrentStaff me, CancellationToken ct)
    {
        (Me, TeamId) = (me, me.TeamId?.Value);
        Today = UkTime.DateOf(clock.GetUtcNow());
        // My actions: those I carry, and those agreed in my supervision that my supervisor carries.
        var actions = await db.SupervisionActions.AsNoTracking()
            .Where(a => a.OwnerId == me.Id || a.PractitionerId == me.Id)
            .Join(db.SupervisionSessions, a => a.SupervisionSessionId, s => s.Id, (a, s) => new { a, s.HeldOn })
            .ToListAsync(ct);
        var names = await SupervisionPages.Names(db, actions.Where(x => x.a.AboutPersonId is not null).Select(x => x.a.AboutPersonId!.Value), ct);
        Actions = [.. actions
            .OrderBy(x => x.a.IsOpen ? 0 : 1)
            .ThenBy(x => x.a.IsOverdueOn(Today) ? 0 : 1)
            .ThenBy(x => x.a.IsOpen ? (x.a.DueOn ?? DateOnly.MaxValue) : DateOnly.MaxValue)
            .ThenByDescending(x => x.a.ClosedAt)
            .Select(x => new MyAction(x.a, x.HeldOn, x.a.AboutPersonId is { } p ? names.GetValueOrDefault(p) : null))];
        Sessions = await db.SupervisionSessions.AsNoTracking().Where(s => s.PractitionerId == me.Id)
            .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.RecordedAt).Take(SessionsShown).ToListAsync(ct);
    }

    private Task Audit(CancellationToken ct) =>
        audit.WriteReadsAsync([new AuditedRead(AuditActions.View, "MySupervision", Me.Id.ToString(), null, null),
            .. Actions.Where(a => a.Action.AboutPersonId is not null).Select(a => a.Action.AboutPersonId!.Value).Distinct()
                .Select(p => new AuditedRead(AuditActions.View, "MySupervision", Me.Id.ToString(), p.Value, null))], ct);

    public sealed class DoneForm
    {
        public string? Note { get; set; }
    }
}
