using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Web.Data;
using Aftercare.Web.Features.SafetyPlans;
using Aftercare.Web.Features.SharedPlans;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.My;

/// <summary>
/// The patient gives a person they name a read-only link to their current plan, for as long as
/// they choose, and can stop any link at once. Each opening is audited and listed here.
/// </summary>
public sealed class SharingModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public static readonly (int Days, string Label)[] Durations = [(1, "1 day"), (7, "1 week"), (30, "30 days"), (90, "90 days")];

    [BindProperty(Name = "Form")] public ShareForm Form { get; set; } = new();
    public bool HasPlan { get; private set; }
    public List<LinkRow> Links { get; private set; } = [];
    /// <summary>
    /// The new link and who it is for, carried across the redirect after making it (so a reload
    /// cannot make a second link) and shown once: TempData is encrypted and read once, and the
    /// database keeps only the link's hash.
    /// </summary>
    [TempData] public string? NewLink { get; set; }
    [TempData] public string? NewLinkFor { get; set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null) return NotFound();
        await Load(me, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null) return NotFound();
        if (!ModelState.IsValid) { await Load(me, ct); return Page(); }
        var plan = await db.SafetyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == me.Person, ct);
        if (plan is null) { await Load(me, ct); return Page(); }
        var days = Durations.Any(d => d.Days == Form.Days) ? Form.Days!.Value : 0;
        var now = clock.GetUtcNow();
        var token = SecretToken.New();
        try
        {
            var link = ShareLink.Create(plan, SecretToken.Hash(token), Form.RecipientName, Author.ForPatient(me.Person, me.FullName), now.AddDays(days), now);
            db.ShareLinks.Add(link);
            audit.Add(AuditActions.Create, "ShareLink", link.Id.ToString(), me.Person.Value, $"Shared with {link.RecipientName} until {UkTime.Format(link.ExpiresAt)}");
            await db.SaveChangesAsync(ct);
            NewLinkFor = link.RecipientName;
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form." + (e.Field == nameof(ShareLink.ExpiresAt) ? nameof(ShareForm.Days) : nameof(ShareForm.RecipientName)), e.Message);
            await Load(me, ct);
            return Page();
        }
        NewLink = $"{Request.Scheme}://{Request.Host}/shared-plan/{token}";
        return Redirect("/my/sharing");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid link, CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null) return NotFound();
        var found = await db.ShareLinks.FirstOrDefaultAsync(l => l.Id == link && l.PersonId == me.Person, ct);
        if (found is null) return NotFound();
        if (found.RevokedAt is null)
        {
            found.Revoke(clock.GetUtcNow());
            audit.Add("revoke", "ShareLink", found.Id.ToString(), me.Person.Value, $"Stopped sharing with {found.RecipientName}");
            await db.SaveChangesAsync(ct);
        }
        Notice = $"The link for {found.RecipientName} no longer works.";
        return Redirect("/my/sharing");
    }

    private async Task Load(MyRecord me, CancellationToken ct)
    {
        HasPlan = await db.SafetyPlans.AnyAsync(p => p.PersonId == me.Person, ct);
        var now = clock.GetUtcNow();
        var links = await db.ShareLinks.AsNoTracking().Where(l => l.PersonId == me.Person)
            .OrderByDescending(l => l.CreatedAt).Take(50).ToListAsync(ct);
        var ids = links.Select(l => l.Id.ToString()).ToList();
        var openings = await db.AuditEvents.AsNoTracking()
            .Where(a => a.PersonId == me.Person.Value && a.EntityType == SharedPlanAudit.Entity && a.Action == AuditActions.View && ids.Contains(a.EntityId!))
            .GroupBy(a => a.EntityId!).Select(g => new { Id = g.Key, Count = g.Count(), Last = g.Max(a => a.OccurredAt) })
            .ToDictionaryAsync(x => x.Id, ct);
        Links = [.. links.Select(l =>
        {
            var seen = openings.GetValueOrDefault(l.Id.ToString());
            return new LinkRow(l.Id, l.RecipientName, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.IsOpenAt(now), seen?.Count ?? 0, seen?.Last);
        })];
    }

    public sealed record LinkRow(Guid Id, string RecipientName, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, bool IsOpen, int Openings, DateTimeOffset? LastOpened);

    public sealed class ShareForm
    {
        [Required(ErrorMessage = "Enter the name of the person you are sharing your plan with")]
        [StringLength(ShareLink.MaxRecipientNameLength, ErrorMessage = "Keep the name to 100 characters or fewer")]
        public string? RecipientName { get; set; }

        [Required(ErrorMessage = "Choose how long the link works")]
        public int? Days { get; set; }
    }
}
