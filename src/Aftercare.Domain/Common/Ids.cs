namespace Aftercare.Domain.Common;

// Strongly typed ids: a person's id can never be passed where a presentation's is expected.
// Version 7 GUIDs are time-ordered, so new rows land at the end of their indexes.
public readonly record struct PersonId(Guid Value)
{
    public static PersonId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct PresentationId(Guid Value)
{
    public static PresentationId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct SiteId(Guid Value)
{
    public static SiteId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct TeamId(Guid Value)
{
    public static TeamId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct StaffId(Guid Value)
{
    public static StaffId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct AssessmentId(Guid Value)
{
    public static AssessmentId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct NarrativeId(Guid Value)
{
    public static NarrativeId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct SafetyPlanId(Guid Value)
{
    public static SafetyPlanId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct PathwayId(Guid Value)
{
    public static PathwayId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct PlannedContactId(Guid Value)
{
    public static PlannedContactId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct CareSessionId(Guid Value)
{
    public static CareSessionId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct LetterId(Guid Value)
{
    public static LetterId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct ServiceId(Guid Value)
{
    public static ServiceId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct ReferralId(Guid Value)
{
    public static ReferralId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>
/// The account of someone of a receiving service. Never a <see cref="StaffId"/>: what a service
/// records itself must never be read as recorded by staff on its behalf, nor the other way round.
/// </summary>
public readonly record struct ServiceUserId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>A person's one conversation with their care team.</summary>
public readonly record struct ConversationId(Guid Value)
{
    public static ConversationId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct MessageId(Guid Value)
{
    public static MessageId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>A duty alert raised by a message that may signal immediate danger.</summary>
public readonly record struct DutyAlertId(Guid Value)
{
    public static DutyAlertId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct DutyShiftId(Guid Value)
{
    public static DutyShiftId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>A supervisor's note on a person's message transcript.</summary>
public readonly record struct SupervisorNoteId(Guid Value)
{
    public static SupervisorNoteId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>A supervision session a supervisor held with a practitioner (M14).</summary>
public readonly record struct SupervisionSessionId(Guid Value)
{
    public static SupervisionSessionId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>An action agreed in supervision.</summary>
public readonly record struct SupervisionActionId(Guid Value)
{
    public static SupervisionActionId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>A training module of the deployment (the ASSURED manual, safety planning, ...).</summary>
public readonly record struct TrainingModuleId(Guid Value)
{
    public static TrainingModuleId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>One completion of a training module by a member of staff.</summary>
public readonly record struct TrainingRecordId(Guid Value)
{
    public static TrainingRecordId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}
