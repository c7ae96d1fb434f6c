using Aftercare.Domain.Common;

namespace Aftercare.Domain.Referrals;

/// <summary>
/// Who records the service's answer to a referral: a member of staff of the referring team,
/// recording on the service's behalf what it said by letter, email or phone; or someone of the
/// receiving service itself, answering in Aftercare. Exactly one of the two, so an answer the
/// service gave itself is never mistaken for one written down for it, and the other way round.
/// </summary>
public sealed record ReferralActor
{
    /// <summary>The member of staff recording on the service's behalf; null when the service answered itself.</summary>
    public StaffId? Staff { get; }
    /// <summary>Someone of the receiving service, answering in Aftercare; null when staff recorded it.</summary>
    public ServiceUserId? ServiceUser { get; }
    /// <summary>The service that person works for: they may answer only referrals addressed to it.</summary>
    public ServiceId? Service { get; }
    public string? Name { get; }

    public bool IsTheService => ServiceUser is not null;

    private ReferralActor(StaffId? staff, ServiceUserId? serviceUser, ServiceId? service, string? name)
    {
        Staff = staff;
        ServiceUser = serviceUser;
        Service = service;
        Name = name;
    }

    /// <summary>A member of staff recording what the service said, on its behalf.</summary>
    public static ReferralActor ForStaff(StaffId staff, string? name) => new(staff, null, null, name);

    /// <summary>Someone of the receiving service answering in Aftercare, for their own service.</summary>
    public static ReferralActor ForServiceUser(ServiceUserId user, ServiceId service, string? name) => new(null, user, service, name);
}
