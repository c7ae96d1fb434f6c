using System.Text;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Teams;

/// <summary>
/// The crisis rules the team's messages are read with (M12), in plain words: every default rule,
/// the rules the team has added, and those it retired. Explainable means anyone in the team can see
/// exactly what flags a message, and try a message against the rules without sending anything.
/// The supervisor adds rules (a phrase, or a combination such as a means with a time) and retires
/// a team rule that proved a mistake; the defaults cannot be switched off.
/// </summary>
public sealed class CrisisRulesModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public PhraseForm Phrase { get; set; } = new();
    public CombinationForm Combination { get; set; } = new();
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public bool IsSupervisor { get; private set; }
    public IReadOnlyList<CrisisRule> Defaults => CrisisRuleSet.Default.Rules;
    public List<TeamCrisisRule> TeamRules { get; private set; } = [];
    public Dictionary<Guid, string> Names { get; private set; } = [];
    /// <summary>A message tried against the rules (never stored), and what it matched.</summary>
    public string? Tried { get; private set; }
    public CrisisAssessment? TryResult { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "try")] string? message, CancellationToken ct)
    {
        if (Member(id) is null) return NotFound();
        await Load(id, ct);
        if (!string.IsNullOrWhiteSpace(message))
        {
            Tried = message.Length > Domain.Messaging.Message.MaxBodyLength * 2 ? message[..(Domain.Messaging.Message.MaxBodyLength * 2)] : message;
            TryResult = TeamCrisisRule.SetFor(TeamRules).Assess(Tried);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPhraseAsync(Guid id, [Bind(Prefix = nameof(Phrase))] PhraseForm form, CancellationToken ct)
    {
        var staff = Supervisor(id);
        if (staff is null) return NotFound();
        Phrase = form;
        ModelState.Clear();
        return await Add(id, staff, "Phrase", () => CrisisRule.Phrase(RuleIdFor(form.Name), form.Name, form.Reason, Lines(form.Phrases)), ct);
    }

    public async Task<IActionResult> OnPostCombinationAsync(Guid id, [Bind(Prefix = nameof(Combination))] CombinationForm form, CancellationToken ct)
    {
        var staff = Supervisor(id);
        if (staff is null) return NotFound();
        Combination = form;
        ModelState.Clear();
        string?[] groups = [form.First, form.Second, form.Third];
        return await Add(id, staff, "Combination", () => CrisisRule.Combination(RuleIdFor(form.Name), form.Name, form.Reason,
            groups.Where((g, i) => i < 2 || !string.IsNullOrWhiteSpace(g)).Select(Lines)), ct);
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid id, Guid rule, CancellationToken ct)
    {
        var staff = Supervisor(id);
        if (staff is null) return NotFound();
        var found = await db.TeamCrisisRules.FirstOrDefaultAsync(r => r.Id == rule && r.TeamId == new TeamId(id), ct);
        if (found is null) return NotFound();
        if (found.Retire(staff.Id, clock.GetUtcNow()))
        {
            audit.Add(AuditActions.Update, "TeamCrisisRule", found.Id.ToString(), null, $"Crisis rule \"{found.Name}\" retired");
            await db.SaveChangesAsync(ct);
            Notice = $"\"{found.Name}\" no longer flags messages. It stays listed under retired rules.";
        }
        else Notice = $"\"{found.Name}\" was already retired.";
        return Redirect(Address(id));
    }

    private async Task<IActionResult> Add(Guid id, CurrentStaff staff, string form, Func<CrisisRule> make, CancellationToken ct)
    {
        var existing = await db.TeamCrisisRules.Where(r => r.TeamId == new TeamId(id)).ToListAsync(ct);
        TeamCrisisRule added;
        try
        {
            added = TeamCrisisRule.Add(new TeamId(id), make(), existing, staff.Id, clock.GetUtcNow());
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(form + "." + FieldFor(form, e.Field), e.Message);
            await Load(id, ct);
            return Page();
        }
        db.TeamCrisisRules.Add(added);
        audit.Add(AuditActions.Create, "TeamCrisisRule", added.Id.ToString(), null, $"Crisis rule \"{added.Name}\" added");
        await db.SaveChangesAsync(ct);
        Notice = $"\"{added.Name}\" now flags the team's messages.";
        return Redirect(Address(id));
    }

    // The domain names its fields by the rule's parts; the forms name theirs by what a supervisor types.
    private static string FieldFor(string form, string? field) => field switch
    {
        "Reason" => nameof(PhraseForm.Reason),
        "Phrases" or "Groups" => form == "Phrase" ? nameof(PhraseForm.Phrases) : nameof(CombinationForm.First),
        _ => nameof(PhraseForm.Name),
    };

    private static IEnumerable<string?> Lines(string? text) =>
        (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A team rule's short name, made from its name: "team-" and the name's letters and digits, so it never clashes with a default.</summary>
    public static string RuleIdFor(string? name)
    {
        var id = new StringBuilder("team");
        var dash = true;
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') { if (dash) id.Append('-'); id.Append(c); dash = false; }
            else if (char.IsWhiteSpace(c) || c is '-' or '_' or '/') dash = true;
        }
        var text = id.ToString();
        return text.Length <= CrisisRule.MaxIdLength ? text : text[..CrisisRule.MaxIdLength].TrimEnd('-');
    }

    public static string Address(Guid team) => $"/teams/{team}/crisis-rules";

    private CurrentStaff? Member(Guid team) => TeamPages.Member(User, team);

    private CurrentStaff? Supervisor(Guid team) => TeamPages.Supervisor(User, team);

    private async Task Load(Guid id, CancellationToken ct)
    {
        var staff = Member(id)!;
        (TeamId, IsSupervisor) = (id, staff.Role == StaffRole.Supervisor);
        TeamName = await db.Teams.AsNoTracking().Where(t => t.Id == new TeamId(id)).Select(t => t.Name).FirstAsync(ct);
        TeamRules = await db.TeamCrisisRules.AsNoTracking().Where(r => r.TeamId == new TeamId(id)).OrderBy(r => r.AddedAt).ToListAsync(ct);
        var people = TeamRules.Select(r => r.AddedBy.Value).Concat(TeamRules.Where(r => r.RetiredBy is not null).Select(r => r.RetiredBy!.Value.Value)).Distinct().ToList();
        Names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public string NameOf(StaffId? staff) => staff is { } s ? Names.GetValueOrDefault(s.Value, "a former member of staff") : "";

    public sealed class PhraseForm
    {
        public string? Name { get; set; }
        public string? Reason { get; set; }
        public string? Phrases { get; set; }
    }

    public sealed class CombinationForm
    {
        public string? Name { get; set; }
        public string? Reason { get; set; }
        public string? First { get; set; }
        public string? Second { get; set; }
        public string? Third { get; set; }
    }
}
