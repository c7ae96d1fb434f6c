using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TeamEntity = Aftercare.Domain.Organisation.Team;

namespace Aftercare.Web.Features.Teams;

/// <summary>
/// The team's supervisor sets when the team reads messages and how soon, in reading hours, a
/// person can expect a reply. People are told exactly this before they write and in the automatic
/// reply, so it must be what the team can keep to. Only the team's supervisor opens this page.
/// </summary>
public sealed class MessageHoursModel(AftercareDb db, AuditTrail audit) : PageModel
{
    [BindProperty(Name = "Form")] public HoursForm Form { get; set; } = new();
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public string Described { get; private set; } = "";
    public int ReplyWithinHours { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (Supervisor(id) is null || await Load(id, ct) is not { } team) return NotFound();
        var hours = team.ReadingHours(UkTime.Zone);
        Form = HoursForm.From(hours, team.MessageReplyWithinHours);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (Supervisor(id) is null) return NotFound();
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == new TeamId(id), ct);
        if (team is null) return NotFound();
        await Load(id, ct);
        ModelState.Clear();
        ReadingHours? hours = null;
        try { hours = ReadingHours.FromTyped(Form.Days, UkTime.Zone); }
        catch (ClinicalRuleException e) { ModelState.AddModelError(HoursForm.FieldOf(e.Field), e.Message); }
        int? within = int.TryParse(Form.ReplyWithinHours?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (hours is not null)
        {
            try { team.SetMessaging(hours, within); }
            catch (ClinicalRuleException e) { ModelState.AddModelError("Form.ReplyWithinHours", e.Message); }
        }
        else if (within is not (>= 1 and <= TeamEntity.MaxReplyWithinHours))
            ModelState.AddModelError("Form.ReplyWithinHours", $"Enter the reply time as a whole number of reading hours from 1 to {TeamEntity.MaxReplyWithinHours}");
        if (!ModelState.IsValid) return Page();

        var changes = db.Entry(team).Properties.Where(p => p.IsModified).ToList();
        if (changes.Count == 0) { Notice = "Nothing changed."; return Redirect(Address(id)); }
        var said = $"Messages are read {hours!.Describe()}; a reply within {team.MessageReplyWithinHours} reading hours";
        audit.Add(AuditActions.Update, "Team", team.Id.ToString(), null, said);
        await db.SaveChangesAsync(ct);
        Notice = $"Saved. {said}.";
        return Redirect(Address(id));
    }

    public static string Address(Guid team) => $"/teams/{team}/message-hours";

    private CurrentStaff? Supervisor(Guid team) => TeamPages.Supervisor(User, team);

    private async Task<TeamEntity?> Load(Guid id, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == new TeamId(id), ct);
        if (team is null) return null;
        TeamId = id;
        TeamName = team.Name;
        Described = team.ReadingHours(UkTime.Zone).Describe();
        ReplyWithinHours = team.MessageReplyWithinHours;
        return team;
    }

    /// <summary>Each day's hours as typed ("09:00 to 17:00", or blank when messages are not read that day), Monday first, then the reply time.</summary>
    public sealed class HoursForm
    {
        public string? Monday { get; set; }
        public string? Tuesday { get; set; }
        public string? Wednesday { get; set; }
        public string? Thursday { get; set; }
        public string? Friday { get; set; }
        public string? Saturday { get; set; }
        public string? Sunday { get; set; }
        public string? ReplyWithinHours { get; set; }

        public List<string?> Days => [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday];

        public static HoursForm From(ReadingHours hours, int replyWithin) => new()
        {
            Monday = hours.Typed(DayOfWeek.Monday),
            Tuesday = hours.Typed(DayOfWeek.Tuesday),
            Wednesday = hours.Typed(DayOfWeek.Wednesday),
            Thursday = hours.Typed(DayOfWeek.Thursday),
            Friday = hours.Typed(DayOfWeek.Friday),
            Saturday = hours.Typed(DayOfWeek.Saturday),
            Sunday = hours.Typed(DayOfWeek.Sunday),
            ReplyWithinHours = replyWithin.ToString(CultureInfo.InvariantCulture),
        };

        /// <summary>The form field of a day the rules name by its place in the week ("Hours[1]" is Tuesday).</summary>
        public static string FieldOf(string? ruleField)
        {
            var day = ReadingHours.Week.FirstOrDefault(d => ReadingHours.DayField(d) == ruleField, DayOfWeek.Monday);
            return "Form." + ReadingHours.DayName(day);
        }
    }
}
