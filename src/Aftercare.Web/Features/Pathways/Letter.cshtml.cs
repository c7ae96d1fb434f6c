using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// A letter of the pathway (3, 6 or 9 months). Opening it drafts it from the person's plan if the
/// timer has not yet, so a practitioner can start early. While it is a draft the practitioner
/// changes it and approves it; approval fixes the text, which is then printed as a PDF; recording
/// how and when it was sent completes the planned contact in the same save, so it leaves the
/// worklists. Two people editing the same draft never overwrite each other: the second is shown
/// what the first saved, with their own text kept.
/// </summary>
public sealed class LetterModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock, LetterDrafter drafter) : PageModel
{
    [BindProperty(Name = "Form")] public LetterForm Form { get; set; } = new();
    [BindProperty(Name = "Sent")] public SentForm Sent { get; set; } = new();
    /// <summary>The version of the letter this form was opened on (PostgreSQL's xmin).</summary>
    [BindProperty] public uint Version { get; set; }

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public PlannedContact Contact { get; private set; } = null!;
    public AftercareLetter? Letter { get; private set; }
    /// <summary>After a conflicting save: the text someone else saved meanwhile, and who they are.</summary>
    public string? TheirText { get; private set; }
    public string? ConflictBy { get; private set; }
    /// <summary>True when text was posted that could not be saved because the letter was approved meanwhile.</summary>
    public bool ShowUnsaved { get; private set; }
    /// <summary>Quoted passages of the letter that are not, word for word, the person's own.</summary>
    public IReadOnlyList<string> QuotesToCheck { get; private set; } = [];
    public Dictionary<Guid, string> StaffNames { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public string PageUrl => $"/persons/{PersonId}/pathway/letters/{Contact.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid contactId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null || !await LoadContact(found, contactId, ct)) return NotFound();
        var note = CareAccess.BreakGlassNote(found);
        Letter = await drafter.DraftIfMissing(Contact.Id, clock.GetUtcNow(), ct, found.Reader);
        if (Letter is not null && db.Entry(Letter).State == EntityState.Added)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone else (or the timer) drafted it at the same moment: theirs is the letter.
                db.ChangeTracker.Clear();
                Letter = await db.Letters.FirstOrDefaultAsync(l => l.PlannedContactId == Contact.Id, ct);
            }
        }
        if (Letter is not null)
        {
            Form.Body = Letter.Body;
            Version = VersionOf(Letter);
        }
        Sent.Date = DateParts.From(UkTime.DateOf(clock.GetUtcNow()));
        await audit.WriteReadAsync("Letter", Letter?.Id.ToString(), id, note, ct);
        await LoadDetails(found, ct);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id, Guid contactId, CancellationToken ct) => Change(id, contactId, approve: false, ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid contactId, CancellationToken ct) => Change(id, contactId, approve: true, ct);

    private async Task<IActionResult> Change(Guid id, Guid contactId, bool approve, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null || !await LoadContact(found, contactId, ct)) return NotFound();
        Letter = await db.Letters.FirstOrDefaultAsync(l => l.PlannedContactId == Contact.Id, ct);
        if (Letter is null) return NotFound();
        ModelState.Clear();
        var staff = found.Reader;
        var now = clock.GetUtcNow();

        if (Letter.Status != LetterStatus.Draft)
        {
            ModelState.AddModelError("", "This letter has been approved and can no longer be changed");
            ShowUnsaved = true;
            return await Show(found, ct);
        }
        // Compare with the version this form was opened on: a later save by someone else is a conflict.
        db.Entry(Letter).Property<uint>("xmin").OriginalValue = Version;
        var mine = (Form.Body ?? "").Replace("\r\n", "\n").Trim();
        var changed = mine != Letter.Body;
        try
        {
            if (changed || !approve) Letter.Edit(Form.Body, staff.Id, now);
            if (approve) Letter.Approve(staff.Id, staff.Name, now);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field is null ? "" : "Form." + e.Field, e.Message);
            db.ChangeTracker.Clear();
            Letter = await db.Letters.AsNoTracking().FirstAsync(l => l.PlannedContactId == Contact.Id, ct);
            return await Show(found, ct);
        }
        audit.Add(AuditActions.Update, "Letter", Letter.Id.ToString(), id,
            Join(approve ? changed ? "Changed and approved" : "Approved" : "Draft changed", CareAccess.BreakGlassNote(found)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await ShowConflict(ct);
            return await Show(found, ct);
        }
        Notice = approve
            ? $"Letter approved at {UkTime.Format(now)}. Download the PDF, send it, then record how it was sent."
            : $"Draft saved at {UkTime.Format(now)}";
        return Redirect(PageUrl);
    }

    public async Task<IActionResult> OnPostSentAsync(Guid id, Guid contactId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null || !await LoadContact(found, contactId, ct)) return NotFound();
        Letter = await db.Letters.FirstOrDefaultAsync(l => l.PlannedContactId == Contact.Id, ct);
        if (Letter is null) return NotFound();
        var staff = found.Reader;
        var now = clock.GetUtcNow();

        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith("Sent.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (ModelState.TryGetValue("Sent.How", out var how) && how.Errors.Count > 0)
        {
            ModelState.Remove("Sent.How");
            Sent.How = null;
        }
        if (Sent.How is null) ModelState.AddModelError("Sent.How", "Choose how the letter was sent");
        var whenOk = UkTimeInput.TryGet(ModelState, Sent.Date, Sent.Time, "Sent.Date", "Sent.Time", "Date sent", "time it was sent", out var date, out var time);
        if (!ModelState.IsValid || !whenOk) return await Show(found, ct);

        var sentAt = UkTime.ToUtc(date, time);
        var pathway = await db.Pathways.Include(p => p.Contacts).FirstAsync(p => p.Id == Contact.PathwayId, ct);
        db.Entry(Letter).Property<uint>("xmin").OriginalValue = Version;
        try
        {
            Letter.RecordSent(Sent.How, sentAt, staff.Id, now);
            // The letter sent is what the planned contact was for: it is done, and leaves the worklists.
            pathway.CompleteContact(Contact.Id, sentAt, staff.Id, null, now);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                nameof(AftercareLetter.SentBy) => "Sent.How",
                nameof(AftercareLetter.SentAt) or nameof(PlannedContact.DoneAt) => "Sent.Date",
                _ => "",
            }, e.Message);
            db.ChangeTracker.Clear();
            Letter = await db.Letters.AsNoTracking().FirstAsync(l => l.PlannedContactId == Contact.Id, ct);
            return await Show(found, ct);
        }
        var note = CareAccess.BreakGlassNote(found);
        audit.Add(AuditActions.Update, "Letter", Letter.Id.ToString(), id, Join($"Recorded as sent ({Describe(Sent.How!.Value).ToLowerInvariant()}) on {UkTime.Format(sentAt)}", note));
        audit.Add(AuditActions.Update, "PlannedContact", Contact.Id.ToString(), id, Join($"{Contact.Label} done: the letter was sent", note));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await ShowConflict(ct, sending: true);
            return await Show(found, ct);
        }
        Notice = $"Recorded as sent on {UkTime.Format(sentAt)}. {Contact.Label} is done.";
        return Redirect(PageUrl);
    }

    private async Task ShowConflict(CancellationToken ct, bool sending = false)
    {
        db.ChangeTracker.Clear();
        Letter = await db.Letters.FirstAsync(l => l.PlannedContactId == Contact.Id, ct);
        Version = VersionOf(Letter);
        var byId = Letter.Status switch
        {
            LetterStatus.Sent => Letter.SentRecordedBy,
            LetterStatus.Approved => Letter.ApprovedBy,
            _ => Letter.LastEditedBy,
        };
        ConflictBy = byId is { } by ? await db.Users.Where(u => u.Id == by.Value).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        var who = ConflictBy ?? "Someone";
        ModelState.Clear();
        if (Letter.Status == LetterStatus.Draft)
        {
            TheirText = Letter.Body;
            ModelState.AddModelError("Form.Body",
                $"{who} saved this letter at {UkTime.Format(Letter.LastEditedAt ?? Letter.DraftedAt)} while you were working on it. Your text is kept in the box; theirs is shown below it. Combine them and save again");
        }
        else if (sending && Letter.Status == LetterStatus.Approved)
        {
            // The letter is as it was: something else on the pathway changed at the same moment.
            ModelState.AddModelError("", "The pathway changed while you were recording this. Check the details below and record it again");
        }
        else
        {
            ShowUnsaved = Letter.Status == LetterStatus.Approved && !sending && !string.IsNullOrWhiteSpace(Form.Body);
            ModelState.AddModelError("", Letter.Status == LetterStatus.Sent
                ? $"{who} has already recorded this letter as sent"
                : $"{who} approved this letter while you were working on it, so your changes were not saved. Your text is shown below");
        }
    }

    /// <summary>Shows the page again after a post that could not be saved, with what was typed kept.</summary>
    private async Task<IActionResult> Show(PersonAccess found, CancellationToken ct)
    {
        await LoadDetails(found, ct);
        return Page();
    }

    private async Task<bool> LoadContact(PersonAccess found, Guid contactId, CancellationToken ct)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        // Only a letter of this person's own pathway: any other id is "not found".
        var contact = await db.PlannedContacts.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == new PlannedContactId(contactId) && c.PersonId == found.Person.Id && c.Kind == ContactKind.Letter, ct);
        if (contact is null) return false;
        Contact = contact;
        return true;
    }

    private async Task LoadDetails(PersonAccess found, CancellationToken ct)
    {
        if (Letter is null) return;
        var ids = new[] { Letter.LastEditedBy, Letter.ApprovedBy, Letter.SentRecordedBy }.Where(s => s is not null).Select(s => s!.Value.Value).Distinct().ToList();
        StaffNames = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var plan = await db.SafetyPlans.AsNoTracking().Where(p => p.PersonId == found.Person.Id).Select(p => p.CurrentContent).FirstOrDefaultAsync(ct);
        var shown = Letter.Status == LetterStatus.Draft ? Form.Body : Letter.Body;
        QuotesToCheck = LetterDraft.QuotesNotInTheirWords(shown, LetterDraft.TheirWords(plan, found.Person.WhatMattersToMe, found.Person.Strengths));
    }

    private uint VersionOf(AftercareLetter letter) => db.Entry(letter).Property<uint>("xmin").CurrentValue;

    public string NameOf(StaffId? id) => id is { } s ? StaffNames.GetValueOrDefault(s.Value, "a former member of staff") : "";

    private static string Join(string what, string? note) => note is null ? what : what + "; " + note;

    public static string Describe(LetterSending how) => how switch
    {
        LetterSending.Post => "By post",
        LetterSending.Email => "By email",
        LetterSending.HandedToThePerson => "Handed to the person",
        _ => how.ToString(),
    };

    public sealed class LetterForm
    {
        public string? Body { get; set; }
    }

    /// <summary>How and when the approved letter went to the person; the time is UK local.</summary>
    public sealed class SentForm
    {
        public LetterSending? How { get; set; }
        public DateParts Date { get; set; } = new();
        public string? Time { get; set; }
    }
}
