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
/// A colleague's part of the letter. A colleague in the team writes their own, since it goes to the
/// service under their name (nobody else is offered the box); the part of someone outside the team
/// is recorded for them by a member of the care team, and who recorded it is kept. The letter so
/// far is shown beside it, so the part adds to it rather than repeating it.
/// </summary>
public sealed class ContributionModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public PartForm Form { get; set; } = new();
    [BindProperty] public uint Version { get; set; }

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public Referral Referral { get; private set; } = null!;
    public ReferralContributor Contributor { get; private set; } = null!;
    public StaffId Me { get; private set; }
    /// <summary>After a conflicting save: the part as someone else saved it meanwhile.</summary>
    public string? TheirPart { get; private set; }

    public string ReferralUrl => ReferralPages.Url(PersonId, Referral.Id);

    /// <summary>Whether this reader may write the part: its own writer if they are staff, anyone of the care team if they are not.</summary>
    public bool MayWrite => Referral.Status == ReferralStatus.Draft && !Contributor.IsRemoved && (Contributor.StaffId is null || Contributor.StaffId == Me);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId, Guid contributorId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null || !Load(found, referral, contributorId)) return NotFound();
        Version = db.VersionOf(referral);
        Form.Part = Contributor.Part;
        await audit.WriteReadAsync("Referral", referral.Id.ToString(), id, $"{Contributor.Name}'s part of the letter", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid referralId, Guid contributorId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null || !Load(found, referral, contributorId)) return NotFound();
        ModelState.Clear();
        var me = found.Reader;
        try
        {
            if (db.VersionOf(referral) != Version) throw new DbUpdateConcurrencyException();
            db.ExpectVersion(referral, Version);
            referral.AddContribution(contributorId, Form.Part, me.Id, me.Name, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "Referral", referral.Id.ToString(), id,
                Contributor.StaffId is null ? $"{Contributor.Name}'s part recorded" : $"{Contributor.Name} added their part");
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field == nameof(ReferralContributor.Part) ? "Form.Part" : "", e.Message);
            return await Reloaded(found, contributorId, ct);
        }
        catch (DbUpdateException e) when (ReferralPages.IsConflict(e))
        {
            await Reloaded(found, contributorId, ct);
            TheirPart = Contributor.Part;
            var draft = Referral.Status == ReferralStatus.Draft;
            ModelState.AddModelError(draft ? "Form.Part" : "", draft
                ? "Someone changed this referral while you were writing, so your part was not saved. It is kept in the box" + (TheirPart is null ? "; save it again" : "; the part as now saved is shown below it. Combine them and save again")
                : "This letter was sent while you were writing, so your part was not saved. What you wrote is shown below; give it to the referrer to send on separately");
            return Page();
        }
        TempData["Notice"] = Contributor.StaffId is null ? $"{Contributor.Name}'s part is recorded in the letter." : "Your part is added to the letter.";
        return Redirect(ReferralPages.Url(id, referral.Id));
    }

    private async Task<IActionResult> Reloaded(PersonAccess found, Guid contributorId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var referral = await db.ReferralOf(found.Person.Id, Referral.Id.Value, tracked: true, ct);
        Load(found, referral!, contributorId);
        Version = db.VersionOf(Referral);
        ModelState.Remove(nameof(Version));
        return Page();
    }

    private bool Load(PersonAccess found, Referral referral, Guid contributorId)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        Me = found.Reader.Id;
        Referral = referral;
        var contributor = referral.Contributors.FirstOrDefault(c => c.Id == contributorId);
        if (contributor is null) return false;
        Contributor = contributor;
        return true;
    }

    public sealed class PartForm
    {
        public string? Part { get; set; }
    }
}
