using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Persons;

/// <summary>A practitioner opens a record held by another team, after writing why.</summary>
public sealed class BreakGlassModel(CareAccess access, AuditTrail audit, Data.AftercareDb db) : PageModel
{
    [BindProperty(Name = "Form")] public ReasonForm Form { get; set; } = new();
    public PersonOutsideReach Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var person = await access.PersonForBreakGlass(new PersonId(id), User, ct);
        if (person is null) return NotFound();
        Person = person;
        audit.Add(AuditActions.View, "Person", id.ToString(), id, "Identifying details shown before break-glass");
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var person = await access.PersonForBreakGlass(new PersonId(id), User, ct);
        if (person is null) return NotFound();
        Person = person;
        if (!ModelState.IsValid) return Page();
        try
        {
            await access.BreakGlass(person.Id, Form.Reason, User, ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form.Reason", e.Message);
            return Page();
        }
        return Redirect($"/persons/{id}");
    }

    public sealed class ReasonForm
    {
        [Required(ErrorMessage = "Enter why you need to open this record")]
        [StringLength(2000, MinimumLength = Domain.Access.BreakGlassGrant.MinimumReasonLength, ErrorMessage = "Give the reason in at least 20 characters, so the record's team can understand it")]
        public string Reason { get; set; } = "";
    }
}
