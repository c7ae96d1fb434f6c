using Aftercare.Web.Data;
using Aftercare.Web.Features.Referrals;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.ServiceInbox;

/// <summary>
/// The letter as sent, as a PDF for the receiving service's own records: the same letter its page
/// shows, with the person's story only while they still agree that the service may read it. Only
/// a referral sent to the reader's own service; the download is audited as their read.
/// </summary>
public sealed class ReferralPdfModel(AftercareDb db, CareAccess access, AuditTrail audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid referralId, CancellationToken ct)
    {
        var found = await access.ReferralForService(referralId, User, tracked: false, ct);
        if (found is null) return NotFound();
        var referral = found.Referral;
        var from = await db.Teams.AsNoTracking().Where(t => t.Id == referral.TeamId)
            .Join(db.Sites, t => t.SiteId, s => s.Id, (t, s) => new { Team = t.Name, Site = s.Name })
            .FirstAsync(ct);
        var narrative = await ServiceInboxPages.StoryConsent(db, referral, ct);
        await audit.WriteReadAsync("Referral", referral.Id.ToString(), referral.PersonId.Value, "PDF", ct);
        var bytes = ReferralLetterPdf.Render(new ReferralPrint(found.PersonName, found.DateOfBirth, found.NhsNumber,
            referral.ServiceName, from.Team, from.Site, referral.SentAt!.Value, referral.PrintedLetterForTheService(narrative)));
        return File(bytes, "application/pdf", "referral-letter.pdf");
    }

    /// <summary>A post that names no answer changes nothing and shows nothing.</summary>
    public IActionResult OnPost() => NotFound();
}
