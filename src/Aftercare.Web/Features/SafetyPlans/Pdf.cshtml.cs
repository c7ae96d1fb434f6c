using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.SafetyPlans;

/// <summary>
/// The plan as a PDF to print and hand over. Posting the invitation code just shown (never stored)
/// prints it on the plan, so the person takes home both their plan and the way to it on their phone.
/// </summary>
public sealed class PdfModel(CareAccess access, SafetyPlanStore store, AftercareDb db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        var plan = await store.Read(found.Person.Id, ct, PlanPdf.Join("PDF", CareAccess.BreakGlassNote(found)));
        return plan is null ? NotFound() : PlanPdf.File(this, found.Person.DisplayName, plan, null);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm] string? code, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        var plan = await store.Read(found.Person.Id, ct, PlanPdf.Join("PDF with invitation code", CareAccess.BreakGlassNote(found)));
        if (plan is null) return NotFound();
        PatientInvitation? invitation = null;
        var normalised = PatientInvitationCode.Normalise(code);
        if (normalised is not null)
        {
            var hash = PatientInvitationCode.Hash(normalised);
            invitation = await db.PatientInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.CodeHash == hash && i.PersonId == found.Person.Id, ct);
        }
        // Only a code that still works goes on paper, in the grouped form the person types; otherwise the plan prints without one.
        var printed = invitation is not null && invitation.CanBeUsedAt(clock.GetUtcNow())
            ? new PlanPdf.Invitation($"{normalised![..4]}-{normalised[4..8]}-{normalised[8..]}", invitation.ExpiresAt, $"{Request.Scheme}://{Request.Host}/account/patient-invitation")
            : null;
        return PlanPdf.File(this, found.Person.DisplayName, plan, printed);
    }
}

public static class PlanPdf
{
    internal static string Join(string what, string? note) => note is null ? what : what + "; " + note;

    public sealed record Invitation(string Code, DateTimeOffset ExpiresAt, string Address);

    public static FileContentResult File(PageModel page, string personName, PlanSnapshot plan, Invitation? invitation)
    {
        var bytes = SafetyPlanPdf.Render(new SafetyPlanPrint(personName, plan.Content, plan.Version, plan.UpdatedAt,
            invitation?.Code, invitation?.ExpiresAt, invitation?.Address));
        return page.File(bytes, "application/pdf", "safety-plan.pdf");
    }
}
