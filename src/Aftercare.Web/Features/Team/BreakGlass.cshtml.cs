using Aftercare.Domain.Common;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Team;

/// <summary>A supervisor reviews every break-glass opening of their team's records, with the reason given.</summary>
public sealed class BreakGlassModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var staff = CurrentStaff.From(User)!;
        var grants = await db.BreakGlassGrants.AsNoTracking()
            .Where(g => g.RecordTeamId == staff.TeamId)
            .OrderBy(g => g.ReviewedAt != null).ThenByDescending(g => g.GrantedAt)
            .Take(200)
            .Join(db.Persons, g => g.PersonId, p => p.Id, (g, p) => new { g, PersonName = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName })
            .ToListAsync(ct);
        var staffIds = grants.Select(x => x.g.StaffId.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Rows = grants.Select(x => new Row(x.g.Id, x.g.GrantedAt, names.GetValueOrDefault(x.g.StaffId.Value, "Unknown"), x.g.PersonId.Value,
            x.PersonName, x.g.Reason, x.g.ReviewedAt)).ToList();
        if (Rows.Count > 0)
        {
            audit.Add(AuditActions.View, "BreakGlassReview", null, reason: $"{Rows.Count} openings listed");
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostReviewedAsync(Guid grantId, CancellationToken ct)
    {
        var staff = CurrentStaff.From(User)!;
        var grant = await db.BreakGlassGrants.FirstOrDefaultAsync(g => g.Id == grantId && g.RecordTeamId == staff.TeamId, ct);
        if (grant is null) return NotFound();
        grant.MarkReviewed(staff.Id, clock.GetUtcNow());
        audit.Add(AuditActions.Update, "BreakGlassGrant", grant.Id.ToString(), grant.PersonId.Value, "Reviewed by supervisor");
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public sealed record Row(Guid Id, DateTimeOffset GrantedAt, string StaffName, Guid PersonId, string PersonName, string Reason, DateTimeOffset? ReviewedAt);
}
