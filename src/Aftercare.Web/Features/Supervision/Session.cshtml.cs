using Aftercare.Domain.Common;
using Aftercare.Domain.Sessions;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Supervision;

/// <summary>
/// One supervision session: what was discussed and reviewed, each linked to the record it is
/// about, the actions agreed and where each stands, and the addenda. For the team's supervisor,
/// who adds addenda, and the practitioner it was with; reading it is audited for each person
/// shown (hazard H56).
/// </summary>
public sealed class SessionModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public AddendumForm Form { get; set; } = new();
    public SupervisionSession Session { get; private set; } = null!;
    public Guid TeamId { get; private set; }
    public bool IsSupervisor { get; private set; }
    public Dictionary<PersonId, string> Names { get; private set; } = [];
    public Dictionary<CareSessionId, DateTimeOffset> SessionTimes { get; private set; } = [];
    public List<SupervisionAddendum> Addenda { get; private set; } = [];
    public DateOnly Today { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid sessionId, CancellationToken ct)
    {
        var found = await SupervisionPages.Session(db, User, id, sessionId, ct);
        if (found is null) return NotFound();
        await Load(id, found.Value.Session, found.Value.Reader, ct);
        var persons = Session.Cases.Select(c => c.PersonId).Concat(Session.Reviews.Select(r => r.PersonId))
            .Concat(Session.Actions.Where(a => a.AboutPersonId is not null).Select(a => a.AboutPersonId!.Value)).Distinct();
        await audit.WriteReadsAsync([new AuditedRead(AuditActions.View, "SupervisionSession", Session.Id.ToString(), null, null),
            .. persons.Select(p => new AuditedRead(AuditActions.View, "SupervisionSession", Session.Id.ToString(), p.Value, null))], ct);
        return Page();
    }

    /// <summary>The supervisor's addendum: a correction or afterthought, beside what was recorded.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, Guid sessionId, CancellationToken ct)
    {
        var found = await SupervisionPages.Session(db, User, id, sessionId, ct);
        if (found is null || found.Value.Reader.Role != StaffRole.Supervisor) return NotFound();
        var (session, reader) = found.Value;
        ModelState.Clear();
        var by = await SupervisionPages.Participant(db, reader.Id.Value, ct);
        try
        {
            var addendum = session.AddAddendum(by!, Form.Text, clock.GetUtcNow());
            db.SupervisionAddenda.Add(addendum);
            audit.Add(AuditActions.Update, "SupervisionSession", session.Id.ToString(), null, "Addendum added");
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form." + (e.Field ?? "Text"), e.Message);
            await Load(id, session, reader, ct);
            return Page();
        }
        Notice = "Addendum added.";
        return Redirect(SupervisionPages.Address(id, session.Id));
    }

    /// <summary>
    /// The supervisor closes an action: done (with an optional note), or no longer needed (always
    /// with why). The practitioner closes their own on their own page.
    /// </summary>
    public async Task<IActionResult> OnPostCloseAsync(Guid id, Guid sessionId, Guid action, bool done, string? note, CancellationToken ct)
    {
        var found = await SupervisionPages.Session(db, User, id, sessionId, ct);
        if (found is null || found.Value.Reader.Role != StaffRole.Supervisor) return NotFound();
        var (session, reader) = found.Value;
        var tracked = await db.SupervisionActions.FirstOrDefaultAsync(a => a.Id == new SupervisionActionId(action) && a.SupervisionSessionId == session.Id, ct);
        if (tracked is null) return NotFound();
        ModelState.Clear();
        try
        {
            if (done) tracked.MarkDone(reader.Id, reader.Name, note, clock.GetUtcNow());
            else tracked.MarkNoLongerNeeded(reader.Id, reader.Name, note, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "SupervisionAction", tracked.Id.ToString(), tracked.AboutPersonId?.Value, done ? "Marked done" : "No longer needed");
            await db.SaveChangesAsync(ct);
            Notice = done ? "Action marked done." : "Action closed as no longer needed.";
        }
        catch (ClinicalRuleException e)
        {
            ModelState.SetModelValue($"Close_{action:N}", note, note);
            ModelState.AddModelError($"Close_{action:N}", e.Message);
            db.ChangeTracker.Clear();
            await Load(id, session, reader, ct);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            Notice = "That action had just been closed by someone else: it is shown as they closed it.";
        }
        return Redirect(SupervisionPages.Address(id, session.Id));
    }

    private async Task Load(Guid team, SupervisionSession session, CurrentStaff reader, CancellationToken ct)
    {
        (Session, TeamId, IsSupervisor) = (session, team, reader.Role == StaffRole.Supervisor);
        Today = UkTime.DateOf(clock.GetUtcNow());
        Names = await SupervisionPages.Names(db, session.Cases.Select(c => c.PersonId).Concat(session.Reviews.Select(r => r.PersonId))
            .Concat(session.Actions.Where(a => a.AboutPersonId is not null).Select(a => a.AboutPersonId!.Value)), ct);
        var sessionIds = session.Reviews.Where(r => r.CareSessionId is not null).Select(r => r.CareSessionId!.Value).ToList();
        SessionTimes = sessionIds.Count == 0 ? [] : await db.CareSessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.OccurredAt, ct);
        Addenda = await db.SupervisionAddenda.AsNoTracking().Where(a => a.SupervisionSessionId == session.Id).OrderBy(a => a.AddedAt).ToListAsync(ct);
    }

    public string NameOf(PersonId id) => Names.GetValueOrDefault(id, "a person");

    public sealed class AddendumForm
    {
        public string? Text { get; set; }
    }
}
