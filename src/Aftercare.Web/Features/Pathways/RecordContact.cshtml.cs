using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Access;
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
/// Records what happened at a planned contact: the check-in call or a session. An attended one is
/// done, in the same save as the session; a missed or cancelled one is recorded and the contact
/// stays open, on the worklist, until someone reaches the person or closes it with a reason.
/// </summary>
public sealed class RecordContactModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public ContactForm Form { get; set; } = new();
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public PlannedContact Contact { get; private set; } = null!;
    public string Window { get; private set; } = "";
    public string? VideoLink { get; private set; }
    public DateTimeOffset Now { get; private set; }
    /// <summary>Earlier tries at this contact that did not happen, with what was done to re-engage.</summary>
    public List<CareSession> Earlier { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public bool IsCheckIn => Contact.Kind == ContactKind.FollowUp;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid contactId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        var pathway = await db.PathwayWithContact(found.Person.Id, new PlannedContactId(contactId), tracked: false, ct);
        if (pathway is null || !await Load(found, pathway, new PlannedContactId(contactId), ct)) return NotFound();
        var now = UkTime.ToLocal(clock.GetUtcNow());
        Form.OccurredDate = DateParts.From(DateOnly.FromDateTime(now));
        Form.OccurredTime = now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await audit.WriteReadAsync("PlannedContact", contactId.ToString(), id, CareAccess.BreakGlassNote(found), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid contactId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        var contactKey = new PlannedContactId(contactId);
        var pathway = await db.PathwayWithContact(found.Person.Id, contactKey, tracked: true, ct);
        if (pathway is null || !await Load(found, pathway, contactKey, ct)) return NotFound();

        ContactPages.Friendly(ModelState, "Form.Mode", "Choose how the contact took place");
        ContactPages.Friendly(ModelState, "Form.Outcome", "Choose whether the person attended");
        ContactPages.Friendly(ModelState, "Form.Scale", "Choose where the person puts themselves from 0 to 10");
        ContactPages.Friendly(ModelState, "Form.Adaptations", "Choose adaptations from the list");
        foreach (var (field, _) in AllianceRating.Items)
            ContactPages.Friendly(ModelState, "Form." + field, "Choose a number from 0 to 10");
        var timeOk = UkTimeInput.TryGet(ModelState, Form.OccurredDate, Form.OccurredTime, "Form.OccurredDate", "Form.OccurredTime", "Date of the contact", "time of the contact", out var day, out var time);
        if (!Contact.IsOpen)
            ModelState.AddModelError("", $"{Contact.Label} is already {(Contact.Status == ContactStatus.Done ? "done" : "closed")}: there is nothing more to record against it");
        if (!ModelState.IsValid || !timeOk) return Page();

        var now = clock.GetUtcNow();
        var by = found.Reader;
        try
        {
            var occurredAt = UkTime.ToUtc(day, time);
            var notes = SolutionFocusedNotes.Create(Form.BestHopes, Form.PreferredFuture, Form.AlreadyWorking, Form.Scale, Form.NextStep);
            var session = CareSession.Record(found.Person.Id, pathway.Id, contactKey, by.Id, by.Name, occurredAt, Form.Mode, Form.Outcome, Form.Notes,
                notes, Form.Adaptations.Aggregate(Adaptations.None, (all, one) => all | one), Form.AdaptationNotes, now);
            if (Form.HasRating)
            {
                if (!session.IsAttended)
                    throw new ClinicalRuleException("A rating is for a session that took place. Leave the rating empty", nameof(ContactForm.HeardAndRespected));
                session.RateAlliance(AllianceRating.Create(Form.HeardAndRespected, Form.WhatWeWorkedOn, Form.Approach, Form.Overall, enteredByPerson: false, now));
            }
            db.CareSessions.Add(session);
            var glass = found.Basis == AccessBasis.BreakGlass ? "Recorded under break-glass access" : null;
            audit.Add(AuditActions.Create, "CareSession", session.Id.ToString(), found.Person.Id.Value, glass);
            if (session.IsAttended)
            {
                pathway.CompleteContact(contactKey, occurredAt, by.Id, session.Id, now);
                audit.Add(AuditActions.Update, "PlannedContact", contactId.ToString(), found.Person.Id.Value, $"{Contact.Label} done: the person attended");
                Notice = $"{Contact.Label} recorded as attended and done.";
            }
            else
            {
                Notice = $"{Contact.Label} recorded as {PersonPathwayModel.Describe(session.Outcome).ToLowerInvariant()}. It stays on the worklist: record each try to get back in touch below, or close it with a reason if it will not happen.";
            }
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(FieldOf(e.Field), e.Message);
            Notice = null;
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Someone else recorded or closed this contact while you were writing. Your notes are still here: check the pathway before you save again.");
            Notice = null;
            return Page();
        }
        return Redirect($"/persons/{id}/pathway");
    }

    private static string FieldOf(string? domainField) => domainField switch
    {
        null or nameof(CareSession.PractitionerName) or nameof(PlannedContact.DoneAt) => "",
        nameof(CareSession.OccurredAt) => "Form." + nameof(ContactForm.OccurredDate),
        "ArrivedTime" => "Form." + nameof(ContactForm.OccurredTime),
        var f => "Form." + f,
    };

    private async Task<bool> Load(PersonAccess found, Pathway pathway, PlannedContactId contact, CancellationToken ct)
    {
        Contact = pathway.Find(contact);
        // Letters are approved and sent on their own page, never "recorded" as a contact.
        if (Contact.Kind == ContactKind.Letter) return false;
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        Now = clock.GetUtcNow();
        Window = ContactPages.Window(Contact.OpensAt, Contact.DueAt, Now);
        VideoLink = await db.Teams.Where(t => t.Id == pathway.TeamId).Select(t => t.VideoLink).FirstOrDefaultAsync(ct);
        Earlier = await db.CareSessions.AsNoTracking().Where(s => s.PlannedContactId == contact)
            .OrderBy(s => s.OccurredAt).Take(50).ToListAsync(ct);
        return true;
    }

    public List<Choice> Modes =>
    [
        new(nameof(ContactMode.InPerson), "In person"),
        new(nameof(ContactMode.Phone), "Phone"),
        new(nameof(ContactMode.Video), "Video", VideoLink is null ? null : "The team's video room is given below"),
    ];

    public static readonly List<Choice> Outcomes =
    [
        new(nameof(ContactOutcome.Attended), "Attended", "The contact took place"),
        new(nameof(ContactOutcome.Missed), "Missed", "They did not come or did not answer: the contact stays open and you try to get back in touch"),
        new(nameof(ContactOutcome.Cancelled), "Cancelled", "Cancelled by them or by us: the contact stays open until it is rearranged or closed"),
    ];

    public static readonly List<Choice> Numbers = [.. Enumerable.Range(0, 11).Select(n => new Choice(n.ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    public static readonly List<Choice> AdaptationChoices =
        [.. new[] { Adaptations.Neurodiversity, Adaptations.SubstanceUse, Adaptations.PhysicalIllness, Adaptations.LanguageOrInterpreter }
            .Select(a => new Choice(a.ToString(), ContactPages.Describe(a)))];

    /// <summary>Fields in the order they are on the page, so the error summary lists them in that order.</summary>
    public sealed class ContactForm
    {
        public DateParts OccurredDate { get; set; } = new();
        [StringLength(5, ErrorMessage = "Enter the time of the contact in 24-hour format, like 14:30")]
        public string? OccurredTime { get; set; }
        [Required(ErrorMessage = "Choose how the contact took place")]
        public ContactMode? Mode { get; set; }
        [Required(ErrorMessage = "Choose whether the person attended")]
        public ContactOutcome? Outcome { get; set; }
        public string? Notes { get; set; }
        public string? BestHopes { get; set; }
        public string? PreferredFuture { get; set; }
        public string? AlreadyWorking { get; set; }
        public int? Scale { get; set; }
        public string? NextStep { get; set; }
        public List<Adaptations> Adaptations { get; set; } = [];
        public string? AdaptationNotes { get; set; }
        public int? HeardAndRespected { get; set; }
        public int? WhatWeWorkedOn { get; set; }
        public int? Approach { get; set; }
        public int? Overall { get; set; }

        public bool HasRating => HeardAndRespected is not null || WhatWeWorkedOn is not null || Approach is not null || Overall is not null;
    }
}
