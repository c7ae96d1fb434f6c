using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Referrals;

/// <summary>
/// The letters waiting for my part: referrals of people in my team's care, still drafts, that name
/// me as a colleague who has not yet added theirs. A letter cannot go until I do (or am taken off
/// it), so the person's referral is waiting on me. Each referral listed is audited as read.
/// </summary>
public sealed class ContributionsModel(AftercareDb db, AuditTrail audit) : PageModel
{
    public const int Shown = 50;

    public sealed record Waiting(Guid PersonId, string PersonName, ReferralId ReferralId, Guid ContributorId, string ServiceName, string ReferrerName, DateTimeOffset NamedAt);

    public List<Waiting> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = CurrentStaff.From(User);
        if (me is not { IsClinical: true, TeamId: { } team }) return NotFound();
        var staff = (StaffId?)me.Id;
        Items = await (
            from r in db.Referrals.AsNoTracking()
            from c in r.Contributors
            join p in db.Persons on r.PersonId equals p.Id
            where c.StaffId == staff && c.Part == null && c.RemovedAt == null && r.Status == ReferralStatus.Draft && p.CareTeamId == team
            orderby c.NamedAt
            select new Waiting(p.Id.Value, (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, r.Id, c.Id, r.ServiceName, r.ReferrerName, c.NamedAt))
            .Take(Shown).ToListAsync(ct);
        await audit.WriteReadsAsync([.. Items.Select(i => new AuditedRead(AuditActions.View, "Referral", i.ReferralId.ToString(), i.PersonId, "Listed as waiting for my part of the letter"))], ct);
        return Page();
    }
}
