using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Messaging;

/// <summary>What the duty practitioner did about an alert (M12): the record says what happened, not how worried anyone was.</summary>
public enum DutyResponse
{
    /// <summary>Called the person (or tried to, with what happened in the note).</summary>
    CalledThePerson = 1,
    /// <summary>Contacted emergency services (999, the police or ambulance) for them.</summary>
    ContactedEmergencyServices = 2,
    /// <summary>No action was needed: the note must say why (for example, the words were about something else).</summary>
    NoActionNeeded = 3,
    /// <summary>Something else: the note must say what.</summary>
    SomethingElse = 4,
}

/// <summary>Why a message raised an alert: one crisis rule that matched, and the person's words that matched it.</summary>
public sealed record DutyAlertReason(string RuleId, string RuleName, string Reason, IReadOnlyList<string> Words)
{
    public static IReadOnlyList<DutyAlertReason> From(CrisisAssessment assessment) =>
        [.. assessment.Matches.Select(m => new DutyAlertReason(m.RuleId, m.RuleName, m.Reason, [.. m.Words.Select(w => w.Text)]))];
}

/// <summary>
/// A duty alert (M12): a person's message that may signal immediate danger, put in front of the
/// team's practitioner on duty at once, with the reasons it was flagged. It is raised with the
/// message (never one without the other), is acknowledged by whoever takes it on, and is closed
/// only by recording what was done. Not acknowledged in the time the team sets, it escalates to the
/// supervisor, exactly once. A missed alert is the hazard, so nothing here lets an alert close
/// quietly: no response without a record, no "no action" without a reason.
/// </summary>
public sealed class DutyAlert
{
    public const int MinimumEscalationMinutes = 1;
    public const int MaximumEscalationMinutes = 60;
    public const int DefaultEscalationMinutes = 10;
    public const int MaxNoteLength = 2000;

    public DutyAlertId Id { get; private set; }
    public TeamId TeamId { get; private set; }
    public PersonId PersonId { get; private set; }
    public MessageId MessageId { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public IReadOnlyList<DutyAlertReason> Reasons { get; private set; } = [];
    /// <summary>Who was on duty when it was raised; none when the rota had a gap (then the whole team and the supervisor see it at once).</summary>
    public StaffId? DutyPractitionerId { get; private set; }
    /// <summary>When it escalates to the supervisor unless someone has taken it on by then.</summary>
    public DateTimeOffset EscalatesAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public StaffId? AcknowledgedBy { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public StaffId? RespondedBy { get; private set; }
    public DutyResponse? Response { get; private set; }
    public string? ResponseNote { get; private set; }

    private DutyAlert() { }

    public bool IsOpen => RespondedAt is null;
    public bool IsAcknowledged => AcknowledgedAt is not null;
    public bool IsEscalated => EscalatedAt is not null;

    /// <summary>
    /// Raises the alert for a message the crisis rules flagged. Nobody on duty is not a reason to
    /// raise nothing: the alert goes to the whole team, and escalates to the supervisor on time.
    /// </summary>
    public static DutyAlert Raise(TeamId team, PersonId person, MessageId message, CrisisAssessment assessment,
        StaffId? onDuty, int escalationMinutes, DateTimeOffset now)
    {
        if (!assessment.MayBeDanger)
            throw new InvalidOperationException("An alert is raised only for a message the crisis rules flagged");
        return new DutyAlert
        {
            Id = DutyAlertId.New(),
            TeamId = team,
            PersonId = person,
            MessageId = message,
            RaisedAt = now,
            Reasons = DutyAlertReason.From(assessment),
            DutyPractitionerId = onDuty,
            EscalatesAt = now.AddMinutes(ValidEscalationMinutes(escalationMinutes)),
        };
    }

    /// <summary>The team's time to acknowledge an alert before it escalates: whole minutes, 1 to 60.</summary>
    public static int ValidEscalationMinutes(int? minutes) => minutes switch
    {
        null => throw new ClinicalRuleException("Enter how many minutes an alert may wait before it goes to the supervisor", "EscalationMinutes"),
        < MinimumEscalationMinutes or > MaximumEscalationMinutes => throw new ClinicalRuleException(
            $"Enter a time between {MinimumEscalationMinutes} and {MaximumEscalationMinutes} minutes: an alert about immediate danger cannot wait longer for someone to take it on", "EscalationMinutes"),
        { } m => m,
    };

    /// <summary>
    /// Someone takes the alert on. The first to do so is recorded; a second acknowledgement changes
    /// nothing. Taking it on after it escalated is still recorded (the supervisor sees who has it).
    /// </summary>
    public bool Acknowledge(StaffId by, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null) return false;
        AcknowledgedAt = now;
        AcknowledgedBy = by;
        return true;
    }

    /// <summary>
    /// Records what was done, which closes the alert. Saying no action was needed, or something
    /// else, needs the reason in words. A response is recorded once: what happened next belongs in
    /// the person's record, not in a changed alert.
    /// </summary>
    public void RecordResponse(StaffId by, DutyResponse? response, string? note, DateTimeOffset now)
    {
        if (RespondedAt is not null)
            throw new ClinicalRuleException("What was done about this alert has already been recorded", nameof(Response));
        if (response is not { } chosen || !Enum.IsDefined(chosen))
            throw new ClinicalRuleException("Choose what was done", nameof(Response));
        var text = Text.Clean(note);
        if (text is null && chosen is DutyResponse.NoActionNeeded)
            throw new ClinicalRuleException("Say why no action was needed", nameof(ResponseNote));
        if (text is null && chosen is DutyResponse.SomethingElse)
            throw new ClinicalRuleException("Say what was done", nameof(ResponseNote));
        if (text is { Length: > MaxNoteLength })
            throw new ClinicalRuleException($"Keep the note to {MaxNoteLength:N0} characters or fewer", nameof(ResponseNote));
        Acknowledge(by, now);
        RespondedAt = now;
        RespondedBy = by;
        Response = chosen;
        ResponseNote = text;
    }

    /// <summary>Due to escalate: nobody has taken it on (or closed it) and its time has come, and it has not escalated already.</summary>
    public bool IsDueToEscalate(DateTimeOffset now) => AcknowledgedAt is null && RespondedAt is null && EscalatedAt is null && now >= EscalatesAt;

    /// <summary>Escalates to the supervisor if it is due; true only the one time it does.</summary>
    public bool Escalate(DateTimeOffset now)
    {
        if (!IsDueToEscalate(now)) return false;
        EscalatedAt = now;
        return true;
    }
}
