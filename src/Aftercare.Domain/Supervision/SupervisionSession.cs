using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Supervision;

public enum SupervisionKind
{
    OneToOne = 1,
    Group = 2,
    CaseReview = 3,
}

/// <summary>Who carries an action agreed in supervision.</summary>
public enum SupervisionActionOwner
{
    Practitioner = 1,
    Supervisor = 2,
}

/// <summary>A member of staff as the rules of supervision need to know them: their role and team now.</summary>
public sealed record SupervisionParticipant(StaffId Id, string Name, StaffRole Role, TeamId? TeamId, bool IsActive = true)
{
    public bool IsClinicianOf(TeamId team) => IsActive && TeamId == team && Role is StaffRole.Practitioner or StaffRole.Supervisor;
}

/// <summary>A person of the team's care discussed in supervision, with what was discussed.</summary>
public sealed record SupervisionCaseDraft(PersonId PersonId, string? Discussed);

/// <summary>An action as agreed in the session, before it is recorded.</summary>
public sealed record SupervisionActionDraft(string? Text, SupervisionActionOwner Owner, DateOnly? DueOn, PersonId? AboutPersonId = null);

/// <summary>A person's case discussed in a session.</summary>
public sealed class SupervisionCase
{
    public Guid Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public string Discussed { get; private set; } = "";

    private SupervisionCase() { }

    internal SupervisionCase(PersonId person, string discussed) => (Id, PersonId, Discussed) = (Guid.CreateVersion7(), person, discussed);
}

public enum SupervisionReviewKind
{
    /// <summary>A person's message transcript, reviewed with the practitioner.</summary>
    Transcript = 1,
    /// <summary>A recorded care session (a contact of the pathway).</summary>
    CareSession = 2,
}

/// <summary>Something of the practitioner's work reviewed in the session: a transcript or a care session.</summary>
public sealed class SupervisionReview
{
    public Guid Id { get; private set; }
    public SupervisionReviewKind Kind { get; private set; }
    public PersonId PersonId { get; private set; }
    public CareSessionId? CareSessionId { get; private set; }

    private SupervisionReview() { }

    internal SupervisionReview(SupervisionReviewKind kind, PersonId person, CareSessionId? session) =>
        (Id, Kind, PersonId, CareSessionId) = (Guid.CreateVersion7(), kind, person, session);
}

/// <summary>A correction or afterthought to a session: added, never in place of what was written.</summary>
public sealed class SupervisionAddendum
{
    public const int MaxTextLength = 4000;

    public Guid Id { get; private set; }
    public SupervisionSessionId SupervisionSessionId { get; private set; }
    public string Text { get; private set; } = "";
    public StaffId AddedBy { get; private set; }
    public string AddedByName { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }

    private SupervisionAddendum() { }

    internal SupervisionAddendum(SupervisionSessionId session, string text, StaffId by, string byName, DateTimeOffset at) =>
        (Id, SupervisionSessionId, Text, AddedBy, AddedByName, AddedAt) = (Guid.CreateVersion7(), session, text, by, byName, at);
}

/// <summary>
/// A supervision session (M14): a supervisor and a practitioner of the same team, on a UK date,
/// the cases discussed, what of the practitioner's work was reviewed, and the actions agreed.
/// Kept as recorded: a correction is an addendum, with who and when, never an edit, so what was
/// agreed about a person's care can always be read as it was agreed (hazard H55).
/// </summary>
public sealed class SupervisionSession
{
    public const int MaxDiscussedLength = 2000;
    public const int MaxCoveredLength = 4000;
    public const int MaxDurationMinutes = 600;

