using Aftercare.Domain.Assessments;
using Aftercare.Domain.Caseloads;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Jobs;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>What the sign-off starts: checked before the assessment is signed off.</summary>
public sealed record PathwayChoice(PathwayDefinition Definition, TeamId Team, TeamPractitioner Practitioner, string? Reason);

/// <summary>A member of a team who can hold a caseload, with how many active people they hold now.</summary>
public sealed record TeamPractitioner(StaffId Id, string Name, StaffRole Role, int Active);

/// <summary>
/// Starts the pathway when an assessment is signed off, in the same unit of work: the planned
/// contacts, the named practitioner (checked against the team's caseload limit) and a timer for
/// each due time. The caller saves, so the sign-off never lands without its pathway and clock.
/// </summary>
public sealed class PathwayStarter(AftercareDb db, AuditTrail audit, PathwayCatalogue catalogue)
{
    public const string AllocationField = "Allocation.Reason";

    /// <summary>The team's practitioners and supervisors who are active, with their caseloads, by name.</summary>
    public async Task<List<TeamPractitioner>> Practitioners(TeamId team, CancellationToken ct)
    {
        var staff = await db.Users.AsNoTracking()
            .Where(u => u.TeamId == team && u.IsActive && (u.Role == StaffRole.Practitioner || u.Role == StaffRole.Supervisor))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync(ct);
        var ids = staff.Select(s => new StaffId(s.Id)).ToList();
        var active = await db.Pathways.AsNoTracking()
            .Where(p => ids.Contains(p.NamedPractitionerId) && p.Status == PathwayStatus.Active)
            .GroupBy(p => p.NamedPractitionerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. staff.Select(s => new TeamPractitioner(new StaffId(s.Id), s.DisplayName, s.Role!.Value, active.GetValueOrDefault(new StaffId(s.Id))))];
    }

    /// <summary>
    /// Checks the choices before anything is signed off: the pathway exists, the named practitioner
    /// is in the person's care team, and an allocation above the caseload limit has its reason.
    /// </summary>
    public async Task<PathwayChoice> Choose(TeamId team, string? definitionCode, Guid? named, string? reason, CurrentStaff by, CancellationToken ct)
    {
        var definition = catalogue.Find(string.IsNullOrWhiteSpace(definitionCode) ? catalogue.Default.Code : definitionCode)
            ?? throw new ClinicalRuleException("Choose a care pathway", "Allocation.Pathway");
        var practitioner = named is { } id ? new StaffId(id) : by.Id;
        var members = await Practitioners(team, ct);
        var member = members.FirstOrDefault(m => m.Id == practitioner)
            ?? throw new ClinicalRuleException("Choose a practitioner of the person's care team to be their named practitioner", "Allocation.Practitioner");
        var limit = await db.Teams.Where(t => t.Id == team).Select(t => t.CaseloadLimit).FirstAsync(ct);
        var why = CaseloadRule.ReasonToRecord(new AllocationCheck(member.Active, limit), reason, AllocationField);
        return new PathwayChoice(definition, team, member, why);
    }

    /// <summary>Starts the pathway of a just signed-off assessment, with its timers; the caller saves both together.</summary>
    public Pathway Start(Assessment signedOff, PathwayChoice choice, CurrentStaff by, DateTimeOffset now)
    {
        var pathway = Pathway.Start(signedOff, choice.Definition, choice.Team, choice.Practitioner.Id, by.Id, choice.Reason);
        db.Pathways.Add(pathway);
        Schedule(pathway, now);
        audit.Add(AuditActions.Create, "Pathway", pathway.Id.ToString(), pathway.PersonId.Value,
            $"{choice.Definition.Name} pathway started; named practitioner {choice.Practitioner.Name}" + (choice.Reason is null ? "" : $"; above the caseload limit because: {choice.Reason}"));
        return pathway;
    }

    /// <summary>One timer for each contact's due time, and one for each letter's window.</summary>
    public void Schedule(Pathway pathway, DateTimeOffset now)
    {
        foreach (var contact in pathway.Contacts)
        {
            db.DueWork.Add(DueWork.At(DueWorkKinds.ContactDue, contact.Id.Value, contact.DueAt, now));
            if (contact.Kind == ContactKind.Letter)
                db.DueWork.Add(DueWork.At(DueWorkKinds.LetterOpens, contact.Id.Value, contact.OpensAt, now));
        }
    }
}
