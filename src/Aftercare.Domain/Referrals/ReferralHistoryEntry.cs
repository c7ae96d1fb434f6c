using Aftercare.Domain.Common;

namespace Aftercare.Domain.Referrals;

public enum ReferralHistoryKind
{
    Drafted = 1,
    ContributorNamed = 2,
    ContributionAdded = 3,
    ContributorRemoved = 4,
    Sent = 5,
    Accepted = 6,
    PlacedOnWaitingList = 7,
    Declined = 8,
    Escalated = 9,
    EscalationOutcomeRecorded = 10,
    FirstAppointmentOffered = 11,
    FirstAppointmentAttended = 12,
    Closed = 13,
    Resubmitted = 14,
}

/// <summary>
/// One thing that happened to a referral: what, the status it left the referral in, who and when,
/// and the words or code that went with it. Entries are only ever added, in <see cref="Sequence"/>
/// order; together they are the referral's history. Who is a member of staff (<see cref="By"/>) or,
/// for the service's own answers given in Aftercare, someone of the service
/// (<see cref="ByServiceUser"/>): exactly one, which the database enforces too.
/// </summary>
public sealed class ReferralHistoryEntry
{
    public Guid Id { get; private set; }
    public ReferralId ReferralId { get; private set; }
    public int Sequence { get; private set; }
    public ReferralHistoryKind Kind { get; private set; }
    public ReferralStatus StatusAfter { get; private set; }
    /// <summary>The member of staff who did this or recorded it (on the service's behalf, for its answers); null when the service answered itself.</summary>
    public StaffId? By { get; private set; }
    /// <summary>Someone of the receiving service who gave its answer in Aftercare; null when staff recorded it.</summary>
    public ServiceUserId? ByServiceUser { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string? Detail { get; private set; }
    /// <summary>On a decline: the code given, so declines contrary to NICE NG225 can be counted by service even after a later decision.</summary>
    public DeclineReason? DeclineReason { get; private set; }
    /// <summary>On a closure: the outcome.</summary>
    public ReferralClosure? Closure { get; private set; }

    /// <summary>The service's answer as the service gave it in Aftercare, not recorded for it by staff.</summary>
    public bool IsByTheService => ByServiceUser is not null;

    private ReferralHistoryEntry() { }

    internal ReferralHistoryEntry(ReferralId referral, int sequence, ReferralHistoryKind kind, ReferralStatus statusAfter, ReferralActor by, string byName,
        DateTimeOffset at, string? detail, DeclineReason? declineReason = null, ReferralClosure? closure = null)
    {
        Id = Guid.CreateVersion7();
        ReferralId = referral;
        Sequence = sequence;
        Kind = kind;
        StatusAfter = statusAfter;
        By = by.Staff;
        ByServiceUser = by.ServiceUser;
        ByName = byName;
        At = at;
        Detail = detail;
        DeclineReason = declineReason;
        Closure = closure;
    }
}