    public SupervisionSessionId Id { get; private set; }
    public TeamId TeamId { get; private set; }
    public StaffId SupervisorId { get; private set; }
    public string SupervisorName { get; private set; } = "";
    public StaffId PractitionerId { get; private set; }
    public string PractitionerName { get; private set; } = "";
    /// <summary>The UK date it was held.</summary>
    public DateOnly HeldOn { get; private set; }
    public int? DurationMinutes { get; private set; }
    public SupervisionKind Kind { get; private set; }
    /// <summary>What was covered, in words, beyond the cases (or instead of them: reflective supervision, wellbeing).</summary>
    public string? Covered { get; private set; }
    public StaffId RecordedBy { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public List<SupervisionCase> Cases { get; private set; } = [];
    public List<SupervisionReview> Reviews { get; private set; } = [];
    public List<SupervisionAction> Actions { get; private set; } = [];

    private SupervisionSession() { }

    /// <summary>
    /// Records a session. The supervisor is their team's supervisor; the practitioner a clinician of
    /// that team; the date not after today (UK); at least one case, or a note of what was covered;
    /// each case with what was discussed; each action in words.
    /// </summary>
    public static SupervisionSession Record(TeamId team, SupervisionParticipant supervisor, SupervisionParticipant practitioner,
        DateOnly heldOn, int? durationMinutes, SupervisionKind kind, string? covered,
        IReadOnlyList<SupervisionCaseDraft> cases, IReadOnlyList<PersonId> transcriptsReviewed,
        IReadOnlyList<(PersonId Person, CareSessionId Session)> sessionsReviewed,
        IReadOnlyList<SupervisionActionDraft> actions, DateTimeOffset now)
    {
        if (supervisor.Role != StaffRole.Supervisor || !supervisor.IsClinicianOf(team))
            throw new ClinicalRuleException("Only the team's supervisor records its supervision", "Supervisor");
        if (!practitioner.IsClinicianOf(team))
            throw new ClinicalRuleException("Choose a practitioner of this team", "Practitioner");
        if (practitioner.Id == supervisor.Id)
            throw new ClinicalRuleException("Choose the practitioner you supervised, not yourself", "Practitioner");
        if (!Enum.IsDefined(kind))
            throw new ClinicalRuleException("Choose the kind of supervision", nameof(Kind));
        if (heldOn > UkTime.DateOf(now))
            throw new ClinicalRuleException("The date it was held must be today or in the past", nameof(HeldOn));
        if (durationMinutes is { } minutes && (minutes < 1 || minutes > MaxDurationMinutes))
            throw new ClinicalRuleException($"The length must be a number of minutes from 1 to {MaxDurationMinutes}", nameof(DurationMinutes));
        var note = Text.Clean(covered);
        if (note is { Length: > MaxCoveredLength })
            throw new ClinicalRuleException($"Keep what was covered to {MaxCoveredLength:N0} characters or fewer", nameof(Covered));
        if (cases.Count == 0 && note is null)
            throw new ClinicalRuleException("Add a case discussed, or write what was covered", nameof(Cases));
        if (cases.Select(c => c.PersonId).Distinct().Count() != cases.Count)
            throw new ClinicalRuleException("Each person is discussed once: put everything about them in one case", nameof(Cases));

        var session = new SupervisionSession
        {
            Id = SupervisionSessionId.New(),
            TeamId = team,
            SupervisorId = supervisor.Id,
            SupervisorName = supervisor.Name,
            PractitionerId = practitioner.Id,
            PractitionerName = practitioner.Name,
            HeldOn = heldOn,
            DurationMinutes = durationMinutes,
            Kind = kind,
            Covered = note,
            RecordedBy = supervisor.Id,
            RecordedByName = supervisor.Name,
            RecordedAt = now,
        };
        for (var i = 0; i < cases.Count; i++)
        {
            var discussed = Text.Required(cases[i].Discussed, "Write what was discussed about this person", $"Cases[{i}].Discussed");
            if (discussed.Length > MaxDiscussedLength)
                throw new ClinicalRuleException($"Keep what was discussed to {MaxDiscussedLength:N0} characters or fewer", $"Cases[{i}].Discussed");
            session.Cases.Add(new SupervisionCase(cases[i].PersonId, discussed));
        }
        foreach (var person in transcriptsReviewed.Distinct())
            session.Reviews.Add(new SupervisionReview(SupervisionReviewKind.Transcript, person, null));
        foreach (var (person, care) in sessionsReviewed.Distinct())
            session.Reviews.Add(new SupervisionReview(SupervisionReviewKind.CareSession, person, care));
        for (var i = 0; i < actions.Count; i++)
            session.Actions.Add(SupervisionAction.Agree(session, i, actions[i], now));
        return session;
    }

    /// <summary>
    /// A correction or afterthought, by the supervisor who holds the team's supervision. What was
    /// recorded stays as it was; the addendum is read beside it.
    /// </summary>
    public SupervisionAddendum AddAddendum(SupervisionParticipant by, string? text, DateTimeOffset now)
    {
        if (by.Role != StaffRole.Supervisor || !by.IsClinicianOf(TeamId))
            throw new ClinicalRuleException("Only the team's supervisor adds to a supervision record", "Text");
        var words = Text.Required(text, "Write the addendum", "Text");
        if (words.Length > SupervisionAddendum.MaxTextLength)
            throw new ClinicalRuleException($"Keep the addendum to {SupervisionAddendum.MaxTextLength:N0} characters or fewer", "Text");
        return new SupervisionAddendum(Id, words, by.Id, by.Name, now);
    }
}
