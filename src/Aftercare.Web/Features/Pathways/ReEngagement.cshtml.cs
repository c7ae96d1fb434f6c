using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Sessions;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// Adds a try to get back in touch after a missed or cancelled contact: when, how, and what came
/// of it. The pathway page carries the same form for each missed contact; this page shows it on
/// its own, and again with the errors by the fields when something needs changing.
/// </summary>
public sealed class ReEngagementModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public AttemptForm Form { get; set; } = new();
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public CareSession Session { get; private set; } = null!;
    public string ContactLabel { get; private set; } = "";
    public bool ContactOpen { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid sessionId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null || !await Load(found, new CareSessionId(sessionId), tracked: false, ct)) return NotFound();
        var now = UkTime.ToLocal(clock.GetUtcNow());
        Form.AtDate = DateParts.From(DateOnly.FromDateTime(now));
        Form.AtTime = now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await audit.WriteReadAsync("CareSession", sessionId.ToString(), id, CareAccess.BreakGlassNote(found), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid sessionId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null || !await Load(found, new CareSessionId(sessionId), tracked: true, ct)) return NotFound();
        ContactPages.Friendly(ModelState, "Form.Method", "Choose how you tried to get in touch");
        var timeOk = UkTimeInput.TryGet(ModelState, Form.AtDate, Form.AtTime, "Form.AtDate", "Form.AtTime", "Date you tried", "time you tried", out var day, out var time);
        if (!ModelState.IsValid || !timeOk) return Page();
        try
        {
            var attempt = Session.AddReEngagement(UkTime.ToUtc(day, time), Form.Method, Form.Outcome, found.Reader.Id, found.Reader.Name, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "CareSession", sessionId.ToString(), id,
                $"Tried to get back in touch by {ContactPages.Describe(attempt.Method).ToLowerInvariant()}" + (CareAccess.BreakGlassNote(found) is { } glass ? ". " + glass : ""));
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                nameof(ReEngagementAttempt.At) => "Form.AtDate",
                "ArrivedTime" => "Form.AtTime",
                nameof(ReEngagementAttempt.Method) => "Form.Method",
                nameof(ReEngagementAttempt.Outcome) => "Form.Outcome",
                _ => "",
            }, e.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Someone else added to this contact while you were writing. What you typed is still here: save again to add it.");
            return Page();
        }
        Notice = $"Your try to get back in touch about the {ContactLabel.ToLowerInvariant()} is recorded.";
        return Redirect($"/persons/{id}/pathway");
    }

    /// <summary>The session, only when it is this person's and did not take place.</summary>
    private async Task<bool> Load(PersonAccess found, CareSessionId sessionId, bool tracked, CancellationToken ct)
    {
        var sessions = tracked ? db.CareSessions : db.CareSessions.AsNoTracking();
        var session = await sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.PersonId == found.Person.Id, ct);
        if (session is null || session.IsAttended) return false;
        Session = session;
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        var contact = session.PlannedContactId is { } c
            ? await db.PlannedContacts.AsNoTracking().Where(x => x.Id == c).Select(x => new { x.Label, x.Status }).FirstOrDefaultAsync(ct)
            : null;
        ContactLabel = contact?.Label ?? "Contact";
        ContactOpen = contact?.Status == ContactStatus.Open;
        return true;
    }

    public sealed class AttemptForm
    {
        public DateParts AtDate { get; set; } = new();
        [StringLength(5, ErrorMessage = "Enter the time you tried in 24-hour format, like 14:30")]
        public string? AtTime { get; set; }
        [Required(ErrorMessage = "Choose how you tried to get in touch")]
        public ReEngagementMethod? Method { get; set; }
        [Required(ErrorMessage = "Say what happened, for example 'no answer, left a voicemail'")]
        [StringLength(1000, ErrorMessage = "Keep this to 1,000 characters or fewer")]
        public string? Outcome { get; set; }
    }
}
