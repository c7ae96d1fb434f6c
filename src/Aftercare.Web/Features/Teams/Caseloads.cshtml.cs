using System.Globalization;
using Aftercare.Domain.Caseloads;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Pathways;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Teams;

/// <summary>One row of the caseload table: someone holding (or able to hold) the team's people.</summary>
public sealed record CaseloadRow(StaffId Id, string Name, StaffRole? Role, int Active, CaseloadState State, bool InTeam);

/// <summary>
/// The team's caseloads against the limit the team sets, for its supervisor (and, to read, its
/// practitioners): nobody's caseload grows beyond what can be delivered without it being seen.
/// The supervisor sets the limit and the video link, and hands a whole caseload over when a
/// practitioner leaves or is away for long, so nobody's work is left without a named practitioner.
/// People still named on the team's pathways who have left the team (or whose account is closed)
/// are listed too, so their work cannot be forgotten.
/// </summary>
public sealed class CaseloadsModel(AftercareDb db, PathwayStarter starter, AuditTrail audit, TimeProvider clock) : PageModel
{
    // Two forms on one page: each handler binds only its own form, by its prefix.
    public SettingsForm Settings { get; set; } = new();
    public HandoverForm Handover { get; set; } = new();
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public int? Limit { get; private set; }
    public string? VideoLink { get; private set; }
    public bool IsSupervisor { get; private set; }
    public List<CaseloadRow> Rows { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (Member(id) is null) return NotFound();
        await Load(id, ct);
        Settings = new SettingsForm { Limit = Limit?.ToString(CultureInfo.InvariantCulture), VideoLink = VideoLink };
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid id, [Bind(Prefix = nameof(Settings))] SettingsForm form, CancellationToken ct)
    {
        var staff = Supervisor(id);
        if (staff is null) return NotFound();
        Settings = form;
        ModelState.Clear();
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == new TeamId(id), ct);
        if (team is null) return NotFound();
        var (oldLimit, oldLink) = (team.CaseloadLimit, team.VideoLink);

        int? limit = null;
        var limitText = form.Limit?.Trim();
        if (!string.IsNullOrEmpty(limitText))
        {
            if (int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) limit = n;
            else ModelState.AddModelError("Settings.Limit", $"Enter the limit as a whole number from 1 to {CaseloadRule.MaxLimit}, or leave it blank for no limit");
        }
        if (ModelState.IsValid)
        {
            try { team.SetCaseloadLimit(limit); }
            catch (ClinicalRuleException e) { ModelState.AddModelError("Settings.Limit", e.Message); }
        }
        try { team.SetVideoLink(form.VideoLink); }
        catch (ClinicalRuleException e) { ModelState.AddModelError("Settings.VideoLink", e.Message); }
        if (!ModelState.IsValid) { await Load(id, ct); return Page(); }

        var changes = new List<string>();
        if (team.CaseloadLimit != oldLimit) changes.Add($"caseload limit {Describe(team.CaseloadLimit)} (was {Describe(oldLimit)})");
        if (team.VideoLink != oldLink) changes.Add($"video link {team.VideoLink ?? "removed"} (was {oldLink ?? "none"})");
        if (changes.Count == 0) { Notice = "Nothing changed."; return Redirect(Address(id)); }
        audit.Add(AuditActions.Update, "Team", team.Id.ToString(), null, string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
        Notice = "Saved: " + string.Join("; ", changes) + ".";
        return Redirect(Address(id));
    }

