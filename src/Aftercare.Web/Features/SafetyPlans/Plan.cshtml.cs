using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.SafetyPlans;

/// <summary>
/// The person's safety plan as they will read it, with its history, print and PDF, and the
/// invitation that lets the person see and change it on their own phone.
/// </summary>
public sealed class PlanModel(CareAccess access, SafetyPlanStore store, AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public PlanSnapshot? Plan { get; private set; }
    public PatientAccountState Account { get; private set; } = PatientAccountState.None;
    /// <summary>A new invitation code: shown on the page the invitation redirects to and never again; never stored in the database.</summary>
    public string? NewCode { get; private set; }
    [TempData] public string? Notice { get; set; }
    /// <summary>
    /// Carries the new code across the redirect after the invitation (post/redirect/get, so a
    /// reload cannot issue another code and silently withdraw the one just given), tagged with
    /// the person so it is shown only on their page. TempData is encrypted and read once.
    /// </summary>
    [TempData] public string? IssuedCode { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        if (IssuedCode?.Split(' ', 2) is [var forPerson, var code] && forPerson == id.ToString()) NewCode = code;
        IssuedCode = null;
        await Load(found, ct);
        return Page();
    }

    /// <summary>Issues a one-time code for the person to set up their account; any earlier unused code stops working.</summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        if (await db.Users.AnyAsync(u => u.PersonId == found.Person.Id, ct))
        {
            Notice = $"{found.Person.DisplayName} already has an account.";
            return Redirect($"/persons/{id}/safety-plan");
        }
        var now = clock.GetUtcNow();
        foreach (var open in await db.PatientInvitations.Where(i => i.PersonId == found.Person.Id && i.UsedAt == null && i.WithdrawnAt == null).ToListAsync(ct))
            open.Withdraw(now);
        var code = PatientInvitationCode.New();
        var invitation = PatientInvitation.Issue(found.Person.Id, PatientInvitationCode.Hash(code), found.Reader.Id, now);
        db.PatientInvitations.Add(invitation);
        audit.Add(AuditActions.Invite, "PatientInvitation", invitation.Id.ToString(), id, "Valid until " + UkTime.Format(invitation.ExpiresAt));
        await db.SaveChangesAsync(ct);
        IssuedCode = $"{id} {code}";
        return Redirect($"/persons/{id}/safety-plan#invitation");
    }

    private async Task Load(PersonAccess found, CancellationToken ct)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        Plan = await store.Read(found.Person.Id, ct, CareAccess.BreakGlassNote(found));
        Account = await PatientAccountState.Of(db, found.Person.Id, clock.GetUtcNow(), ct);
    }
}

/// <summary>Whether the person can sign in, or has a code waiting to be used.</summary>
public sealed record PatientAccountState(DateTimeOffset? AccountSince, DateTimeOffset? InvitedAt, DateTimeOffset? InvitationExpiresAt)
{
    public static readonly PatientAccountState None = new(null, null, null);

    public static async Task<PatientAccountState> Of(AftercareDb db, PersonId person, DateTimeOffset now, CancellationToken ct)
    {
        var since = await db.Users.Where(u => u.PersonId == person).Select(u => (DateTimeOffset?)u.CreatedAt).FirstOrDefaultAsync(ct);
        if (since is not null) return new PatientAccountState(since, null, null);
        var open = await db.PatientInvitations.AsNoTracking()
            .Where(i => i.PersonId == person && i.UsedAt == null && i.WithdrawnAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).Select(i => new { i.CreatedAt, i.ExpiresAt }).FirstOrDefaultAsync(ct);
        return open is null ? None : new PatientAccountState(null, open.CreatedAt, open.ExpiresAt);
    }
}
