using Aftercare.Domain.Common;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Referrals;

/// <summary>
/// The referral letter as a PDF to send to the service, once it has been sent: what is printed is
/// only ever the letter as it was fixed, with the colleagues' parts (not those taken off it). A draft
/// is never printed.
/// </summary>
public sealed class ReferralPdfPageModel(AftercareDb db, CareAccess access, AuditTrail audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: false, ct);
        if (referral is null || referral.SentAt is not { } sentAt) return NotFound();
        var from = await db.Teams.AsNoTracking().Where(t => t.Id == referral.TeamId)
            .Join(db.Sites, t => t.SiteId, s => s.Id, (t, s) => new { Team = t.Name, Site = s.Name })
            .FirstAsync(ct);
        await audit.WriteReadAsync("Referral", referral.Id.ToString(), id, ReferralPages.Join("PDF", CareAccess.BreakGlassNote(found)), ct);
        var person = found.Person;
        var bytes = ReferralLetterPdf.Render(new ReferralPrint($"{person.GivenName} {person.FamilyName}", person.DateOfBirth, person.NhsNumber,
            referral.ServiceName, from.Team, from.Site, sentAt, referral.PrintedLetter()));
        return File(bytes, "application/pdf", "referral-letter.pdf");
    }
}
