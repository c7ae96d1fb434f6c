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
/// administrator runs the service and sees no clinical record at all.
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
}
