using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// An approved (or sent) letter as a PDF to print or attach. A draft is never printed: what goes to
/// the person is only ever the text a practitioner read and approved.
/// </summary>
public sealed class LetterPdfPageModel(AftercareDb db, CareAccess access, AuditTrail audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid contactId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        var letter = await db.Letters.AsNoTracking()
            .FirstOrDefaultAsync(l => l.PlannedContactId == new PlannedContactId(contactId) && l.PersonId == found.Person.Id, ct);
        if (letter is null || letter.Status == LetterStatus.Draft || letter.ApprovedAt is not { } approvedAt) return NotFound();
        var from = await db.Pathways.AsNoTracking().Where(p => p.Id == letter.PathwayId)
            .Join(db.Teams, p => p.TeamId, t => t.Id, (p, t) => new { Team = t.Name, t.SiteId })
            .Join(db.Sites, x => x.SiteId, s => s.Id, (x, s) => new { x.Team, Site = s.Name })
            .FirstAsync(ct);
        var note = CareAccess.BreakGlassNote(found);
        await audit.WriteReadAsync("Letter", letter.Id.ToString(), id, note is null ? "PDF" : "PDF; " + note, ct);
        var bytes = LetterPdf.Render(new LetterPrint(found.Person.DisplayName, found.Person.Postcode, from.Team, from.Site, approvedAt, letter.Body));
        return File(bytes, "application/pdf", $"letter-{letter.Month}-months.pdf");
    }
}
