using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Supervision;

/// <summary>A practitioner of the team on the supervisor's list: when they were last supervised and what is still open.</summary>
public sealed record SupervisedPractitioner(Guid Id, string Name, DateOnly? LastSupervisedOn, int OpenActions, int OverdueActions);

/// <summary>A person of the chosen practitioner's caseload, as the form offers them.</summary>
public sealed record CaseloadPerson(PersonId Id, string Name, bool HasTranscript);

/// <summary>A care session the chosen practitioner held, offered for review.</summary>
public sealed record ReviewableSession(CareSessionId Id, PersonId PersonId, string PersonName, DateTimeOffset OccurredAt);

/// <summary>
/// The team's supervision (M14), for its supervisor: each practitioner with the date of their
/// last supervision and their open actions, the sessions recorded, and the form to record one,
/// with the cases discussed chosen from that practitioner's caseload and the transcripts and
/// care sessions reviewed. Every person shown is audited as read (hazard H56).
/// </summary>
public sealed class TeamSupervisionModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const int ActionRows = 3;
    public const int SessionsShown = 30;

    [BindProperty(Name = "Form")] public RecordForm Form { get; set; } = new();
    public Guid TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public List<SupervisedPractitioner> Practitioners { get; private set; } = [];
    public List<SupervisionSession> Recent { get; private set; } = [];
    public SupervisedPractitioner? Chosen { get; private set; }
    public List<CaseloadPerson> Caseload { get; private set; } = [];
    public List<ReviewableSession> ReviewableSessions { get; private set; } = [];
    public DateOnly Today { get; private set; }
    /// <summary>A case was posted for someone not on the practitioner's caseload: not a mistake the form could make.</summary>
    private bool PostedOutsideCaseload { get; set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? practitioner, CancellationToken ct)
    {
        if (SupervisionPages.TeamSupervisor(User, id) is null) return NotFound();
        Form = new RecordForm { Practitioner = practitioner, HeldOn = DateParts.From(UkTime.DateOf(clock.GetUtcNow())), Kind = SupervisionKind.OneToOne };
        await Load(id, practitioner, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var staff = SupervisionPages.TeamSupervisor(User, id);
        if (staff is null) return NotFound();
        ModelState.Clear();
        await Load(id, Form.Practitioner, ct);
        if (PostedOutsideCaseload) return NotFound();
        if (Chosen is null)
        {
            ModelState.AddModelError("Form.Practitioner", "Choose the practitioner you supervised");
            return Page();
        }
        var now = clock.GetUtcNow();
        Form.HeldOn.TryGetDate(ModelState, "Form.HeldOn", "Date it was held", out var heldOn);
        int? minutes = null;
        if (!string.IsNullOrWhiteSpace(Form.DurationMinutes))
        {
            if (int.TryParse(Form.DurationMinutes.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m)) minutes = m;
            else ModelState.AddModelError("Form.DurationMinutes", "Enter the length as a whole number of minutes, like 60");
        }
        if (Form.Kind is null) ModelState.AddModelError("Form.Kind", "Choose the kind of supervision");

        // Only the practitioner's own people, transcripts and sessions can be named: what was posted is checked against what was offered.
        var offered = Caseload.ToDictionary(p => p.Id.Value);
        var caseIndex = new List<int>();
        var cases = new List<SupervisionCaseDraft>();
        for (var i = 0; i < Form.Cases.Count; i++)
        {
            var c = Form.Cases[i];
            if (string.IsNullOrWhiteSpace(c.Discussed)) continue;
            if (c.PersonId is not { } pid || !offered.ContainsKey(pid)) return NotFound();
            caseIndex.Add(i);
            cases.Add(new SupervisionCaseDraft(new PersonId(pid), c.Discussed));
        }
        var transcripts = new List<PersonId>();
        foreach (var t in Form.Transcripts)
        {
            if (!offered.TryGetValue(t, out var p) || !p.HasTranscript) return NotFound();
            transcripts.Add(p.Id);
        }
        var sessions = new List<(PersonId, CareSessionId)>();
        var reviewable = ReviewableSessions.ToDictionary(s => s.Id.Value);
        foreach (var s in Form.Sessions)
        {
            if (!reviewable.TryGetValue(s, out var r)) return NotFound();
            sessions.Add((r.PersonId, r.Id));
        }
        var actionIndex = new List<int>();
        var actions = new List<SupervisionActionDraft>();
        for (var i = 0; i < Form.Actions.Count; i++)
        {
            var a = Form.Actions[i];
            // A row left blank is no action; one with a date or a person but no words is an action missing its words.
            if (string.IsNullOrWhiteSpace(a.Text) && a.DueOn.IsEmpty && a.AboutPerson is null) continue;
            DateOnly? due = null;
            if (!a.DueOn.IsEmpty)
                due = a.DueOn.TryGetDate(ModelState, $"Form.Actions[{i}].DueOn", "Date the action is due", out var d) ? d : null;
            if (a.AboutPerson is { } about && !offered.ContainsKey(about)) return NotFound();
            actionIndex.Add(i);
            actions.Add(new SupervisionActionDraft(a.Text, a.Owner ?? SupervisionActionOwner.Practitioner, due, a.AboutPerson is { } ap ? new PersonId(ap) : null));
        }
        if (!ModelState.IsValid) return Page();

        var supervisor = await SupervisionPages.Participant(db, staff.Id.Value, ct);
        var practitioner = await SupervisionPages.Participant(db, Chosen.Id, ct);
        SupervisionSession session;
        try
        {
            session = SupervisionSession.Record(new TeamId(id), supervisor!, practitioner!, heldOn, minutes, Form.Kind!.Value, Form.Covered,
                cases, transcripts, sessions, actions, now);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(FieldOf(e.Field, caseIndex, actionIndex), e.Message);
            return Page();
        }
        db.SupervisionSessions.Add(session);
        audit.Add(AuditActions.Create, "SupervisionSession", session.Id.ToString(), null,
            $"Supervision of {session.PractitionerName} held {UkTime.FormatDate(session.HeldOn)}");
        foreach (var person in session.Cases.Select(c => c.PersonId).Concat(session.Reviews.Select(r => r.PersonId)).Distinct())
            audit.Add(AuditActions.Create, "SupervisionSession", session.Id.ToString(), person.Value, "Discussed or reviewed in supervision");
        await db.SaveChangesAsync(ct);
        Notice = $"Supervision with {session.PractitionerName} on {UkTime.FormatDate(session.HeldOn)} recorded.";
        return Redirect(SupervisionPages.Address(id, session.Id));
    }

    /// <summary>The form's field for a rule's field: the domain numbers cases and actions among those given, the form among those shown.</summary>
    private static string FieldOf(string? field, List<int> caseIndex, List<int> actionIndex)
    {
        if (field is null) return "";
        foreach (var (prefix, index) in new[] { ("Cases[", caseIndex), ("Actions[", actionIndex) })
        {
            if (!field.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var close = field.IndexOf(']');
            if (int.TryParse(field[prefix.Length..close], out var n) && n < index.Count)
                return $"Form.{prefix}{index[n]}{field[close..]}";
        }
        return field switch
        {
            "Supervisor" or "Practitioner" => "Form.Practitioner",
            _ => "Form." + field,
        };
    }

    private async Task Load(Guid id, Guid? practitioner, CancellationToken ct)
    {
        var team = new TeamId(id);
        var now = clock.GetUtcNow();
        Today = UkTime.DateOf(now);
        TeamId = id;
        TeamName = await db.Teams.AsNoTracking().Where(t => t.Id == team).Select(t => t.Name).FirstAsync(ct);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.TeamId == team && u.IsActive && u.Role == StaffRole.Practitioner)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var ids = people.Select(p => new StaffId(p.Id)).ToList();
        var last = await db.SupervisionSessions.AsNoTracking().Where(s => s.TeamId == team && ids.Contains(s.PractitionerId))
            .GroupBy(s => s.PractitionerId).Select(g => new { g.Key, Last = g.Max(s => s.HeldOn) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var open = await db.SupervisionActions.AsNoTracking().Where(a => a.TeamId == team && a.Status == SupervisionActionStatus.Open)
            .GroupBy(a => a.PractitionerId)
            .Select(g => new { g.Key, Open = g.Count(), Overdue = g.Count(a => a.DueOn != null && a.DueOn < Today) })
            .ToDictionaryAsync(x => x.Key, x => (x.Open, x.Overdue), ct);
        Practitioners = [.. people.Select(p =>
        {
            var sid = new StaffId(p.Id);
            var (o, late) = open.GetValueOrDefault(sid);
            return new SupervisedPractitioner(p.Id, p.DisplayName, last.TryGetValue(sid, out var d) ? d : null, o, late);
        })
        // Longest without supervision first: never supervised, then the oldest.
        .OrderBy(p => p.LastSupervisedOn ?? DateOnly.MinValue).ThenBy(p => p.Name)];
        Recent = await db.SupervisionSessions.AsNoTracking().Where(s => s.TeamId == team)
            .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.RecordedAt).Take(SessionsShown).ToListAsync(ct);

        Chosen = practitioner is { } chosen ? Practitioners.FirstOrDefault(p => p.Id == chosen) : null;
        if (Chosen is null) return;
        var who = new StaffId(Chosen.Id);
        // The practitioner's caseload: the people whose active pathway names them.
        var caseload = await db.Pathways.AsNoTracking()
            .Where(p => p.TeamId == team && p.NamedPractitionerId == who && p.Status == PathwayStatus.Active)
            .Join(db.Persons, p => p.PersonId, x => x.Id, (p, x) => new { x.Id, Name = (x.PreferredName ?? x.GivenName) + " " + x.FamilyName, x.CareTeamId })
            .Where(x => x.CareTeamId == team)
            .Distinct().ToListAsync(ct);
        var personIds = caseload.Select(c => c.Id).ToList();
        var withTranscript = (await db.Conversations.AsNoTracking().Where(c => personIds.Contains(c.PersonId) && c.LastSequence > 0)
            .Select(c => c.PersonId).ToListAsync(ct)).ToHashSet();
        Caseload = [.. caseload.OrderBy(c => c.Name).Select(c => new CaseloadPerson(c.Id, c.Name, withTranscript.Contains(c.Id)))];
        var names = Caseload.ToDictionary(c => c.Id, c => c.Name);
        ReviewableSessions = [.. (await db.CareSessions.AsNoTracking().Where(s => personIds.Contains(s.PersonId) && s.PractitionerId == who)
            .OrderByDescending(s => s.OccurredAt).Take(SessionsShown).Select(s => new { s.Id, s.PersonId, s.OccurredAt }).ToListAsync(ct))
            .Select(s => new ReviewableSession(s.Id, s.PersonId, names[s.PersonId], s.OccurredAt))];
        // The form keeps a row for each person of the caseload, in this order, whatever was posted.
        var posted = Form.Cases.Where(c => c.PersonId is not null && !string.IsNullOrWhiteSpace(c.Discussed))
            .GroupBy(c => c.PersonId!.Value).ToDictionary(g => g.Key, g => g.First().Discussed);
        PostedOutsideCaseload = posted.Keys.Any(k => Caseload.All(c => c.Id.Value != k));
        Form.Cases = [.. Caseload.Select(c => new CaseForm { PersonId = c.Id.Value, Discussed = posted.GetValueOrDefault(c.Id.Value) })];
        while (Form.Actions.Count < ActionRows) Form.Actions.Add(new ActionForm());
        await audit.WriteReadsAsync([.. Caseload.Select(c => new AuditedRead(AuditActions.View, "SupervisionCaseload", Chosen.Id.ToString(), c.Id.Value, null))], ct);
    }

    public List<SelectListItem> PractitionerOptions =>
        [new("Choose a practitioner", ""), .. Practitioners.Select(p => new SelectListItem(p.Name, p.Id.ToString()))];

    public List<SelectListItem> PersonOptions =>
        [new("Not about one person", ""), .. Caseload.Select(p => new SelectListItem(p.Name, p.Id.Value.ToString()))];

    public static readonly List<SelectListItem> OwnerOptions =
        [new("The practitioner", nameof(SupervisionActionOwner.Practitioner)), new("The supervisor", nameof(SupervisionActionOwner.Supervisor))];

    public static readonly List<Choice> KindChoices =
        [.. Enum.GetValues<SupervisionKind>().Select(k => new Choice(k.ToString(), SupervisionPages.Describe(k)))];

    public sealed class RecordForm
    {
        public Guid? Practitioner { get; set; }
        public DateParts HeldOn { get; set; } = new();
        public string? DurationMinutes { get; set; }
        public SupervisionKind? Kind { get; set; }
        public List<CaseForm> Cases { get; set; } = [];
        public string? Covered { get; set; }
        public List<Guid> Transcripts { get; set; } = [];
        public List<Guid> Sessions { get; set; } = [];
        public List<ActionForm> Actions { get; set; } = [];
    }

    public sealed class CaseForm
    {
        public Guid? PersonId { get; set; }
        public string? Discussed { get; set; }
    }

    public sealed class ActionForm
    {
        public string? Text { get; set; }
        public SupervisionActionOwner? Owner { get; set; }
        public DateParts DueOn { get; set; } = new();
        public Guid? AboutPerson { get; set; }
    }
}
