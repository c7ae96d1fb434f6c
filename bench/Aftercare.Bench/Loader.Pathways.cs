using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Presentations;
using Aftercare.Domain.Sessions;
using Aftercare.Domain.Staff;
using Npgsql;
using NpgsqlTypes;

namespace Aftercare.Bench;

/// <summary>
/// Care pathways: every presentation of the last three years has its psychosocial assessment,
/// signed off by a practitioner of the person's care team within a few hours, and the ASSURED
/// pathway started from it; each pathway is then played forward to today with the domain's own
/// methods. What fell due is mostly done in its window (the check-in call and the sessions with a
/// recorded session, sometimes after a missed one and a try to re-engage), a few contacts are
/// closed with a reason, and a few of those due in the last two months are still waiting, so the
/// worklists carry realistic overdue work. What is not yet due stays open.
/// </summary>
public sealed partial class Loader
{
    /// <summary>How far back pathways go: the worklists and the pathway page only ever read recent ones.</summary>
    private const double PathwayYears = 3;
    private const double CloseShare = 0.05;
    /// <summary>Of the contacts due in the last <see cref="StillOpenDays"/> days, the share nobody has done yet.</summary>
    private const double StillOpenShare = 0.03;
    private const int StillOpenDays = 60;
    private const double HandoverShare = 0.02;
    private const double AllianceShare = 0.7;

    private static readonly string[] PathwayTables = ["assessments", "pathways", "pathway_practitioner_changes", "planned_contacts", "care_sessions"];

    private const string AssessmentCopy =
        """
        COPY assessments (id, person_id, presentation_id, started_by, started_at, sections, last_saved_by, last_saved_at, status, signed_off_by,
            signed_off_at) FROM STDIN (FORMAT BINARY)
        """;

    private const string PathwayCopy =
        """
        COPY pathways (id, person_id, team_id, assessment_id, definition_code, definition_name, started_at, named_practitioner_id, status,
            completed_at) FROM STDIN (FORMAT BINARY)
        """;

    private const string PractitionerChangeCopy =
        """
        COPY pathway_practitioner_changes (id, pathway_id, from_practitioner_id, to_practitioner_id, reason, changed_by, changed_at)
            FROM STDIN (FORMAT BINARY)
        """;

    private const string PlannedContactCopy =
        """
        COPY planned_contacts (id, pathway_id, person_id, team_id, practitioner_id, sequence, key, label, kind, letter_month, opens_at, due_at,
            status, done_at, done_by, session_id, closed_reason, closed_at, closed_by, overdue_recorded_at) FROM STDIN (FORMAT BINARY)
        """;

