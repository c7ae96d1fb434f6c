using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Messages;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Alerts;

/// <summary>
/// One duty alert (M12), for the clinicians of its team: the person's message with the words the
/// rules matched marked, each reason, who was on duty, when it escalates (or did), and what has
/// been done. Whoever acts first takes it on ("I'm taking this on"); it closes only with what was
/// done, and "no action" or "something else" only with why or what. Two people responding at once
/// cannot both be recorded: the second is told, and shown what the first recorded.
/// </summary>
public sealed class AlertModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public ResponseForm Form { get; set; } = new();
    public DutyAlert Alert { get; private set; } = null!;
    public string PersonName { get; private set; } = "";
    public MessageView Message { get; private set; } = null!;
    public Dictionary<Guid, string> Names { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.DutyAlertForTeam(new DutyAlertId(id), User, tracked: false, ct);
        if (found is null) return NotFound();
        await Load(found.Alert, ct);
        await audit.WriteReadAsync("DutyAlert", id.ToString(), found.Alert.PersonId.Value, null, ct);
        return Page();
    }

    /// <summary>"I'm taking this on": the first to press it is recorded; the banner then leaves everyone else's pages.</summary>
    public async Task<IActionResult> OnPostTakeAsync(Guid id, CancellationToken ct)
    {
        var found = await access.DutyAlertForTeam(new DutyAlertId(id), User, tracked: true, ct);
        if (found is null) return NotFound();
        var alert = found.Alert;
        if (alert.Acknowledge(found.Reader.Id, clock.GetUtcNow()))
        {
            audit.Add(AuditActions.Acknowledge, "DutyAlert", id.ToString(), alert.PersonId.Value, alert.IsEscalated ? "Taken on after it escalated" : null);
            try
            {
                await db.SaveChangesAsync(ct);
                Notice = "You have taken this alert on. Record what was done when you have acted.";
            }
            catch (DbUpdateConcurrencyException)
            {
                Notice = "Someone else acted on this alert at the same moment: check below who has it.";
            }
        }
        else if (alert.AcknowledgedBy != found.Reader.Id)
        {
            Notice = "Someone else has already taken this alert on: see who below.";
        }
        return Redirect($"/alerts/{id}");
    }

    /// <summary>Records what was done, which closes the alert.</summary>
    public async Task<IActionResult> OnPostRespondAsync(Guid id, CancellationToken ct)
    {
        var found = await access.DutyAlertForTeam(new DutyAlertId(id), User, tracked: true, ct);
        if (found is null) return NotFound();
        var alert = found.Alert;
        // Someone else recorded what was done while this form was open: the second is told, never saved over the first.
        if (!alert.IsOpen)
        {
            db.ChangeTracker.Clear();
            await Load(alert, ct);
            ModelState.AddModelError("", AlreadyRecorded(alert));
            return Page();
        }
        try
        {
            alert.RecordResponse(found.Reader.Id, Form.Response, Form.Note, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "DutyAlert", id.ToString(), alert.PersonId.Value, "Closed: " + AlertText.Response(alert.Response!.Value));
            await db.SaveChangesAsync(ct);
            Notice = "Recorded. The alert is closed.";
            return Redirect($"/alerts/{id}");
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                nameof(DutyAlert.Response) when alert.RespondedAt is null => "Form.Response",
                nameof(DutyAlert.ResponseNote) => "Form.Note",
                _ => "",
            }, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone responded (or took it on, or it escalated) in the same moment: show the alert as it is now.
            db.ChangeTracker.Clear();
            await Load(await db.DutyAlerts.AsNoTracking().FirstAsync(a => a.Id == new DutyAlertId(id), ct), ct);
            ModelState.AddModelError("", Alert.IsOpen
                ? "Someone else acted on this alert at the same moment. Check it below, then record what was done again."
                : AlreadyRecorded(Alert));
            return Page();
        }
        db.ChangeTracker.Clear();
        await Load(await db.DutyAlerts.AsNoTracking().FirstAsync(a => a.Id == new DutyAlertId(id), ct), ct);
        return Page();
    }

    private string AlreadyRecorded(DutyAlert alert) =>
        $"{Name(alert.RespondedBy)} has already recorded what was done about this alert, so yours was not saved: read it below, and add anything more to {PersonName}'s record.";

    private async Task Load(DutyAlert alert, CancellationToken ct)
    {
        Alert = alert;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == alert.PersonId)
            .Select(p => (p.PreferredName ?? p.GivenName) + " " + p.FamilyName).FirstAsync(ct);
        PersonName = person;
        Message = await db.Messages.AsNoTracking().Where(m => m.Id == alert.MessageId)
            .Select(m => new MessageView(m.Sequence, m.SenderKind, m.SenderName, m.Body, m.SentAt, m.SentOutOfHours)).FirstAsync(ct);
        var ids = new[] { alert.DutyPractitionerId, alert.AcknowledgedBy, alert.RespondedBy }.OfType<StaffId>().Select(s => s.Value).Distinct().ToList();
        Names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public string Name(StaffId? staff) => staff is { } s ? Names.GetValueOrDefault(s.Value, "a former member of staff") : "nobody";

    public static IReadOnlyList<Choice> Responses { get; } =
    [
        new(nameof(DutyResponse.CalledThePerson), "I called the person", "Or tried to: say in the note what happened"),
        new(nameof(DutyResponse.ContactedEmergencyServices), "I contacted emergency services", "999, the police or an ambulance, for them"),
        new(nameof(DutyResponse.NoActionNeeded), "No action was needed", "Say why in the note"),
        new(nameof(DutyResponse.SomethingElse), "Something else", "Say what in the note"),
    ];

    public sealed class ResponseForm
    {
        public DutyResponse? Response { get; set; }
        public string? Note { get; set; }
    }
}
