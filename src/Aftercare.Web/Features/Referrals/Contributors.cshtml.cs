using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Referrals;

/// <summary>
/// The colleagues from other disciplines named to add their part to the letter before it is sent:
/// a colleague in the team (who then writes their own part, since it goes under their name) or
/// someone outside it, such as the GP or a drug and alcohol worker (whose part a member of staff
/// records). Someone who has not added theirs can be taken off the letter with the reason, so the
/// person never waits on a colleague who is away; they stay on record.
/// </summary>
public sealed class ContributorsModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public NameForm Form { get; set; } = new();
    [BindProperty(Name = "Remove")] public RemoveForm Remove { get; set; } = new();
    [BindProperty] public uint Version { get; set; }

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public Referral Referral { get; private set; } = null!;
    public List<(Guid Id, string Name)> Colleagues { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public string ReferralUrl => ReferralPages.Url(PersonId, Referral.Id);

    public static readonly List<SelectListItem> DisciplineOptions =
        [new("Choose a discipline", ""), .. Enum.GetValues<Discipline>().Select(d => new SelectListItem(ReferralPages.DisciplineName(d), d.ToString()))];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        Referral = referral;
        Version = db.VersionOf(referral);
        await audit.WriteReadAsync("Referral", referral.Id.ToString(), id, "Colleagues on the letter", ct);
        await Load(found, ct);
        return Page();
    }

    /// <summary>Names a colleague; one of the team is named by their account, so only they can write their part.</summary>
    public async Task<IActionResult> OnPostNameAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        Referral = referral;
        await Load(found, ct);
        ModelState.Clear();   // a discipline that is not one of the list gets the same message as none
        var me = found.Reader;
        var colleague = Form.Colleague is { } c ? Colleagues.FirstOrDefault(x => x.Id == c) : default;
        if (Form.Colleague is not null && colleague.Id == Guid.Empty)
        {
            ModelState.AddModelError("Form.Colleague", "Choose a colleague of the team, or leave this empty and give the name of someone outside it");
            return await Reloaded(found, ct);
        }
        if (colleague.Id != Guid.Empty && !string.IsNullOrWhiteSpace(Form.Name) && Form.Name.Trim() != colleague.Name)
        {
            ModelState.AddModelError("Form.Name", $"You chose {colleague.Name} from the team: leave the name empty, or choose nobody from the team");
            return await Reloaded(found, ct);
        }
        return await Save(found, referral, () =>
        {
            var named = referral.NameContributor(colleague.Id != Guid.Empty ? colleague.Name : Form.Name, Form.Discipline, Form.Role,
                colleague.Id != Guid.Empty ? new StaffId(colleague.Id) : null, me.Id, me.Name, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "Referral", referral.Id.ToString(), id, $"{named.Name} named to add their part");
            return named.StaffId is null
                ? $"{named.Name} is named on the letter. Record their part when they give it to you."
                : $"{named.Name} is named on the letter and will find it on their list of letters waiting for their part.";
        }, "Form", ct);
    }

    /// <summary>Takes a colleague off the letter, with the reason; they stay on record.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        Referral = referral;
        await Load(found, ct);
        ModelState.Clear();
        var me = found.Reader;
        return await Save(found, referral, () =>
        {
            referral.RemoveContributor(Remove.Contributor, Remove.Reason, me.Id, me.Name, clock.GetUtcNow());
            var removed = referral.Contributors.First(c => c.Id == Remove.Contributor);
            audit.Add(AuditActions.Update, "Referral", referral.Id.ToString(), id, $"{removed.Name} removed from the letter: {removed.RemovalReason}");
            return $"{removed.Name} is no longer on the letter.";
        }, "Remove", ct);
    }

    private async Task<IActionResult> Save(PersonAccess found, Referral referral, Func<string> change, string form, CancellationToken ct)
    {
        try
        {
            if (db.VersionOf(referral) != Version) throw new DbUpdateConcurrencyException();
            db.ExpectVersion(referral, Version);
            Notice = change();
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            Notice = null;
            ModelState.AddModelError(e.Field is null ? "" : form == "Remove" ? "Remove.Reason" : $"Form.{e.Field}", e.Message);
            return await Reloaded(found, ct);
        }
        catch (DbUpdateException e) when (ReferralPages.IsConflict(e))
        {
            Notice = null;
            ModelState.AddModelError("", "Someone changed this referral while you were working on it, so nothing was saved. Check the colleagues below and try again");
            return await Reloaded(found, ct);
        }
        return Redirect(ReferralPages.Url(found.Person.Id.Value, referral.Id) + "/contributors");
    }

    private async Task<IActionResult> Reloaded(PersonAccess found, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Referral = (await db.ReferralOf(found.Person.Id, Referral.Id.Value, tracked: true, ct))!;
        Version = db.VersionOf(Referral);
        ModelState.Remove(nameof(Version));
        return Page();
    }

    private async Task Load(PersonAccess found, CancellationToken ct)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        // The team's clinicians other than the referrer, who is already writing the letter.
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.TeamId == found.Person.CareTeamId && u.IsActive && (u.Role == StaffRole.Practitioner || u.Role == StaffRole.Supervisor) && u.Id != Referral.ReferrerId.Value)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        Colleagues = [.. rows.Select(r => (r.Id, r.DisplayName))];
    }

    public List<SelectListItem> ColleagueOptions =>
        [new("Someone outside the team", ""), .. Colleagues.Select(c => new SelectListItem(c.Name, c.Id.ToString()))];

    public sealed class NameForm
    {
        public Guid? Colleague { get; set; }
        public string? Name { get; set; }
        public Discipline? Discipline { get; set; }
        public string? Role { get; set; }
    }

    public sealed class RemoveForm
    {
        public Guid Contributor { get; set; }
        public string? Reason { get; set; }
    }
}
