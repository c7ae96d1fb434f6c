using Aftercare.Domain.Common;

namespace Aftercare.Domain.Referrals;

/// <summary>What came of escalating a decline to a senior clinician.</summary>
public enum EscalationOutcome
{
    /// <summary>The service changed its decision: the referral goes back to it to accept or put on its waiting list.</summary>
    DeclineOverturned = 1,
    /// <summary>The referral is to be resubmitted with a revised letter.</summary>
    ReferralResubmitted = 2,
    /// <summary>The service kept its decision; the detail says why.</summary>
    DeclineUpheld = 3,
    /// <summary>Another service will see the person; the detail names it.</summary>
    AlternativeServiceFound = 4,
}

public static class EscalationOutcomes
{
    public static string Describe(EscalationOutcome outcome) => outcome switch
    {
        EscalationOutcome.DeclineOverturned => "The service overturned its decline",
        EscalationOutcome.ReferralResubmitted => "The referral is to be resubmitted",
        EscalationOutcome.DeclineUpheld => "The service upheld its decline",
        EscalationOutcome.AlternativeServiceFound => "Another service was found",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}

/// <summary>
/// A decline contrary to NICE NG225 put before a named senior clinician, who can advocate for the
/// person with the service ("pull the consultant card"). Open until its outcome is recorded, with
/// who recorded it and when; while open, the referral can be neither escalated again, closed nor
/// resubmitted, so the senior clinician's work is never overtaken unseen.
/// </summary>
public sealed class ReferralEscalation
{
    public const int MaxTextLength = 2000;

    public Guid Id { get; private set; }
    public ReferralId ReferralId { get; private set; }
    public StaffId SeniorClinicianId { get; private set; }
    public string SeniorClinicianName { get; private set; } = "";
    /// <summary>The decline reason that was escalated.</summary>
    public DeclineReason DeclineReason { get; private set; }
    public string? Note { get; private set; }
    public StaffId EscalatedBy { get; private set; }
    public string EscalatedByName { get; private set; } = "";
    public DateTimeOffset EscalatedAt { get; private set; }
    public EscalationOutcome? Outcome { get; private set; }
    public string? OutcomeDetail { get; private set; }
    public StaffId? OutcomeRecordedBy { get; private set; }
    public string? OutcomeRecordedByName { get; private set; }
    public DateTimeOffset? OutcomeRecordedAt { get; private set; }

    private ReferralEscalation() { }

    internal ReferralEscalation(ReferralId referral, StaffId senior, string seniorName, DeclineReason reason, string? note, StaffId by, string byName, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        ReferralId = referral;
        SeniorClinicianId = senior;
        SeniorClinicianName = seniorName;
        DeclineReason = reason;
        Note = note;
        EscalatedBy = by;
        EscalatedByName = byName;
        EscalatedAt = now;
    }

    public bool IsOpen => Outcome is null;

    internal void RecordOutcome(EscalationOutcome outcome, string detail, StaffId by, string byName, DateTimeOffset now)
    {
        Outcome = outcome;
        OutcomeDetail = detail;
        OutcomeRecordedBy = by;
        OutcomeRecordedByName = byName;
        OutcomeRecordedAt = now;
    }
}
