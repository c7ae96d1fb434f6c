using System.Security.Claims;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Teams;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Supervision;

/// <summary>
/// Who may read supervision (hazard H56): the team's supervisor reads and records the team's; a
/// practitioner reads only their own; nobody else, another team's supervisor, an administrator, a
/// patient or a receiving service, is told a record exists ("not found").
/// </summary>
public static class SupervisionPages
{
    public static CurrentStaff? TeamSupervisor(ClaimsPrincipal user, Guid team) => TeamPages.Supervisor(user, team);

    /// <summary>A clinician reading their own supervision or training.</summary>
    public static CurrentStaff? Clinician(ClaimsPrincipal user) =>
        CurrentServiceUser.From(user) is null && CurrentStaff.From(user) is { IsClinical: true } staff ? staff : null;

    /// <summary>A session for its team's supervisor, or for the practitioner it was with; null (so not found) for anyone else.</summary>
    public static async Task<(SupervisionSession Session, CurrentStaff Reader)?> Session(AftercareDb db, ClaimsPrincipal user, Guid team, Guid id, CancellationToken ct)
    {
        if (TeamPages.Member(user, team) is not { } staff) return null;
        var session = await db.SupervisionSessions.AsNoTracking().Include(s => s.Actions)
            .FirstOrDefaultAsync(s => s.Id == new SupervisionSessionId(id) && s.TeamId == new TeamId(team), ct);
        if (session is null) return null;
        if (staff.Role != StaffRole.Supervisor && session.PractitionerId != staff.Id) return null;
        return (session, staff);
    }

    /// <summary>A clinician of the team as the rules of supervision see them, or null when not one.</summary>
    public static async Task<SupervisionParticipant?> Participant(AftercareDb db, Guid staff, CancellationToken ct)
    {
        var u = await db.Users.AsNoTracking().Where(x => x.Id == staff && x.Role != null)
            .Select(x => new { x.Id, x.DisplayName, x.Role, x.TeamId, x.IsActive }).FirstOrDefaultAsync(ct);
        return u is null ? null : new SupervisionParticipant(new StaffId(u.Id), u.DisplayName, u.Role!.Value, u.TeamId, u.IsActive);
    }

    public static string Address(Guid team) => $"/teams/{team}/supervision";

    public static string Address(Guid team, SupervisionSessionId session) => $"/teams/{team}/supervision/{session}";

    public static string Describe(SupervisionKind kind) => kind switch
    {
        SupervisionKind.OneToOne => "One-to-one",
        SupervisionKind.Group => "Group",
        _ => "Case review",
    };

    public static string Describe(SupervisionActionStatus status) => status switch
    {
        SupervisionActionStatus.Open => "Open",
        SupervisionActionStatus.Done => "Done",
        _ => "No longer needed",
    };

    public static string Describe(SupervisionActionOwner owner) => owner == SupervisionActionOwner.Practitioner ? "Practitioner" : "Supervisor";

    /// <summary>Persons' names for a page, as staff see them.</summary>
    public static async Task<Dictionary<PersonId, string>> Names(AftercareDb db, IEnumerable<PersonId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return [];
        return await db.Persons.AsNoTracking().Where(p => list.Contains(p.Id))
            .Select(p => new { p.Id, Name = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName })
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }
}
