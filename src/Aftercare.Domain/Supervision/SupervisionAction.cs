using Aftercare.Domain.Common;

namespace Aftercare.Domain.Supervision;

public enum SupervisionActionStatus
{
    Open = 1,
    Done = 2,
    /// <summary>Closed without being done, with why: never deleted, so it is never silently lost.</summary>
    NoLongerNeeded = 3,
}

/// <summary>A step in an action's life: agreed, done, or no longer needed, by whom, when and why.</summary>
public sealed class SupervisionActionStep
{
    public Guid Id { get; private set; }
    public SupervisionActionStatus Status { get; private set; }
    public DateTimeOffset At { get; private set; }
    public StaffId By { get; private set; }
    public string ByName { get; private set; } = "";
    public string? Note { get; private set; }

    private SupervisionActionStep() { }

    internal SupervisionActionStep(SupervisionActionStatus status, DateTimeOffset at, StaffId by, string byName, string? note) =>
        (Id, Status, At, By, ByName, Note) = (Guid.CreateVersion7(), status, at, by, byName, note);
}

/// <summary>
/// An action agreed in supervision, often about a person's safety ("review the safety plan with
/// R. this week"). It stays open on the owner's pages until it is marked done or no longer
/// needed, with who, when and a note; it is never deleted (hazard H55).
/// </summary>
public sealed class SupervisionAction
{
    public const int MaxTextLength = 1000;
    public const int MaxNoteLength = 1000;

    public SupervisionActionId Id { get; private set; }
    public SupervisionSessionId SupervisionSessionId { get; private set; }
    public TeamId TeamId { get; private set; }
    public StaffId PractitionerId { get; private set; }
    public StaffId SupervisorId { get; private set; }
    public SupervisionActionOwner Owner { get; private set; }
    /// <summary>The member of staff who carries it: the practitioner or the supervisor of the session.</summary>
    public StaffId OwnerId { get; private set; }
    /// <summary>Its place among the session's actions, as agreed.</summary>
    public int Position { get; private set; }
    public string Text { get; private set; } = "";
    public PersonId? AboutPersonId { get; private set; }
    public DateOnly AgreedOn { get; private set; }
    public DateOnly? DueOn { get; private set; }
    public SupervisionActionStatus Status { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public StaffId? ClosedBy { get; private set; }
    public string? ClosedByName { get; private set; }
    public string? ClosedNote { get; private set; }
    public List<SupervisionActionStep> History { get; private set; } = [];

    public bool IsOpen => Status == SupervisionActionStatus.Open;

    private SupervisionAction() { }

    internal static SupervisionAction Agree(SupervisionSession session, int position, SupervisionActionDraft draft, DateTimeOffset now)
    {
        var field = $"Actions[{position}]";
        var text = Common.Text.Required(draft.Text, "Write the action agreed", field + ".Text");
        if (text.Length > MaxTextLength)
            throw new ClinicalRuleException($"Keep the action to {MaxTextLength:N0} characters or fewer", field + ".Text");
        if (!Enum.IsDefined(draft.Owner))
            throw new ClinicalRuleException("Choose who carries the action", field + ".Owner");
        if (draft.DueOn is { } due && due < session.HeldOn)
            throw new ClinicalRuleException("The action cannot be due before the session was held", field + ".DueOn");
        var action = new SupervisionAction
        {
            Id = SupervisionActionId.New(),
            SupervisionSessionId = session.Id,
            TeamId = session.TeamId,
            PractitionerId = session.PractitionerId,
            SupervisorId = session.SupervisorId,
            Owner = draft.Owner,
            OwnerId = draft.Owner == SupervisionActionOwner.Supervisor ? session.SupervisorId : session.PractitionerId,
            Position = position + 1,
            Text = text,
            AboutPersonId = draft.AboutPersonId,
            AgreedOn = session.HeldOn,
            DueOn = draft.DueOn,
            Status = SupervisionActionStatus.Open,
        };
        action.History.Add(new SupervisionActionStep(SupervisionActionStatus.Open, now, session.RecordedBy, session.RecordedByName, null));
        return action;
    }

    /// <summary>Whether it is open and its due date has passed (UK dates).</summary>
    public bool IsOverdueOn(DateOnly today) => IsOpen && DueOn is { } due && due < today;

    /// <summary>Done, by its owner or the supervisor of the session, with an optional note of what was done.</summary>
    public void MarkDone(StaffId by, string byName, string? note, DateTimeOffset now)
    {
        MayClose(by);
        Close(SupervisionActionStatus.Done, by, byName, Clean(note, required: false), now);
    }

    /// <summary>No longer needed (the person moved away, a colleague did it), always with why.</summary>
    public void MarkNoLongerNeeded(StaffId by, string byName, string? why, DateTimeOffset now)
    {
        MayClose(by);
        Close(SupervisionActionStatus.NoLongerNeeded, by, byName, Clean(why, required: true), now);
    }

    private void MayClose(StaffId by)
    {
        if (by != OwnerId && by != SupervisorId)
            throw new ClinicalRuleException("Only the person who carries the action, or the supervisor, closes it", "Note");
        if (!IsOpen)
            throw new ClinicalRuleException(Status == SupervisionActionStatus.Done ? "This action has already been marked done" : "This action was already closed as no longer needed", "Note");
    }

    private static string? Clean(string? note, bool required)
    {
        var text = required ? Common.Text.Required(note, "Say why the action is no longer needed", "Note") : Common.Text.Clean(note);
        if (text is { Length: > MaxNoteLength })
            throw new ClinicalRuleException($"Keep the note to {MaxNoteLength:N0} characters or fewer", "Note");
        return text;
    }

    private void Close(SupervisionActionStatus status, StaffId by, string byName, string? note, DateTimeOffset now)
    {
        (Status, ClosedAt, ClosedBy, ClosedByName, ClosedNote) = (status, now, by, byName, note);
        History.Add(new SupervisionActionStep(status, now, by, byName, note));
    }
}
