using Aftercare.Domain.Common;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.SharedPlans;

public static class SharedPlanAudit
{
    /// <summary>Openings of a share link are audited against the link, so the patient can see them.</summary>
    public const string Entity = "ShareLink";
}

/// <summary>
/// What a person the patient chose sees through their link: the current plan, read-only, with the
/// crisis help. A link that is unknown, stopped or ended shows nothing about the plan or the
/// person, and answers the same "not found" as a link that never existed.
/// </summary>
public sealed class SharedPlanModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public string FirstName { get; private set; } = "";
    public string RecipientName { get; private set; } = "";
    public Domain.SafetyPlans.SafetyPlanContent Plan { get; private set; } = Domain.SafetyPlans.SafetyPlanContent.Empty;
    public DateTimeOffset UpdatedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return NotFound();
        var hash = SecretToken.Hash(token);
        var now = clock.GetUtcNow();
        var found = await db.ShareLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash && l.RevokedAt == null && l.ExpiresAt > now)
            .Join(db.SafetyPlans, l => l.SafetyPlanId, p => p.Id, (l, p) => new { Link = l, Plan = p })
            .Join(db.Persons, x => x.Plan.PersonId, p => p.Id, (x, p) => new { x.Link, x.Plan, FirstName = p.PreferredName ?? p.GivenName })
            .FirstOrDefaultAsync(ct);
        if (found is null) return NotFound();
        await audit.WriteReadAsync(SharedPlanAudit.Entity, found.Link.Id.ToString(), found.Plan.PersonId.Value, $"Opened by the share link for {found.Link.RecipientName}", ct);
        FirstName = found.FirstName;
        RecipientName = found.Link.RecipientName;
        Plan = found.Plan.CurrentContent;
        UpdatedAt = found.Plan.UpdatedAt;
        return Page();
    }
}
