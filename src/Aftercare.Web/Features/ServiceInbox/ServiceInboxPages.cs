using Aftercare.Domain.Narratives;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.ServiceInbox;

/// <summary>What the receiving service's pages share: addresses and words.</summary>
public static class ServiceInboxPages
{
    public static string Url(Guid referral) => $"/service/referrals/{referral}";

    /// <summary>The NHS number as people read it (943 476 5919), or that none is recorded.</summary>
    public static string Nhs(string? number) =>
        number is { } n && Domain.Patients.NhsNumber.TryParse(n, out var parsed) ? parsed.ToString() : "not recorded";

    /// <summary>
    /// The person's story with their choice of who may read it now, when the letter as sent carries
    /// it: their choice is checked each time the service reads the letter, not only when it was sent.
    /// </summary>
    public static Task<NarrativeInterview?> StoryConsent(AftercareDb db, Referral referral, CancellationToken ct) =>
        referral.LetterCarriesTheStory
            ? db.Narratives.AsNoTracking().Where(n => n.PersonId == referral.PersonId).OrderByDescending(n => n.RecordedAt).FirstOrDefaultAsync(ct)
            : Task.FromResult<NarrativeInterview?>(null);

    /// <summary>
    /// The steps of a referral that concern the service: sent to it, its answers, what became of
    /// it. How the referring team drafted it, who it named and its own escalations stay the team's.
    /// </summary>
    public static bool ConcernsTheService(ReferralHistoryEntry step) => step.Kind switch
    {
        ReferralHistoryKind.Sent or ReferralHistoryKind.Accepted or ReferralHistoryKind.PlacedOnWaitingList or ReferralHistoryKind.Declined
            or ReferralHistoryKind.FirstAppointmentOffered or ReferralHistoryKind.FirstAppointmentAttended
            or ReferralHistoryKind.Closed or ReferralHistoryKind.Resubmitted => true,
        // A decline reconsidered after the team escalated it comes back to the service to answer again.
        ReferralHistoryKind.EscalationOutcomeRecorded => step.StatusAfter == ReferralStatus.Sent,
        _ => false,
    };
}
