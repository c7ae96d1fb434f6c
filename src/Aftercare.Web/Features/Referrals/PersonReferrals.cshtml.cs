using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Referrals;

/// <summary>
/// The person's referrals, newest first: the service, where each stands, when, and any decline
/// contrary to NICE NG225 flagged, with whether it has gone to a senior clinician.
/// </summary>
public sealed class PersonReferralsModel(AftercareDb db, CareAccess access, AuditTrail audit) : PageModel
{
    public const int Shown = 100;

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public bool InCareTeam { get; private set; }
    public List<Row> Referrals { get; private set; } = [];

    public sealed record Row(ReferralId Id, string ServiceName, ReferralStatus Status, ReferralClosure? Closure, DateTimeOffset DraftedAt,
        DateTimeOffset? SentAt, DateTimeOffset? DeclinedAt, DeclineReason? DeclineReason, bool IsContraryToGuidance,
        DateTimeOffset? FirstContactAt, bool Escalated)
    {
        public bool IsFlagged => Status == ReferralStatus.Declined && IsContraryToGuidance;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        PersonId = id;
        PersonName = found.Person.DisplayName;
        InCareTeam = found.Basis == AccessBasis.CareTeam;
        Referrals = await db.Referrals.AsNoTracking().Where(r => r.PersonId == found.Person.Id)
            .OrderByDescending(r => r.DraftedAt).Take(Shown)
            .Select(r => new Row(r.Id, r.ServiceName, r.Status, r.Closure, r.DraftedAt, r.SentAt, r.DeclinedAt, r.DeclineReason, r.IsContraryToGuidance,
                r.FirstContactAt, r.Escalations.Any(e => e.Outcome == null)))
            .ToListAsync(ct);
        await audit.WriteReadAsync("Referral", null, id, ReferralPages.Join("The person's referrals", CareAccess.BreakGlassNote(found)), ct);
        return Page();
    }
}
