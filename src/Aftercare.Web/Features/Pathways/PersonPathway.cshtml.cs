using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Sessions;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// The person's pathway: who their named practitioner is and any cover, each planned contact with
/// its window and what became of it, the sessions with their scale and alliance ratings as a
/// chart and a table, and the letters.
/// </summary>
public sealed class PersonPathwayModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public Pathway? Current { get; private set; }
    public List<Pathway> Earlier { get; private set; } = [];
    public List<CareSession> Sessions { get; private set; } = [];
    public Dictionary<PlannedContactId, LetterStatus> Letters { get; private set; } = [];
    public Dictionary<Guid, string> StaffNames { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    /// <summary>Only the care team changes who does the work; a break-glass reader is not offered it.</summary>
    public bool InCareTeam { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        PersonId = id;
        PersonName = found.Person.DisplayName;
        InCareTeam = found.Basis == AccessBasis.CareTeam;
        Now = clock.GetUtcNow();
        var pathways = await db.Pathways.AsNoTracking().AsSplitQuery()
            .Include(p => p.Contacts).Include(p => p.Covers)
            .Where(p => p.PersonId == found.Person.Id).OrderByDescending(p => p.StartedAt).Take(20).ToListAsync(ct);
        Current = pathways.FirstOrDefault(p => p.Status == PathwayStatus.Active) ?? pathways.FirstOrDefault();
        Earlier = [.. pathways.Where(p => p != Current)];
        Sessions = await db.CareSessions.AsNoTracking().Where(s => s.PersonId == found.Person.Id)
            .OrderByDescending(s => s.OccurredAt).Take(100).ToListAsync(ct);
        if (Current is not null)
            Letters = await db.Letters.AsNoTracking().Where(l => l.PathwayId == Current.Id).ToDictionaryAsync(l => l.PlannedContactId, l => l.Status, ct);
        var staffIds = pathways.SelectMany(p => p.Covers.Select(c => c.CoveringPractitionerId.Value).Append(p.NamedPractitionerId.Value)
                .Concat(p.Contacts.Where(c => c.DoneBy is not null).Select(c => c.DoneBy!.Value.Value)))
            .Distinct().ToList();
        StaffNames = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        await audit.WriteReadAsync("Pathway", Current?.Id.ToString(), id, CareAccess.BreakGlassNote(found), ct);
        return Page();
    }

    public string NameOf(StaffId id) => StaffNames.GetValueOrDefault(id.Value, "a former member of staff");

    /// <summary>Attended sessions, oldest first (two in the same minute in the order they were recorded), for the chart and its table.</summary>
    public List<ProgressPoint> Progress => [.. Sessions.Where(s => s.IsAttended).OrderBy(s => s.OccurredAt).ThenBy(s => s.RecordedAt)
        .Select(s => new ProgressPoint(s.OccurredAt, UkTime.Format(s.OccurredAt), s.SolutionFocused.Scale,
            s.Alliance?.HeardAndRespected, s.Alliance?.WhatWeWorkedOn, s.Alliance?.Approach, s.Alliance?.Overall))];

    public static string Describe(ContactMode mode) => mode switch
    {
        ContactMode.InPerson => "In person",
        ContactMode.Phone => "Phone",
        ContactMode.Video => "Video",
        _ => mode.ToString(),
    };

    public static string Describe(ContactOutcome outcome) => outcome switch
    {
        ContactOutcome.Attended => "Attended",
        ContactOutcome.Missed => "Missed",
        ContactOutcome.Cancelled => "Cancelled",
        _ => outcome.ToString(),
    };
}
