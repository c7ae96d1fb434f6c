using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Features.Work;

/// <summary>One open planned contact as a worklist shows it.</summary>
public sealed record WorkItem(
    PlannedContactId Id, PersonId PersonId, string PersonName, string Label, ContactKind Kind,
    DateTimeOffset OpensAt, DateTimeOffset DueAt, Urgency Urgency, StaffId PractitionerId, string PractitionerName,
    string? CoverName, DateTimeOffset? CoverEndsAt, LetterStatus? Letter)
{
    public string Link => Kind == ContactKind.Letter ? $"/persons/{PersonId}/pathway/letters/{Id}" : $"/persons/{PersonId}/pathway/contacts/{Id}/record";
}

/// <summary>How many overdue contacts a member of staff must see in the banner on every page.</summary>
public sealed record OverdueCounts(int Mine, int Team);

/// <summary>
/// The worklists: open planned contacts, most urgent first (overdue, then due today, then next).
/// An open contact leaves only when it is done, closed with a reason or handed over to someone
/// else, so an overdue follow-up can never drop off. Every read is one indexed query on the open
/// contacts (partial indexes by practitioner and by team, in due order).
/// </summary>
public sealed class Worklists(AftercareDb db, NpgsqlDataSource dataSource)
{
    /// <summary>How far ahead "next" looks.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(14);
    public const int TeamPageSize = 50;

