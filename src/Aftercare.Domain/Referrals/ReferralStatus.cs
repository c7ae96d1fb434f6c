namespace Aftercare.Domain.Referrals;

/// <summary>
/// Where a referral stands, after the NHS e-Referral statuses. The allowed moves:
/// <code>
/// Draft ──send──▶ Sent ──▶ Accepted ──▶ FirstAppointmentOffered ──▶ FirstAppointmentAttended
///                  │  └──▶ WaitingList ──▶ Accepted | FirstAppointmentOffered | Declined
///                  └─────▶ Declined ──(escalation: decline overturned)──▶ Sent
/// FirstAppointmentOffered ──▶ FirstAppointmentOffered (offered again)
/// any state but FirstAppointmentAttended ──close, with an outcome──▶ Closed
/// Sent | Declined ──resubmit──▶ Closed (superseded), and a new Draft linked to it
/// </code>
/// Closed and FirstAppointmentAttended are final: nothing is recorded after them.
/// </summary>
public enum ReferralStatus
{
    Draft = 1,
    Sent = 2,
    Accepted = 3,
    Declined = 4,
    WaitingList = 5,
    FirstAppointmentOffered = 6,
    /// <summary>The person has been seen by the service: the first aftercare contact, and the referral's work is done.</summary>
    FirstAppointmentAttended = 7,
    Closed = 8,
}

/// <summary>Why a referral was closed without the person being seen. A closed referral always has one.</summary>
public enum ReferralClosure
{
    /// <summary>The person did not come to the first appointment offered (only after an appointment was offered).</summary>
    PersonDidNotAttend = 1,
    PersonChoseNotToGoAhead = 2,
    /// <summary>The referrer withdrew it, with the reason.</summary>
    WithdrawnByReferrer = 3,
    /// <summary>The person was referred to another service instead, which is named.</summary>
    ReferredElsewhere = 4,
    PersonMovedAway = 5,
    PersonDied = 6,
    /// <summary>Replaced by a resubmission, which links back to it. Set only by resubmitting.</summary>
    SupersededByResubmission = 7,
}

public static class ReferralStatuses
{
    public static string Describe(ReferralStatus status) => status switch
    {
        ReferralStatus.Draft => "Draft",
        ReferralStatus.Sent => "Sent",
        ReferralStatus.Accepted => "Accepted",
        ReferralStatus.Declined => "Declined",
        ReferralStatus.WaitingList => "On the waiting list",
        ReferralStatus.FirstAppointmentOffered => "First appointment offered",
        ReferralStatus.FirstAppointmentAttended => "First appointment attended",
        ReferralStatus.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Describe(ReferralClosure closure) => closure switch
    {
        ReferralClosure.PersonDidNotAttend => "The person did not attend the first appointment",
        ReferralClosure.PersonChoseNotToGoAhead => "The person chose not to go ahead",
        ReferralClosure.WithdrawnByReferrer => "Withdrawn by the referrer",
        ReferralClosure.ReferredElsewhere => "Referred to another service instead",
        ReferralClosure.PersonMovedAway => "The person moved away",
        ReferralClosure.PersonDied => "The person died",
        ReferralClosure.SupersededByResubmission => "Replaced by a resubmitted referral",
        _ => throw new ArgumentOutOfRangeException(nameof(closure), closure, null),
    };
}