    private const string CareSessionCopy =
        """
        COPY care_sessions (id, person_id, pathway_id, planned_contact_id, practitioner_id, practitioner_name, occurred_at, mode, outcome, notes,
            adaptations, adaptation_notes, alliance, re_engagement, recorded_at, solution_focused_already_working, solution_focused_best_hopes,
            solution_focused_next_step, solution_focused_preferred_future, solution_focused_scale) FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>Pathways are loaded for presentations since then (at scale 3 and below, all of them).</summary>
    private readonly DateTimeOffset _pathwaysKeptSince;
    /// <summary>In time order: each presentation since pathways were kept, with the person's ordinal and care team.</summary>
    private readonly List<PathwayStart> _pathwayStarts = [];
    private long _assessments, _pathways, _practitionerChanges, _plannedContacts, _openContacts, _overdueContacts, _careSessions;

    private readonly record struct PathwayStart(Presentation Presentation, int PersonIndex, int Team);
    private sealed record ChangeRow(PathwayId Pathway, PractitionerChange Change);

    /// <summary>
    /// Writes assessments, pathways, their named-practitioner history, planned contacts and care
    /// sessions in five COPY streams at once. The five tables' foreign keys and secondary indexes
    /// are dropped first and made again after the COPY, from the migrations' own definitions: a
    /// foreign key checked row by row during a COPY costs about six times the row itself (1.6
    /// million planned contacts: 84 s with the key, 13 s without and 2 s to add it back), and
    /// adding it back checks every row in one pass, so the data is held to the same keys.
    /// </summary>
    private async Task LoadPathwaysAsync(NpgsqlDataSource dataSource, Stopwatch total)
    {
        var started = total.Elapsed;
        var indexes = new List<(string Name, string Definition)>();
        var keys = new List<(string Table, string Name, string Definition)>();
        foreach (var table in PathwayTables)
        {
            indexes.AddRange(await SecondaryIndexes(dataSource, table));
            keys.AddRange((await ForeignKeys(dataSource, table)).Select(k => (table, k.Name, k.Definition)));
        }
        foreach (var (table, name, _) in keys)
        {
            await using var drop = dataSource.CreateCommand($"ALTER TABLE {table} DROP CONSTRAINT {name}");
            await drop.ExecuteNonQueryAsync();
        }
        foreach (var (name, _) in indexes)
        {
            await using var drop = dataSource.CreateCommand($"DROP INDEX {name}");
            await drop.ExecuteNonQueryAsync();
        }

        void Progress() => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {total.Elapsed.TotalSeconds,6:0} s  pathways {Interlocked.Read(ref _pathways),11:N0} of {_pathwayStarts.Count:N0}  planned contacts {Interlocked.Read(ref _plannedContacts),11:N0}  sessions {Interlocked.Read(ref _careSessions),11:N0}"));
        using var progress = new Timer(_ => Progress(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource();
        using var assessments = new BlockingCollection<Batch<Assessment>>(QueueBatches);
        using var pathways = new BlockingCollection<Batch<Pathway>>(QueueBatches);
        using var changes = new BlockingCollection<Batch<ChangeRow>>(QueueBatches);
        using var contacts = new BlockingCollection<Batch<PlannedContact>>(QueueBatches);
        using var sessions = new BlockingCollection<Batch<CareSession>>(QueueBatches);
        // No foreign key is checked during the COPY, so no stream waits for another's commit.
        var writers = new[]
        {
            Writer(dataSource, AssessmentCopy, assessments, WriteAssessment, n => Interlocked.Add(ref _assessments, n), cts,
                chunkRows: 200_000, beforeCommit: null, afterCommit: null, commitNow: null),
            Writer(dataSource, PathwayCopy, pathways, WritePathway, n => Interlocked.Add(ref _pathways, n), cts,
                chunkRows: 200_000, beforeCommit: null, afterCommit: null, commitNow: null),
            Writer(dataSource, PractitionerChangeCopy, changes, WritePractitionerChange, n => Interlocked.Add(ref _practitionerChanges, n), cts,
                chunkRows: 200_000, beforeCommit: null, afterCommit: null, commitNow: null),
            Writer(dataSource, PlannedContactCopy, contacts, WritePlannedContact, n => Interlocked.Add(ref _plannedContacts, n), cts,
                chunkRows: 500_000, beforeCommit: null, afterCommit: null, commitNow: null),
            Writer(dataSource, CareSessionCopy, sessions, WriteCareSession, n => Interlocked.Add(ref _careSessions, n), cts,
                chunkRows: 500_000, beforeCommit: null, afterCommit: null, commitNow: null),
        };
        await Generate(() => MakePathways(assessments, pathways, changes, contacts, sessions, cts.Token), cts, writers, () =>
        {
            assessments.CompleteAdding();
            pathways.CompleteAdding();
            changes.CompleteAdding();
            contacts.CompleteAdding();
            sessions.CompleteAdding();
        });
        progress.Change(Timeout.Infinite, Timeout.Infinite);
        _pathwayStarts.Clear();
        var copied = total.Elapsed;

        // Two at a time: the machine has two cores, and the audit trail's indexes are built after this.
        using var slots = new SemaphoreSlim(2);
        await Task.WhenAll(indexes.Select(async index =>
        {
            await slots.WaitAsync();
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync();
                await using (var mem = new NpgsqlCommand("SET maintenance_work_mem = '512MB'", conn)) await mem.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand(index.Definition, conn) { CommandTimeout = 0 };
                await create.ExecuteNonQueryAsync();
            }
            finally
            {
                slots.Release();
            }
        }));
        var indexed = total.Elapsed;

        // One at a time: each locks the table it refers to. The referenced keys are primary keys, never dropped.
        foreach (var (table, name, definition) in keys)
        {
            await using var add = dataSource.CreateCommand($"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}");
            add.CommandTimeout = 0;
            await add.ExecuteNonQueryAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  pathways: {_assessments:N0} assessments, {_pathways:N0} pathways, {_plannedContacts:N0} planned contacts ({_openContacts:N0} open, " +
            $"{_overdueContacts:N0} overdue), {_careSessions:N0} sessions in {(copied - started).TotalSeconds:0.0} s, " +
            $"indexes {(indexed - copied).TotalSeconds:0.0} s, foreign keys checked {(total.Elapsed - indexed).TotalSeconds:0.0} s"));
    }

    private void MakePathways(BlockingCollection<Batch<Assessment>> assessments, BlockingCollection<Batch<Pathway>> pathways,
        BlockingCollection<Batch<ChangeRow>> changes, BlockingCollection<Batch<PlannedContact>> contacts, BlockingCollection<Batch<CareSession>> sessions,
        CancellationToken ct)
    {
        var synthetic = new SyntheticPathways(_options.Seed + 3);
        var latest = _now.AddMinutes(-1);
        var named = new int[_pathwayStarts.Count == 0 ? 0 : _pathwayStarts.Max(s => s.PersonIndex) + 1];
        Array.Fill(named, -1);
        var assessmentBatch = new List<Assessment>(BatchSize);
        var pathwayBatch = new List<Pathway>(BatchSize);
        var changeBatch = new List<ChangeRow>(BatchSize);
        var contactBatch = new List<PlannedContact>(BatchSize);
        var sessionBatch = new List<CareSession>(BatchSize);

        void Send<T>(List<T> batch, BlockingCollection<Batch<T>> queue, int atLeast)
        {
            if (batch.Count < atLeast || batch.Count == 0) return;
            queue.Add(new([.. batch], 0), ct);
            batch.Clear();
        }

        foreach (var start in _pathwayStarts)
        {
            var team = _teams[start.Team];
            if (named[start.PersonIndex] < 0) named[start.PersonIndex] = team.Practitioners[synthetic.Next(team.Practitioners.Length)];
            var presentation = start.Presentation;
            var signedOffAt = presentation.RecordedAt.AddMinutes(synthetic.Next(30, 181));
            // The last few hours' presentations are still being assessed.
            if (signedOffAt > latest) continue;
            var assessor = _staff[named[start.PersonIndex]];
            var by = new StaffId(assessor.Id);
            var assessment = Assessment.Start(presentation.PersonId, presentation, by, presentation.RecordedAt.AddMinutes(synthetic.Next(5, 21)));
            assessment.SaveDraft(synthetic.Assessment(), by, signedOffAt.AddMinutes(-synthetic.Next(1, 10)));
            assessment.SignOff(by, signedOffAt);
            var pathway = Pathway.Start(assessment, PathwayDefinition.Assured, team.Team.Id, by, by, null);
            named[start.PersonIndex] = Play(pathway, start.Team, named[start.PersonIndex], synthetic, latest, sessionBatch);

            assessmentBatch.Add(assessment);
            pathwayBatch.Add(pathway);
            foreach (var change in pathway.PractitionerChanges) changeBatch.Add(new ChangeRow(pathway.Id, change));
            foreach (var contact in pathway.Contacts)
            {
                contactBatch.Add(contact);
                if (!contact.IsOpen) continue;
                _openContacts++;
                if (contact.IsOverdueAt(_now)) _overdueContacts++;
            }
            Send(assessmentBatch, assessments, BatchSize);
            Send(pathwayBatch, pathways, BatchSize);
            Send(changeBatch, changes, BatchSize);
            Send(contactBatch, contacts, BatchSize);
            Send(sessionBatch, sessions, BatchSize);
        }
        Send(assessmentBatch, assessments, 0);
        Send(pathwayBatch, pathways, 0);
        Send(changeBatch, changes, 0);
        Send(contactBatch, contacts, 0);
        Send(sessionBatch, sessions, 0);
    }

    /// <summary>A table's foreign keys, with the definition that makes each again.</summary>
    private static async Task<List<(string Name, string Definition)>> ForeignKeys(NpgsqlDataSource dataSource, string table)
    {
        var list = new List<(string, string)>();
        await using var cmd = dataSource.CreateCommand(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = $1::regclass ORDER BY conname");
        cmd.Parameters.Add(new() { Value = table });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    /// <summary>
    /// Plays a pathway forward to <paramref name="latest"/>, contact by contact in due order, with the
    /// domain's own methods; adds the sessions it records and answers who is named at the end.
    /// </summary>
    private int Play(Pathway pathway, int teamIndex, int practitioner, SyntheticPathways synthetic, DateTimeOffset latest, List<CareSession> sessions)
    {
        var team = _teams[teamIndex];
        var (adaptations, adaptationNotes) = synthetic.Adaptation();
        var scale = 2 + synthetic.Next(4);
        DateTimeOffset? handoverAt = synthetic.NextDouble() < HandoverShare
            ? pathway.StartedAt.AddDays(3 + synthetic.Next(40)).AddMinutes(synthetic.Next(1440))
            : null;
        var stillOpenFrom = latest.AddDays(-StillOpenDays);

        foreach (var contact in pathway.Contacts)
        {
            var kind = contact.Kind;
            var draw = synthetic.NextDouble();
            var close = draw < CloseShare;
            var late = !close && draw < CloseShare + (kind == ContactKind.FollowUp ? 0.06 : kind == ContactKind.Session ? 0.08 : 0.03);
            // When it is done (or closed): mostly inside its window; a few late; the check-in call most often the next day.
            var at = close ? contact.OpensAt + (contact.DueAt.AddDays(3) - contact.OpensAt) * synthetic.NextDouble()
                : late ? contact.DueAt + (kind == ContactKind.FollowUp ? TimeSpan.FromHours(1 + 47 * synthetic.NextDouble())
                    : TimeSpan.FromDays((kind == ContactKind.Session ? 1 + 6 * synthetic.NextDouble() : 1 + 9 * synthetic.NextDouble())))
                : kind == ContactKind.FollowUp ? pathway.StartedAt + TimeSpan.FromHours(2 + 38 * synthetic.NextDouble())
                : contact.OpensAt + (contact.DueAt - contact.OpensAt) * (0.05 + 0.9 * synthetic.NextDouble());
            // Only recent work is left waiting: nothing is overdue for years.
            var stillOpen = !close && contact.DueAt <= latest && contact.DueAt > stillOpenFrom && synthetic.NextDouble() < StillOpenShare;
            if (stillOpen) at = DateTimeOffset.MaxValue;

            if (handoverAt is { } h && h <= at && h <= latest && pathway.Status == PathwayStatus.Active)
            {
                var others = team.Practitioners.Where(p => p != practitioner).ToArray();
                if (others.Length > 0)
                {
                    var to = others[synthetic.Next(others.Length)];
                    pathway.HandOver(new StaffId(_staff[to].Id), synthetic.NextDouble() < 0.5 ? "Named practitioner on long-term leave" : "Named practitioner has moved to another service",
                        new StaffId(_staff[team.Clinicians[0]].Id), h);
                    practitioner = to;
                }
                handoverAt = null;
            }
            var staff = _staff[practitioner];
            var by = new StaffId(staff.Id);

            ContactMode mode = default;
            if (kind != ContactKind.Letter && !close)
            {
                mode = kind == ContactKind.FollowUp ? synthetic.CheckInMode() : synthetic.SessionMode();
                // Sometimes the person does not come or answer first, and the practitioner tries to reach them.
                if (synthetic.NextDouble() < (kind == ContactKind.FollowUp ? 0.08 : 0.12))
                {
                    var planned = at == DateTimeOffset.MaxValue ? contact.DueAt : at;
                    var missedAt = planned - (kind == ContactKind.FollowUp ? TimeSpan.FromHours(3 + 17 * synthetic.NextDouble()) : TimeSpan.FromDays(1 + 3 * synthetic.NextDouble()));
                    if (missedAt < pathway.StartedAt.AddHours(1)) missedAt = pathway.StartedAt.AddHours(1);
                    var attemptAt = missedAt + TimeSpan.FromHours(1 + 25 * synthetic.NextDouble());
                    var (method, outcome) = synthetic.Attempt();
                    if (missedAt <= latest)
                    {
                        var missed = CareSession.Record(pathway.PersonId, pathway.Id, contact.Id, by, staff.Name, missedAt, mode, ContactOutcome.Missed,
                            synthetic.MissedNote(), null, adaptations, adaptationNotes, Min(missedAt.AddMinutes(5 + synthetic.Next(55)), latest));
                        if (attemptAt <= latest && attemptAt <= at) missed.AddReEngagement(attemptAt, method, outcome, by, staff.Name, Min(attemptAt.AddMinutes(5), latest));
                        sessions.Add(missed);
                    }
                }
            }

            if (at > latest)
            {
                // Not done yet: if it is past due, the timer has noticed, as it would have.
                if (contact.DueAt.AddMinutes(1) <= latest) contact.RecordOverdue(contact.DueAt.AddMinutes(1));
                continue;
            }
            if (at > contact.DueAt.AddMinutes(1)) contact.RecordOverdue(contact.DueAt.AddMinutes(1));
            if (close)
            {
                pathway.CloseContact(contact.Id, synthetic.CloseReason(kind), by, at);
                continue;
            }
            var recordedAt = Min(at.AddMinutes(10 + synthetic.Next(170)), latest);
            if (kind == ContactKind.Letter)
            {
                pathway.CompleteContact(contact.Id, at, by, null, recordedAt);
                continue;
            }
            SolutionFocusedNotes notes;
            string? note = null;
            if (kind == ContactKind.FollowUp)
            {
                note = synthetic.CheckInNote();
                notes = synthetic.NextDouble() < 0.6 ? SolutionFocusedNotes.Create(null, null, null, scale, null) : SolutionFocusedNotes.Empty;
            }
            else
            {
                scale = Math.Clamp(scale + synthetic.Next(-1, 3), 0, 10);
                notes = synthetic.Session(scale);
            }
            var session = CareSession.Record(pathway.PersonId, pathway.Id, contact.Id, by, staff.Name, at, mode, ContactOutcome.Attended, note, notes,
                adaptations, adaptationNotes, recordedAt);
            if (kind == ContactKind.Session && synthetic.NextDouble() < AllianceShare)
            {
                int Item() => synthetic.NextDouble() < 0.85 ? 6 + synthetic.Next(5) : 2 + synthetic.Next(5);
                session.RateAlliance(AllianceRating.Create(Item(), Item(), Item(), Item(), synthetic.NextDouble() < 0.4, recordedAt));
            }
            sessions.Add(session);
            pathway.CompleteContact(contact.Id, at, by, session.Id, recordedAt);
        }
        return practitioner;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void WriteAssessment(NpgsqlBinaryImporter w, Assessment a)
    {
        w.Write(a.Id.Value, NpgsqlDbType.Uuid);
        w.Write(a.PersonId.Value, NpgsqlDbType.Uuid);
        w.Write(a.PresentationId.Value, NpgsqlDbType.Uuid);
        w.Write(a.StartedBy.Value, NpgsqlDbType.Uuid);
        w.Write(a.StartedAt, NpgsqlDbType.TimestampTz);
        // As the application's own jsonb column converter writes it, so the pages read it back.
        w.Write(JsonSerializer.Serialize(a.Sections, JsonSerializerOptions.Default), NpgsqlDbType.Jsonb);
        w.Write(a.LastSavedBy.Value, NpgsqlDbType.Uuid);
        w.Write(a.LastSavedAt, NpgsqlDbType.TimestampTz);
        w.Write((int)a.Status, NpgsqlDbType.Integer);
        Id(w, a.SignedOffBy?.Value);
        Time(w, a.SignedOffAt);
    }

    private static void WritePathway(NpgsqlBinaryImporter w, Pathway p)
    {
        w.Write(p.Id.Value, NpgsqlDbType.Uuid);
        w.Write(p.PersonId.Value, NpgsqlDbType.Uuid);
        w.Write(p.TeamId.Value, NpgsqlDbType.Uuid);
        w.Write(p.AssessmentId.Value, NpgsqlDbType.Uuid);
        w.Write(p.DefinitionCode, NpgsqlDbType.Varchar);
        w.Write(p.DefinitionName, NpgsqlDbType.Varchar);
        w.Write(p.StartedAt, NpgsqlDbType.TimestampTz);
        w.Write(p.NamedPractitionerId.Value, NpgsqlDbType.Uuid);
        w.Write((int)p.Status, NpgsqlDbType.Integer);
        Time(w, p.CompletedAt);
    }

    private static void WritePractitionerChange(NpgsqlBinaryImporter w, ChangeRow row)
    {
        var c = row.Change;
        w.Write(c.Id, NpgsqlDbType.Uuid);
        w.Write(row.Pathway.Value, NpgsqlDbType.Uuid);
        Id(w, c.FromPractitionerId?.Value);
        w.Write(c.ToPractitionerId.Value, NpgsqlDbType.Uuid);
        Text(w, c.Reason);
        w.Write(c.ChangedBy.Value, NpgsqlDbType.Uuid);
        w.Write(c.ChangedAt, NpgsqlDbType.TimestampTz);
    }

    private static void WritePlannedContact(NpgsqlBinaryImporter w, PlannedContact c)
    {
        w.Write(c.Id.Value, NpgsqlDbType.Uuid);
        w.Write(c.PathwayId.Value, NpgsqlDbType.Uuid);
        w.Write(c.PersonId.Value, NpgsqlDbType.Uuid);
        w.Write(c.TeamId.Value, NpgsqlDbType.Uuid);
        w.Write(c.PractitionerId.Value, NpgsqlDbType.Uuid);
        w.Write(c.Sequence, NpgsqlDbType.Integer);
        w.Write(c.Key, NpgsqlDbType.Varchar);
        w.Write(c.Label, NpgsqlDbType.Varchar);
        w.Write((int)c.Kind, NpgsqlDbType.Integer);
        if (c.LetterMonth is { } month) w.Write(month, NpgsqlDbType.Integer);
        else w.WriteNull();
        w.Write(c.OpensAt, NpgsqlDbType.TimestampTz);
        w.Write(c.DueAt, NpgsqlDbType.TimestampTz);
        w.Write((int)c.Status, NpgsqlDbType.Integer);
        Time(w, c.DoneAt);
        Id(w, c.DoneBy?.Value);
        Id(w, c.SessionId?.Value);
        Text(w, c.ClosedReason);
        Time(w, c.ClosedAt);
        Id(w, c.ClosedBy?.Value);
        Time(w, c.OverdueRecordedAt);
    }

    private static void WriteCareSession(NpgsqlBinaryImporter w, CareSession s)
    {
        w.Write(s.Id.Value, NpgsqlDbType.Uuid);
        w.Write(s.PersonId.Value, NpgsqlDbType.Uuid);
        Id(w, s.PathwayId?.Value);
        Id(w, s.PlannedContactId?.Value);
        w.Write(s.PractitionerId.Value, NpgsqlDbType.Uuid);
        w.Write(s.PractitionerName, NpgsqlDbType.Varchar);
        w.Write(s.OccurredAt, NpgsqlDbType.TimestampTz);
        w.Write((int)s.Mode, NpgsqlDbType.Integer);
        w.Write((int)s.Outcome, NpgsqlDbType.Integer);
        Text(w, s.Notes);
        w.Write((int)s.Adaptations, NpgsqlDbType.Integer);
        Text(w, s.AdaptationNotes);
        // Both jsonb columns as the application's converters write them.
        if (s.Alliance is { } alliance) w.Write(JsonSerializer.Serialize(alliance, JsonSerializerOptions.Default), NpgsqlDbType.Jsonb);
        else w.WriteNull();
        w.Write(JsonSerializer.Serialize(s.ReEngagement, JsonSerializerOptions.Default), NpgsqlDbType.Jsonb);
        w.Write(s.RecordedAt, NpgsqlDbType.TimestampTz);
        var sf = s.SolutionFocused;
        Text(w, sf.AlreadyWorking);
        Text(w, sf.BestHopes);
        Text(w, sf.NextStep);
        Text(w, sf.PreferredFuture);
        if (sf.Scale is { } scale) w.Write(scale, NpgsqlDbType.Integer);
        else w.WriteNull();
    }

    private static void Time(NpgsqlBinaryImporter w, DateTimeOffset? value)
    {
        if (value is { } v) w.Write(v, NpgsqlDbType.TimestampTz);
        else w.WriteNull();
    }

    /// <summary>One practitioner in ten is away (spread over the teams), each with all their active pathways covered by the next colleague of their team.</summary>
    public const int AwayOneIn = 10;

    /// <summary>How long the covers arranged for a run stay in force: a run on data reused within that time still finds them.</summary>
    private static readonly TimeSpan CoverLasts = TimeSpan.FromDays(14);

    /// <summary>
    /// Arranges cover as a service has it on any day: one practitioner in <see cref="AwayOneIn"/> is
    /// away, and the next practitioner of their team (by email) covers every active pathway of
    /// theirs, from three days ago for <see cref="CoverLasts"/>. Those covering then have their
    /// "my work" and banner read in full, and the team worklist shows the cover on the contacts. Run
    /// after every load and top-up; nothing is added while covers arranged earlier are still in force.
    /// </summary>
    public static async Task<long> ArrangeCoversAsync(NpgsqlDataSource dataSource)
    {
        await using (var inForce = dataSource.CreateCommand("SELECT EXISTS (SELECT FROM pathway_covers WHERE ended_at IS NULL AND starts_at <= now() AND ends_at > now() + interval '1 day')"))
        {
            if ((bool)(await inForce.ExecuteScalarAsync())!) return await CoveredNow(dataSource);
        }
        await using var arrange = dataSource.CreateCommand(
            $"""
            WITH staff AS (
                SELECT u.id, u.team_id, row_number() OVER (PARTITION BY u.team_id ORDER BY u.email) AS k,
                       count(*) OVER (PARTITION BY u.team_id) AS n, dense_rank() OVER (ORDER BY u.team_id) AS team
                FROM user_accounts u WHERE u.role = {(int)StaffRole.Practitioner} AND u.is_active AND u.team_id IS NOT NULL
            ), away AS (
                SELECT a.id AS away, c.id AS covering
                FROM staff a JOIN staff c ON c.team_id = a.team_id AND c.k = a.k % a.n + 1
                WHERE a.n > 1 AND (a.k + a.team) % {AwayOneIn} = 0
            )
            INSERT INTO pathway_covers (id, pathway_id, covered_practitioner_id, covering_practitioner_id, starts_at, ends_at, reason, arranged_by, arranged_at)
            SELECT gen_random_uuid(), p.id, w.away, w.covering, now() - interval '3 days', now() - interval '3 days' + $1, 'Annual leave', w.covering, now() - interval '4 days'
            FROM away w JOIN pathways p ON p.named_practitioner_id = w.away AND p.status = 1
            """);
        arrange.Parameters.Add(new() { Value = CoverLasts });
        await arrange.ExecuteNonQueryAsync();
        await using var analyze = dataSource.CreateCommand("VACUUM (ANALYZE) pathway_covers");
        await analyze.ExecuteNonQueryAsync();
        return await CoveredNow(dataSource);
    }

    private static async Task<long> CoveredNow(NpgsqlDataSource dataSource)
    {
        await using var count = dataSource.CreateCommand(
            "SELECT count(DISTINCT pathway_id) FROM pathway_covers WHERE ended_at IS NULL AND starts_at <= now() AND ends_at > now()");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
