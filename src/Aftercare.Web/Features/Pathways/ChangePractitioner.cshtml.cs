using Aftercare.Domain.Access;
using Aftercare.Domain.Caseloads;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// Changes the person's named practitioner, with the reason, taking every open contact (overdue
/// ones included) to the new practitioner. Any clinician of the care team may do it; above the
/// caseload limit it must be confirmed. The history of who was named, when and why is shown.
/// </summary>
public sealed class ChangePractitionerModel(AftercareDb db, CareAccess access, AuditTrail audit, PathwayStarter starter, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public ChangeForm Form { get; set; } = new();
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public Pathway? Current { get; private set; }
    public List<TeamPractitioner> Practitioners { get; private set; } = [];
    public int? Limit { get; private set; }
    public Dictionary<Guid, string> StaffNames { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        Current = await db.Pathways.AsNoTracking()
            .Where(p => p.PersonId == found.Person.Id && p.Status == PathwayStatus.Active).OrderByDescending(p => p.StartedAt).FirstOrDefaultAsync(ct);
        await Load(found, ct);
        await audit.WriteReadAsync("Pathway", Current?.Id.ToString(), id, "Named practitioner and its history", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        Current = await db.Pathways.AsSplitQuery().Include(p => p.Contacts).Include(p => p.Covers)
            .Where(p => p.PersonId == found.Person.Id && p.Status == PathwayStatus.Active).OrderByDescending(p => p.StartedAt).FirstOrDefaultAsync(ct);
        if (Current is null) return NotFound();
        await Load(found, ct);
        ModelState.Clear();   // a choice that is not one of the list gets the same message as none

        var to = Form.To is { } t ? Practitioners.FirstOrDefault(p => p.Id.Value == t) : null;
        if (to is null) { ModelState.AddModelError("Form.To", "Choose a practitioner of the team"); return Page(); }
        var now = clock.GetUtcNow();
        int moved;
        try
        {
            var reason = CaseloadRule.HandoverReason(new AllocationCheck(to.Active, Limit), Form.Reason, Form.ConfirmAboveLimit, "Reason", "ConfirmAboveLimit");
            moved = Handovers.HandOver(Current, to.Id, to.Name, NameOf(Current.NamedPractitionerId), reason, found.Reader, now, audit);
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form." + (e.Field is "Reason" or "ConfirmAboveLimit" ? e.Field : "To"), e.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Someone changed this pathway while you were handing it over, so nothing was changed. Check the pathway and try again");
            // Show the pathway as it is saved, not as this attempt left it in memory.
            db.ChangeTracker.Clear();
            Current = await db.Pathways.AsNoTracking().FirstAsync(p => p.Id == Current.Id, ct);
            await Load(found, ct);
            return Page();
        }
        Notice = $"{to.Name} is now the named practitioner, with {Handovers.Contacts(moved)}.";
        return Redirect($"/persons/{id}/pathway");
    }

    public string NameOf(StaffId id) => StaffNames.GetValueOrDefault(id.Value, "a former member of staff");

    public List<SelectListItem> Options =>
        [new("Choose a practitioner", ""), .. Practitioners.Where(p => p.Id != Current?.NamedPractitionerId)
            .Select(p => new SelectListItem($"{p.Name} ({p.Active}{(Limit is { } l ? $" of {l}" : "")} active)", p.Id.Value.ToString()))];

    private async Task Load(PersonAccess found, CancellationToken ct)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        if (Current is null) return;
        Practitioners = await starter.Practitioners(Current.TeamId, ct);
        Limit = await db.Teams.Where(t => t.Id == Current.TeamId).Select(t => t.CaseloadLimit).FirstAsync(ct);
        var ids = Current.PractitionerChanges.SelectMany(c => new[] { c.ToPractitionerId.Value, c.ChangedBy.Value }
            .Concat(c.FromPractitionerId is { } f ? [f.Value] : [])).Append(Current.NamedPractitionerId.Value).Distinct().ToList();
        StaffNames = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public sealed class ChangeForm
    {
        public Guid? To { get; set; }
        public bool ConfirmAboveLimit { get; set; }
        public string? Reason { get; set; }
    }
}
