using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Sessions;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Pathways;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.My;

/// <summary>One appointment as the person sees it: what it is, and when, in plain words.</summary>
public sealed record MyAppointment(string What, string When, bool Late);

/// <summary>Who looks after the person and what comes next, as their home page shows it.</summary>
public sealed record MyCareSummary(string Practitioner, string? CoverName, DateTimeOffset? CoverUntil, IReadOnlyList<MyAppointment> Appointments, CareSessionId? SessionToRate, DateTimeOffset? SessionToRateAt);

/// <summary>
/// The person's own care, read from their session's record only: their named practitioner (and
/// whoever covers now), their upcoming check-in call and sessions with the window of each, and the
/// latest session they have not yet rated. Letters are never listed (a letter is a surprise
/// reminder of the plan, not an appointment), and nothing of anyone else is read.
/// </summary>
public sealed class MyCare(AftercareDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<MyCareSummary?> Read(PersonId person, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pathway = await db.Pathways.AsNoTracking().AsSplitQuery().Include(p => p.Contacts).Include(p => p.Covers)
            .Where(p => p.PersonId == person && p.Status == PathwayStatus.Active)
            .OrderByDescending(p => p.StartedAt).FirstOrDefaultAsync(ct);
        var toRate = await db.CareSessions.AsNoTracking()
            .Where(s => s.PersonId == person && s.Outcome == ContactOutcome.Attended)
            .OrderByDescending(s => s.OccurredAt)
            .Select(s => new { s.Id, s.OccurredAt, Rated = s.Alliance != null })
            .FirstOrDefaultAsync(ct);
        if (pathway is null && toRate is null) return null;

        string practitioner = "", first = "";
        string? coverName = null;
        DateTimeOffset? coverUntil = null;
        var appointments = new List<MyAppointment>();
        if (pathway is not null)
        {
            var cover = pathway.CoverAt(now);
            var ids = new[] { pathway.NamedPractitionerId.Value, cover?.CoveringPractitionerId.Value ?? Guid.Empty };
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            practitioner = names.GetValueOrDefault(pathway.NamedPractitionerId.Value, "your practitioner");
            first = practitioner.Split(' ')[0];
            if (cover is not null)
            {
                coverName = names.GetValueOrDefault(cover.CoveringPractitionerId.Value, "a colleague");
                coverUntil = cover.EndsAt;
            }
            var who = coverName?.Split(' ')[0] ?? first;
            appointments.AddRange(pathway.Contacts
                .Where(c => c.IsOpen && c.Kind is ContactKind.FollowUp or ContactKind.Session)
                .OrderBy(c => c.DueAt).Take(5)
                .Select(c => new MyAppointment(
                    c.Kind == ContactKind.FollowUp ? $"A check-in call from {who}" : $"A session with {who}",
                    c.IsOverdueAt(now)
                        ? $"It was due by {UkTime.FormatDate(UkTime.DateOf(c.DueAt))}. {who} will be in touch to arrange it."
                        : $"{Capital(ContactPages.Window(c.OpensAt, c.DueAt, now))}. {who} will agree the day and time with you.",
                    c.IsOverdueAt(now))));
            await audit.WriteReadAsync("Pathway", pathway.Id.ToString(), person.Value, null, ct);
        }
        var rate = toRate is { Rated: false } ? toRate : null;
        return new MyCareSummary(practitioner, coverName, coverUntil, appointments, rate?.Id, rate?.OccurredAt);
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
