using System.Security.Claims;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Web.Security;

public static class AftercareClaims
{
    public const string DisplayName = "aftercare:name";
    public const string Team = "aftercare:team";
    public const string TeamName = "aftercare:team-name";
    public const string Demo = "aftercare:demo";
    /// <summary>Identity's "authentication method reference": "mfa" after a second factor.</summary>
    public const string Amr = "amr";
    /// <summary>A patient's own record: the only record a patient's session can reach.</summary>
    public const string Person = "aftercare:person";
    /// <summary>The role claim of a patient's account; not a <see cref="StaffRole"/>, so no staff rule can ever match it.</summary>
    public const string PatientRole = "Patient";
    /// <summary>The aftercare service a receiving service's user works for: the only service whose referrals they see.</summary>
    public const string Service = "aftercare:service";
    public const string ServiceName = "aftercare:service-name";
    /// <summary>
    /// The role claim of a receiving service's account; not a <see cref="StaffRole"/>, so no staff
    /// rule (and no staff page) can ever match it.
    /// </summary>
    public const string ServiceRole = "Service";
}

/// <summary>A signed-in patient: their account and their own record.</summary>
public sealed record CurrentPatient(Guid AccountId, PersonId PersonId, string Name)
{
    public static CurrentPatient? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AftercareClaims.PatientRole)) return null;
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        if (!Guid.TryParse(user.FindFirstValue(AftercareClaims.Person), out var person)) return null;
        return new CurrentPatient(id, new PersonId(person), user.FindFirstValue(AftercareClaims.DisplayName) ?? "");
    }
}

/// <summary>
/// A signed-in user of a receiving service (talking therapies, a crisis team, a voluntary
/// service): their account and the one service they work for, with its name as it was at sign-in.
/// </summary>
public sealed record CurrentServiceUser(Guid AccountId, ServiceId ServiceId, string Name, string ServiceName)
{
    public static CurrentServiceUser? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AftercareClaims.ServiceRole)) return null;
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        if (!Guid.TryParse(user.FindFirstValue(AftercareClaims.Service), out var service)) return null;
        return new CurrentServiceUser(id, new ServiceId(service), user.FindFirstValue(AftercareClaims.DisplayName) ?? "",
            user.FindFirstValue(AftercareClaims.ServiceName) ?? "");
    }
}

/// <summary>Who is signed in, read from the claims that were fixed at sign-in.</summary>
public sealed record CurrentStaff(StaffId Id, string Name, StaffRole Role, TeamId? TeamId, string? TeamName)
{
    public bool IsClinical => Role is StaffRole.Practitioner or StaffRole.Supervisor;

    public static CurrentStaff? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        if (!Enum.TryParse<StaffRole>(user.FindFirstValue(ClaimTypes.Role), out var role)) return null;
        TeamId? team = Guid.TryParse(user.FindFirstValue(AftercareClaims.Team), out var t) ? new TeamId(t) : null;
        return new CurrentStaff(new StaffId(id), user.FindFirstValue(AftercareClaims.DisplayName) ?? "", role, team, user.FindFirstValue(AftercareClaims.TeamName));
    }
}
