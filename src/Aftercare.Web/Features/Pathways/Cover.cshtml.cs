using System.Globalization;
using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// Cover made explicit: another practitioner of the team does the person's work from one UK time
/// to another, for a reason, while the named practitioner stays named and still sees it. A cover
/// can be ended early (the named practitioner is back). Any clinician of the care team may do both.
/// </summary>
public sealed class CoverModel(AftercareDb db, CareAccess access, AuditTrail audit, PathwayStarter starter, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public CoverForm Form { get; set; } = new();
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public Pathway? Current { get; private set; }
    public List<TeamPractitioner> Practitioners { get; private set; } = [];
    public Dictionary<Guid, string> StaffNames { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        Current = await ActivePathway(found.Person.Id, tracked: false, ct);
        await Load(found, ct);
        var local = UkTime.ToLocal(Now);
        Form.FromDate = DateParts.From(DateOnly.FromDateTime(local));
        Form.FromTime = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        await audit.WriteReadAsync("Pathway", Current?.Id.ToString(), id, "Cover", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        Current = await ActivePathway(found.Person.Id, tracked: true, ct);
        if (Current is null) return NotFound();
        await Load(found, ct);

        var covering = Form.Covering is { } c ? Practitioners.FirstOrDefault(p => p.Id.Value == c) : null;
        ModelState.Remove("Form.Covering");
        if (covering is null) ModelState.AddModelError("Form.Covering", "Choose a practitioner of the team to cover");
        var fromOk = Instant(Form.FromDate, Form.FromTime, "Form.FromDate", "Form.FromTime", "Date the cover starts", "time the cover starts", out var from);
        var untilOk = Instant(Form.UntilDate, Form.UntilTime, "Form.UntilDate", "Form.UntilTime", "Date the cover ends", "time the cover ends", out var until);
        if (!ModelState.IsValid || !fromOk || !untilOk) return Page();

        try
        {
            var cover = Current.ArrangeCover(covering!.Id, from, until, Form.Reason, found.Reader.Id, Now);
            audit.Add(AuditActions.Create, "PathwayCover", cover.Id.ToString(), id,
                $"{covering.Name} covers for {NameOf(Current.NamedPractitionerId)} from {UkTime.Format(from)} until {UkTime.Format(until)}: {cover.Reason}");
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            var field = e.Field switch
            {
                nameof(PathwayCover.CoveringPractitionerId) => "Covering",
                nameof(PathwayCover.EndsAt) => "UntilDate",
                "Reason" => "Reason",
                _ => null,
            };
            ModelState.AddModelError(field is null ? "" : "Form." + field, e.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Someone changed this pathway while you were arranging cover, so the cover was not saved. Check the pathway and try again");
            await Reload(found, ct);
            return Page();
        }
        Notice = $"{covering.Name} covers from {UkTime.Format(from)} until {UkTime.Format(until)}.";
        return Redirect($"/persons/{id}/pathway");
    }

    /// <summary>Ends a cover early: the work is the named practitioner's again from now.</summary>
    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid coverId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        Current = await ActivePathway(found.Person.Id, tracked: true, ct);
        var cover = Current?.Covers.FirstOrDefault(c => c.Id == coverId);
        if (Current is null || cover is null) return NotFound();
        await Load(found, ct);
        if (cover.EndedAt is null && cover.EndsAt > Now)
        {
            Current.EndCover(cover.Id, found.Reader.Id, Now);
            audit.Add(AuditActions.Update, "PathwayCover", cover.Id.ToString(), id, $"Cover by {NameOf(cover.CoveringPractitionerId)} ended early");
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", "Someone changed this pathway at the same moment, so the cover was not ended. Try again");
                await Reload(found, ct);
                return Page();
            }
        }
        Notice = $"Cover by {NameOf(cover.CoveringPractitionerId)} has ended: the work is with {NameOf(Current.NamedPractitionerId)}.";
        return Redirect($"/persons/{id}/pathway");
    }

    public string NameOf(StaffId id) => StaffNames.GetValueOrDefault(id.Value, "a former member of staff");

    /// <summary>Covers in place now or still to come, soonest first.</summary>
    public IEnumerable<PathwayCover> OpenCovers => (Current?.Covers ?? []).Where(c => c.EndedAt is null && c.EndsAt > Now).OrderBy(c => c.StartsAt);

    public List<SelectListItem> Options =>
        [new("Choose who covers", ""), .. Practitioners.Where(p => p.Id != Current?.NamedPractitionerId)
            .Select(p => new SelectListItem(p.Name, p.Id.Value.ToString()))];

    private Task<Pathway?> ActivePathway(PersonId person, bool tracked, CancellationToken ct)
    {
        var query = db.Pathways.Include(p => p.Covers).Where(p => p.PersonId == person && p.Status == PathwayStatus.Active);
        if (!tracked) query = query.AsNoTracking();
        return query.OrderByDescending(p => p.StartedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>After a refused save: the pathway as it is saved, not as this attempt left it in memory.</summary>
    private async Task Reload(PersonAccess found, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Current = await ActivePathway(found.Person.Id, tracked: false, ct);
        await Load(found, ct);
    }

    private async Task Load(PersonAccess found, CancellationToken ct)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        Now = clock.GetUtcNow();
        if (Current is null) return;
        Practitioners = await starter.Practitioners(Current.TeamId, ct);
        var ids = Current.Covers.Select(c => c.CoveringPractitionerId.Value).Append(Current.NamedPractitionerId.Value).Distinct().ToList();
        StaffNames = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    /// <summary>A UK date and time typed in two fields, as one instant; errors go next to the field at fault.</summary>
    private bool Instant(DateParts date, string? time, string dateKey, string timeKey, string what, string whatTime, out DateTimeOffset instant)
    {
        instant = default;
        ModelState.Remove(timeKey);
        if (!UkTimeInput.TryGet(ModelState, date, time, dateKey, timeKey, what, whatTime, out var day, out var at)) return false;
        try { instant = UkTime.ToUtc(day, at); return true; }
        catch (ClinicalRuleException e) { ModelState.AddModelError(timeKey, e.Message); return false; }
    }

    public sealed class CoverForm
    {
        public Guid? Covering { get; set; }
        public DateParts FromDate { get; set; } = new();
        public string? FromTime { get; set; }
        public DateParts UntilDate { get; set; } = new();
        public string? UntilTime { get; set; }
        public string? Reason { get; set; }
    }
}
