using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Access;

public enum AccessBasis
{
    /// <summary>No care relationship: the record is answered as not found.</summary>
    None = 0,
    /// <summary>The person is in the care of the reader's team.</summary>
    CareTeam = 1,
    /// <summary>A practitioner outside the care team opened it with a written reason.</summary>
    BreakGlass = 2,
}

/// <summary>
/// Who may read a person's record. Decided by role and by care relationship, never by who asks
/// loudest: practitioners and supervisors see the people in their own team's care; an
/// administrator runs the service and sees no clinical record at all; a receiving service never
/// reaches the record itself.
/// </summary>
public static class CareAccessRule
{
    public static AccessBasis Decide(StaffRole role, TeamId? readerTeam, TeamId recordTeam, bool hasActiveBreakGlass)
    {
        if (role is not (StaffRole.Practitioner or StaffRole.Supervisor)) return AccessBasis.None;
        if (readerTeam is { } team && team == recordTeam) return AccessBasis.CareTeam;
        if (role == StaffRole.Practitioner && hasActiveBreakGlass) return AccessBasis.BreakGlass;
        return AccessBasis.None;
    }

    public static bool MayBreakGlass(StaffRole role) => role == StaffRole.Practitioner;

    /// <summary>
    /// A receiving service (talking therapies, a crisis team, a voluntary service) is not in the
    /// person's care team, whatever it is called and whoever is asking: it never opens the person's
    /// record, their story, their pathway or their plan as the care team keeps them, and it cannot
    /// break glass. What a referral shares with it (the assessment and plan, as the person
    /// consented) it reads through that referral only, never through the record.
    /// </summary>
    public static AccessBasis DecideForReceivingService(ServiceId readerService, TeamId recordTeam) => AccessBasis.None;
}
