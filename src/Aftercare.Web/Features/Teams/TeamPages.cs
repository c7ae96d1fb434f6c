using System.Security.Claims;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;

namespace Aftercare.Web.Features.Teams;

/// <summary>
/// Who a team's own pages (caseloads, duty, crisis rules, reading hours) open to: its clinicians
/// read them and its supervisor changes them; anyone else, another team's included, is answered
/// "not found". One rule, so the pages cannot drift apart.
/// </summary>
public static class TeamPages
{
    public static CurrentStaff? Member(ClaimsPrincipal user, Guid team) =>
        CurrentStaff.From(user) is { IsClinical: true } staff && staff.TeamId?.Value == team ? staff : null;

    public static CurrentStaff? Supervisor(ClaimsPrincipal user, Guid team) =>
        Member(user, team) is { Role: StaffRole.Supervisor } staff ? staff : null;
}