    // A contact never opens after it is due (PathwayDefinition refuses it), so "opens by the
    // horizon" also takes in everything due by then, overdue included, and one partial index on
    // (practitioner, opens_at) or (team, opens_at) over the open contacts narrows it.
    private static readonly Func<AftercareDb, StaffId, DateTimeOffset, int, IAsyncEnumerable<Row>> MineQuery =
        EF.CompileAsyncQuery((AftercareDb db, StaffId me, DateTimeOffset horizon, int take) =>
            (from c in db.PlannedContacts
             where c.PractitionerId == me && c.Status == ContactStatus.Open && c.OpensAt <= horizon
             join p in db.Persons on c.PersonId equals p.Id
             orderby c.DueAt
             select new Row(c.Id, c.PathwayId, c.PersonId, (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, c.Label, c.Kind, c.OpensAt, c.DueAt, c.PractitionerId))
            .Take(take));

    /// <summary>"My work": what I am named for, and what I am covering for someone else now.</summary>
    public async Task<List<WorkItem>> ForPractitioner(CurrentStaff me, DateTimeOffset now, CancellationToken ct)
    {
        var horizon = now + Horizon;
        var rows = new List<Row>();
        await foreach (var row in MineQuery(db, me.Id, horizon, 1000).WithCancellation(ct)) rows.Add(row);
        var covered = await db.PathwayCovers.AsNoTracking()
            .Where(c => c.CoveringPractitionerId == me.Id && c.EndedAt == null && c.StartsAt <= now && c.EndsAt > now)
            .Select(c => c.PathwayId).ToListAsync(ct);
        if (covered.Count > 0)
            rows.AddRange(await Open(db.PlannedContacts.Where(c => covered.Contains(c.PathwayId) && c.OpensAt <= horizon)).ToListAsync(ct));
        return await Describe(rows, now, ct, new Dictionary<Guid, string> { [me.Id.Value] = me.Name });
    }

    /// <summary>Open contacts with the person's name, as the worklists read them.</summary>
    private IQueryable<Row> Open(IQueryable<PlannedContact> contacts) =>
        from c in contacts.AsNoTracking()
        where c.Status == ContactStatus.Open
        join p in db.Persons on c.PersonId equals p.Id
        select new Row(c.Id, c.PathwayId, c.PersonId, (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, c.Label, c.Kind, c.OpensAt, c.DueAt, c.PractitionerId);

    /// <summary>The team's open work, most urgent first, a page at a time; optionally one practitioner's.</summary>
    public async Task<(List<WorkItem> Items, int Total)> ForTeam(TeamId team, StaffId? practitioner, int page, DateTimeOffset now, CancellationToken ct)
    {
        var horizon = now + Horizon;
        var open = db.PlannedContacts.AsNoTracking().Where(c => c.TeamId == team && c.Status == ContactStatus.Open && c.OpensAt <= horizon);
        if (practitioner is { } p) open = open.Where(c => c.PractitionerId == p);
        var total = await open.CountAsync(ct);
        // Due order is urgency order: overdue ones are due earliest, then today's, then the rest.
        var rows = await Open(open.OrderBy(c => c.DueAt).ThenBy(c => c.Id).Skip(Math.Max(0, page - 1) * TeamPageSize).Take(TeamPageSize))
            .ToListAsync(ct);
        return (await Describe(rows, now, ct, []), total);
    }

    /// <summary>
    /// For the banner on every page: the overdue contacts the practitioner is named for or is
    /// covering now, and for a supervisor the team's too. Read fresh on each page, from the due
    /// time itself, never from a timer; one round trip, each count from a partial index.
    /// </summary>
    public async Task<OverdueCounts> Overdue(CurrentStaff staff, DateTimeOffset now)
    {
        if (!staff.IsClinical) return new OverdueCounts(0, 0);
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT (SELECT count(*) FROM planned_contacts WHERE practitioner_id = $1 AND status = 1 AND due_at < $2)
                 + (SELECT count(*) FROM pathway_covers v JOIN planned_contacts c ON c.pathway_id = v.pathway_id
                    WHERE v.covering_practitioner_id = $1 AND v.ended_at IS NULL AND v.starts_at <= $2 AND v.ends_at > $2
                      AND c.status = 1 AND c.due_at < $2),
                   CASE WHEN $3::uuid IS NULL THEN 0
                        ELSE (SELECT count(*) FROM planned_contacts WHERE team_id = $3 AND status = 1 AND due_at < $2) END
            """);
        cmd.Parameters.Add(new() { Value = staff.Id.Value });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = staff.Role == StaffRole.Supervisor && staff.TeamId is { } t ? t.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new OverdueCounts((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    private async Task<List<WorkItem>> Describe(List<Row> rows, DateTimeOffset now, CancellationToken ct, Dictionary<Guid, string> knownNames)
    {
        if (rows.Count == 0) return [];
        var pathwayIds = rows.Select(r => r.PathwayId).Distinct().ToList();
        var covers = await db.PathwayCovers.AsNoTracking()
            .Where(c => pathwayIds.Contains(c.PathwayId) && c.EndedAt == null && c.StartsAt <= now && c.EndsAt > now)
            .Select(c => new { c.PathwayId, c.CoveringPractitionerId, c.EndsAt }).ToListAsync(ct);
        var letterContacts = rows.Where(r => r.Kind == ContactKind.Letter).Select(r => r.Id).ToList();
        var letters = letterContacts.Count == 0 ? [] : await db.Letters.AsNoTracking()
            .Where(l => letterContacts.Contains(l.PlannedContactId))
            .ToDictionaryAsync(l => l.PlannedContactId, l => l.Status, ct);
        // Names of staff not already known (on "my work", usually none: the rows are mine).
        var staffIds = rows.Select(r => r.PractitionerId.Value).Concat(covers.Select(c => c.CoveringPractitionerId.Value))
            .Distinct().Where(id => !knownNames.ContainsKey(id)).ToList();
        var staffNames = staffIds.Count == 0 ? knownNames : (await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct)).Concat(knownNames).ToDictionary();
        string StaffName(StaffId id) => staffNames.GetValueOrDefault(id.Value, "a former member of staff");
        return [.. rows.DistinctBy(r => r.Id).Select(r =>
        {
            var cover = covers.Where(c => c.PathwayId == r.PathwayId).MaxBy(c => c.EndsAt);
            return new WorkItem(r.Id, r.PersonId, r.PersonName, r.Label, r.Kind, r.OpensAt, r.DueAt, PlannedContact.UrgencyOfOpen(r.DueAt, now),
                r.PractitionerId, StaffName(r.PractitionerId), cover is null ? null : StaffName(cover.CoveringPractitionerId), cover?.EndsAt,
                letters.TryGetValue(r.Id, out var status) ? status : null);
        }).OrderBy(i => i.Urgency).ThenBy(i => i.DueAt)];
    }

    private sealed record Row(PlannedContactId Id, PathwayId PathwayId, PersonId PersonId, string PersonName, string Label, ContactKind Kind, DateTimeOffset OpensAt, DateTimeOffset DueAt, StaffId PractitionerId);
}
