using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// Closes a planned contact that will not happen, with the reason (the person chose to stop, moved
/// away, was admitted). It leaves the worklists but never the record, and the reason is shown on
/// the pathway wherever the contact is.
/// </summary>
public sealed class CloseContactModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public CloseForm Form { get; set; } = new();
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public PlannedContact Contact { get; private set; } = null!;
    public string Window { get; private set; } = "";
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid contactId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        var pathway = await db.PathwayWithContact(found.Person.Id, new PlannedContactId(contactId), tracked: false, ct);
        if (pathway is null) return NotFound();
        Load(found, pathway, new PlannedContactId(contactId));
        await audit.WriteReadAsync("PlannedContact", contactId.ToString(), id, CareAccess.BreakGlassNote(found), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid contactId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        var contactKey = new PlannedContactId(contactId);
        var pathway = await db.PathwayWithContact(found.Person.Id, contactKey, tracked: true, ct);
        if (pathway is null) return NotFound();
        Load(found, pathway, contactKey);
        if (!ModelState.IsValid) return Page();
        try
        {
            var closed = pathway.CloseContact(contactKey, Form.Reason, found.Reader.Id, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "PlannedContact", contactId.ToString(), id,
                $"{closed.Label} closed: {closed.ClosedReason}" + (CareAccess.BreakGlassNote(found) is { } glass ? ". " + glass : ""));
            await db.SaveChangesAsync(ct);
            Notice = $"{closed.Label} is closed. It has left the worklists; the reason stays on the pathway.";
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field == nameof(PlannedContact.ClosedReason) ? "Form.Reason" : "", e.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Someone else recorded or closed this contact while you were writing. Check the pathway before you close it.");
            return Page();
        }
        return Redirect($"/persons/{id}/pathway");
    }

    private void Load(PersonAccess found, Pathway pathway, PlannedContactId contact)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        Contact = pathway.Find(contact);
        Window = ContactPages.Window(Contact.OpensAt, Contact.DueAt, clock.GetUtcNow());
    }

    public sealed class CloseForm
    {
        [Required(ErrorMessage = "Give the reason this contact will not happen")]
        [StringLength(Pathway.MaxReasonLength, ErrorMessage = "Keep the reason to 1,000 characters or fewer")]
        public string? Reason { get; set; }
    }
}
