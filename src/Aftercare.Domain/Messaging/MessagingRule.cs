using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Messaging;

/// <summary>
/// Who answers a person's messages. The relationship is the point (one named practitioner, seen
/// each time), so replies come from the named practitioner, from whoever covers for them now, or
/// from the team's supervisor, and only while the person's care is active. Other clinicians of the
/// team read the conversation as they read the record, and are told who replies; someone reading
/// under break-glass only reads.
/// </summary>
public static class MessagingRule
{
    public static bool MayReply(AccessBasis basis, StaffRole role, StaffId staff, TeamId? staffTeam, TeamId personTeam,
        bool careIsActive, IReadOnlyCollection<StaffId> named, IReadOnlyCollection<StaffId> coveringNow)
    {
        if (basis != AccessBasis.CareTeam || !careIsActive) return false;
        if (named.Contains(staff) || coveringNow.Contains(staff)) return role is StaffRole.Practitioner or StaffRole.Supervisor;
        return role == StaffRole.Supervisor && staffTeam == personTeam;
    }
}
