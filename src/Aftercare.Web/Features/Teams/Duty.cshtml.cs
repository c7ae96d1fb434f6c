using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Teams;

/// <summary>One shift on the rota as the page lists it.</summary>
public sealed record DutyRow(DutyShiftId Id, StaffId PractitionerId, string Name, DateTimeOffset StartsAt, DateTimeOffset Until, bool Now);

/// <summary>
/// The team's duty rota (M12): who has the crisis alerts now and next, and how long an alert may
/// wait for someone to take it on before it goes to the supervisor. A practitioner takes duty
/// themselves; the supervisor arranges it for anyone in the team and sets the time. A gap in the
/// rota is shown plainly, because then alerts go to everyone in the team at once.
/// </summary>
public sealed class DutyModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    // Three forms on one page: each handler binds only its own form, by its prefix.
    public TakeForm Take { get; set; } = new();
    public ArrangeForm Arrange { get; set; } = new();
    public SettingsForm Settings { get; set; } = new();
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public int EscalationMinutes { get; private set; }
    public bool IsSupervisor { get; private set; }
    public StaffId Me { get; private set; }
    public DutyRow? OnDutyNow { get; private set; }
    public List<DutyRow> Rota { get; private set; } = [];
    public List<(StaffId Id, string Name)> Clinicians { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (Member(id) is null) return NotFound();
        await Load(id, ct);
        Settings = new SettingsForm { EscalationMinutes = EscalationMinutes.ToString(CultureInfo.InvariantCulture) };
        return Page();
    }

    /// <summary>"I'll take duty now until …": the practitioner's own shift, from this moment.</summary>
    public async Task<IActionResult> OnPostTakeAsync(Guid id, [Bind(Prefix = nameof(Take))] TakeForm form, CancellationToken ct)
    {
        var staff = Member(id);
        if (staff is null) return NotFound();
        Take = form;
        ModelState.Clear();
        var now = clock.GetUtcNow();
        var ok = UkTimeInput.TryGet(ModelState, form.UntilDate, form.UntilTime, "Take.UntilDate", "Take.UntilTime", "Date your duty ends", "time your duty ends", out var day, out var time);
        return await Save(id, staff, ok ? () => DutyShift.Arrange(new TeamId(id), staff.Id, now, UkTime.ToUtc(day, time), staff.Id, now) : null,
            "Take", ct);
    }

    /// <summary>The supervisor puts someone of the team on the rota, now or ahead.</summary>
    public async Task<IActionResult> OnPostArrangeAsync(Guid id, [Bind(Prefix = nameof(Arrange))] ArrangeForm form, CancellationToken ct)
    {
        var staff = Supervisor(id);
        if (staff is null) return NotFound();
        Arrange = form;
        ModelState.Clear();
        await Load(id, ct);
        var who = form.Practitioner is { } p ? Clinicians.FirstOrDefault(c => c.Id.Value == p) : default;
        if (who == default) ModelState.AddModelError("Arrange.Practitioner", "Choose who is on duty");
        var startOk = UkTimeInput.TryGet(ModelState, form.StartDate, form.StartTime, "Arrange.StartDate", "Arrange.StartTime", "Date the duty starts", "time the duty starts", out var startDay, out var startTime);
        var endOk = UkTimeInput.TryGet(ModelState, form.EndDate, form.EndTime, "Arrange.EndDate", "Arrange.EndTime", "Date the duty ends", "time the duty ends", out var endDay, out var endTime);
        var now = clock.GetUtcNow();
        return await Save(id, staff, ModelState.IsValid && startOk && endOk
            ? () => DutyShift.Arrange(new TeamId(id), who.Id, UkTime.ToUtc(startDay, startTime), UkTime.ToUtc(endDay, endTime), staff.Id, now)
            : null, "Arrange", ct);
    }

    /// <summary>Ends a shift early: the practitioner their own, the supervisor anyone's.</summary>
    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid shift, CancellationToken ct)
    {
        var staff = Member(id);
        if (staff is null) return NotFound();
        var found = await db.DutyShifts.FirstOrDefaultAsync(s => s.Id == new DutyShiftId(shift) && s.TeamId == new TeamId(id), ct);
        if (found is null || (staff.Role != StaffRole.Supervisor && found.PractitionerId != staff.Id)) return NotFound();
        var now = clock.GetUtcNow();
        if (found.End(now))
        {
            audit.Add(AuditActions.Update, "DutyShift", found.Id.ToString(), null, $"Duty ended early at {UkTime.Format(now)}");
            await db.SaveChangesAsync(ct);
            Notice = "The duty was ended.";
        }
        else Notice = "That duty had already ended.";
        return Redirect(Address(id));
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid id, [Bind(Prefix = nameof(Settings))] SettingsForm form, CancellationToken ct)
    {
        var staff = Supervisor(id);
        if (staff is null) return NotFound();
        Settings = form;
        ModelState.Clear();
        var team = await db.Teams.FirstAsync(t => t.Id == new TeamId(id), ct);
        var was = team.AlertEscalationMinutes;
        try
        {
            team.SetAlertEscalation(int.TryParse(form.EscalationMinutes?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : null);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Settings.EscalationMinutes", e.Message);
            await Load(id, ct);
            return Page();
        }
        if (team.AlertEscalationMinutes != was)
        {
            audit.Add(AuditActions.Update, "Team", team.Id.ToString(), null, $"crisis alerts escalate after {team.AlertEscalationMinutes} minutes (was {was})");
            await db.SaveChangesAsync(ct);
            Notice = $"Saved: an alert nobody has taken on goes to the supervisor after {Minutes(team.AlertEscalationMinutes)}.";
        }
        else Notice = "Nothing changed.";
        return Redirect(Address(id));
    }

    private async Task<IActionResult> Save(Guid id, CurrentStaff staff, Func<DutyShift>? make, string form, CancellationToken ct)
    {
        DutyShift? shift = null;
        if (make is not null)
        {
            try { shift = make(); }
            catch (ClinicalRuleException e)
            {
                var field = e.Field switch
                {
                    nameof(DutyShift.StartsAt) => form == "Take" ? "Take.UntilTime" : "Arrange.StartTime",
                    _ => form == "Take" ? "Take.UntilTime" : "Arrange.EndTime",
                };
                ModelState.AddModelError(field, e.Message);
            }
        }
        if (shift is null)
        {
            await Load(id, ct);
            return Page();
        }
        db.DutyShifts.Add(shift);
        var name = staff.Id == shift.PractitionerId ? staff.Name : Clinicians.First(c => c.Id == shift.PractitionerId).Name;
        audit.Add(AuditActions.Create, "DutyShift", shift.Id.ToString(), null, $"{name} on duty {UkTime.Format(shift.StartsAt)} to {UkTime.Format(shift.EndsAt)}");
        await db.SaveChangesAsync(ct);
        Notice = $"{(staff.Id == shift.PractitionerId ? "You are" : name + " is")} on duty from {UkTime.Format(shift.StartsAt)} to {UkTime.Format(shift.EndsAt)}.";
        return Redirect(Address(id));
    }

    public static string Address(Guid team) => $"/teams/{team}/duty";

    public static string Minutes(int n) => n == 1 ? "1 minute" : $"{n} minutes";

    public List<SelectListItem> PractitionerOptions =>
        [new("Choose who", ""), .. Clinicians.Select(c => new SelectListItem(c.Name, c.Id.Value.ToString()))];

    private CurrentStaff? Member(Guid team) => TeamPages.Member(User, team);

    private CurrentStaff? Supervisor(Guid team) => TeamPages.Supervisor(User, team);

    private async Task Load(Guid id, CancellationToken ct)
    {
        var staff = Member(id)!;
        var team = new TeamId(id);
        (TeamId, Me, IsSupervisor) = (id, staff.Id, staff.Role == StaffRole.Supervisor);
        var settings = await db.Teams.AsNoTracking().Where(t => t.Id == team).Select(t => new { t.Name, t.AlertEscalationMinutes }).FirstAsync(ct);
        (TeamName, EscalationMinutes) = (settings.Name, settings.AlertEscalationMinutes);
        var clinicians = await db.Users.AsNoTracking()
            .Where(u => u.TeamId == team && u.IsActive && (u.Role == StaffRole.Practitioner || u.Role == StaffRole.Supervisor))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        Clinicians = [.. clinicians.Select(c => (new StaffId(c.Id), c.DisplayName))];

        var now = clock.GetUtcNow();
        // Shifts not yet over: the rota from now on. Ended early ones are over at their end.
        var shifts = await db.DutyShifts.AsNoTracking().Where(s => s.TeamId == team && s.EndsAt > now && (s.EndedAt == null || s.EndedAt > now))
            .OrderBy(s => s.StartsAt).Take(50).ToListAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => shifts.Select(s => s.PractitionerId.Value).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var onDuty = DutyShift.OnDutyAt(shifts, now);
        Rota = [.. shifts.Select(s => new DutyRow(s.Id, s.PractitionerId, names.GetValueOrDefault(s.PractitionerId.Value, "A former member of staff"), s.StartsAt, s.Until,
            Now: s.CoversMoment(now) && s.PractitionerId == onDuty))];
        OnDutyNow = Rota.FirstOrDefault(r => r.Now);
        // Taking duty offers the end of the working day (or, after it, 9am tomorrow), on any form shown again.
        if (Take.UntilDate.IsEmpty && string.IsNullOrWhiteSpace(Take.UntilTime))
        {
            var local = UkTime.ToLocal(now);
            var until = local.Date.AddHours(17);
            if (until <= local) until = local.Date.AddDays(1).AddHours(9);
            Take = new TakeForm { UntilDate = DateParts.From(DateOnly.FromDateTime(until)), UntilTime = until.ToString("HH:mm", CultureInfo.InvariantCulture) };
        }
    }

    public sealed class TakeForm
    {
        public DateParts UntilDate { get; set; } = new();
        public string? UntilTime { get; set; }
    }

    public sealed class ArrangeForm
    {
        public Guid? Practitioner { get; set; }
        public DateParts StartDate { get; set; } = new();
        public string? StartTime { get; set; }
        public DateParts EndDate { get; set; } = new();
        public string? EndTime { get; set; }
    }

    public sealed class SettingsForm
    {
        public string? EscalationMinutes { get; set; }
    }
}