    /// <summary>
    /// Hands every active pathway of one practitioner to another, with every open contact (the
    /// overdue ones included), in one save: all of it moves, or none of it.
    /// </summary>
    public async Task<IActionResult> OnPostHandoverAsync(Guid id, [Bind(Prefix = nameof(Handover))] HandoverForm form, CancellationToken ct)
    {
        var staff = Supervisor(id);
        if (staff is null) return NotFound();
        Handover = form;
        ModelState.Clear();
        await Load(id, ct);
        var from = form.From is { } f ? Rows.FirstOrDefault(r => r.Id.Value == f && r.Active > 0) : null;
        var to = form.To is { } t ? Rows.FirstOrDefault(r => r.Id.Value == t && r.InTeam) : null;
        if (from is null) ModelState.AddModelError("Handover.From", "Choose whose caseload to hand over");
        if (to is null) ModelState.AddModelError("Handover.To", "Choose the practitioner of the team to hand it to");
        else if (from is not null && from.Id == to.Id) ModelState.AddModelError("Handover.To", "Choose someone other than the practitioner handing over");
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow();
        var pathways = await db.Pathways.AsSplitQuery().Include(p => p.Contacts).Include(p => p.Covers)
            .Where(p => p.TeamId == new TeamId(id) && p.NamedPractitionerId == from!.Id && p.Status == PathwayStatus.Active)
            .ToListAsync(ct);
        var people = pathways.Select(p => p.PersonId).Distinct().Count();
        if (people == 0)
        {
            ModelState.AddModelError("Handover.From", $"{from!.Name} holds no active people in this team now");
            return Page();
        }
        int moved = 0;
        try
        {
            var reason = CaseloadRule.HandoverReason(new AllocationCheck(to!.Active, Limit, people), form.Reason, form.ConfirmAboveLimit, "Reason", "ConfirmAboveLimit");
            foreach (var pathway in pathways)
                moved += Handovers.HandOver(pathway, to.Id, to.Name, from!.Name, reason, staff, now, audit);
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Handover." + (e.Field is "Reason" or "ConfirmAboveLimit" ? e.Field : "To"), e.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Someone changed one of these pathways while you were handing over, so nothing was handed over. Check the caseloads and try again");
            db.ChangeTracker.Clear();
            await Load(id, ct);
            return Page();
        }
        Notice = $"{Handovers.People(people)} and their {Handovers.Contacts(moved)} handed to {to.Name}.";
        return Redirect(Address(id));
    }

    public static string Address(Guid team) => $"/teams/{team}/caseloads";

    public static string Describe(int? limit) => limit is { } l ? l.ToString(CultureInfo.InvariantCulture) : "no limit";

    public static string Describe(CaseloadState state) => state switch
    {
        CaseloadState.BelowLimit => "Below the limit",
        CaseloadState.AtLimit => "At the limit",
        CaseloadState.AboveLimit => "Above the limit",
        _ => "No limit set",
    };

    public List<SelectListItem> FromOptions =>
        [new("Choose whose caseload", ""), .. Rows.Where(r => r.Active > 0).Select(r => new SelectListItem($"{r.Name} ({Handovers.People(r.Active)})", r.Id.Value.ToString()))];

    public List<SelectListItem> ToOptions =>
        [new("Choose who takes it", ""), .. Rows.Where(r => r.InTeam).Select(r => new SelectListItem($"{r.Name} ({r.Active}{(Limit is { } l ? $" of {l}" : "")} active)", r.Id.Value.ToString()))];

    private CurrentStaff? Member(Guid team) => TeamPages.Member(User, team);

    private CurrentStaff? Supervisor(Guid team) => TeamPages.Supervisor(User, team);

    private async Task Load(Guid id, CancellationToken ct)
    {
        var staff = Member(id)!;
        TeamId = id;
        IsSupervisor = staff.Role == StaffRole.Supervisor;
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == new TeamId(id)).Select(t => new { t.Name, t.CaseloadLimit, t.VideoLink }).FirstAsync(ct);
        (TeamName, Limit, VideoLink) = (team.Name, team.CaseloadLimit, team.VideoLink);
        var members = await starter.Practitioners(new TeamId(id), ct);
        Rows = [.. members.Select(m => new CaseloadRow(m.Id, m.Name, m.Role, m.Active, CaseloadRule.StateOf(m.Active, Limit), InTeam: true))];
        // Anyone still named on the team's active pathways who is no longer an active member: their people must not be forgotten.
        var memberIds = members.Select(m => m.Id).ToList();
        var others = await db.Pathways.AsNoTracking()
            .Where(p => p.TeamId == new TeamId(id) && p.Status == PathwayStatus.Active && !memberIds.Contains(p.NamedPractitionerId))
            .GroupBy(p => p.NamedPractitionerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        if (others.Count > 0)
        {
            var ids = others.Select(o => o.Key.Value).ToList();
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            Rows.AddRange(others.OrderBy(o => names.GetValueOrDefault(o.Key.Value, "")).Select(o => new CaseloadRow(
                o.Key, names.GetValueOrDefault(o.Key.Value, "A former member of staff"), null, o.Count, CaseloadRule.StateOf(o.Count, Limit), InTeam: false)));
        }
    }

    public sealed class SettingsForm
    {
        public string? Limit { get; set; }
        public string? VideoLink { get; set; }
    }

    public sealed class HandoverForm
    {
        public Guid? From { get; set; }
        public Guid? To { get; set; }
        public bool ConfirmAboveLimit { get; set; }
        public string? Reason { get; set; }
    }
}
