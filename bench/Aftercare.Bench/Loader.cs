using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aftercare.Domain.Common;
using Aftercare.Domain.Organisation;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Data.Demo;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;

namespace Aftercare.Bench;

public sealed record LoadOptions(double Scale, string Connection, int Seed, double AuditPerPresentation, string? SummaryPath)
{
    public static LoadOptions From(Options o)
    {
        var scale = o.Number("scale", 1);
        if (scale <= 0 || scale > 100) throw new BenchException("--scale must be more than 0 and at most 100");
        return new LoadOptions(scale, o.Required("connection"), o.Whole("seed", 2026), o.Number("audit-per-presentation", 10), o.Text("summary"));
    }
}

/// <summary>What was loaded and how long it took; written as JSON for the driver's table.</summary>
public sealed record LoadSummary(
    double Scale, double Years, int Sites, int Teams, int Staff, long Persons, long PersonsWithNhsNumber, long Presentations, long AuditEvents,
    double CopySeconds, double VacuumSeconds, double TotalSeconds);

/// <summary>
/// Fills a freshly migrated database with synthetic data at a chosen scale. Scale 1 is one
/// national year: about 180 sites, 160,000 people and 230,000 presentations; scale 10 is a decade
/// of the same. Every row is made by the domain's own factories, so the clinical rules hold, and
/// written with binary COPY: people first, then presentations and the audit trail in two parallel
/// streams, each in time order as the application would have written them.
/// </summary>
public sealed class Loader
{
    public const int PeoplePerScale = 160_000;
    public const int NationalSites = 180;
    public const string StaffPassword = "bench-aftercare-2026";
    public const string StaffEmailDomain = "bench.aftercare.test";
    private const int BatchSize = 2_000;
    private const string UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";

    private readonly LoadOptions _options;
    private readonly SyntheticData _data;
    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset _start;
    private readonly double _years;
    private readonly List<Site> _sites = [];
    private readonly List<TeamInfo> _teams = [];
    private readonly List<StaffInfo> _staff = [];
    private readonly HashSet<string> _nhsNumbers = [];
    private double[] _cumulativeWeight = [];
    private long _persons, _personsWithNhs, _presentations, _auditEvents;

    private sealed record TeamInfo(Team Team, int Site, double Weight, int[] Practitioners, int[] Clinicians);
    private sealed record StaffInfo(Guid Id, string Name, string Email, StaffRole Role, int Team, string Ip);
    private readonly record struct Arrival(long Ticks, int Seq, Guid Person, int Team, int Recorder, bool First);
    private sealed record AuditRow(
        DateTimeOffset OccurredAt, Guid? ActorId, string ActorName, string? ActorRole, Guid? ActorTeamId, string Action, string EntityType,
        string? EntityId, Guid? PersonId, string? Ip, string? Reason);

    private Loader(LoadOptions options)
    {
        _options = options;
        _data = new SyntheticData(options.Seed);
        var utc = DateTimeOffset.UtcNow;
        _now = new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        _years = Math.Max(1, options.Scale);
        _start = _now - TimeSpan.FromDays(365.25 * _years);
    }

    public static async Task RunAsync(LoadOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Connection) { CommandTimeout = 0 };
        await using var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        await Migrator.MigrateAsync(dataSource);
        await using (var check = dataSource.CreateCommand("SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM persons)"))
            if ((long)(await check.ExecuteScalarAsync())! != 0)
                throw new BenchException("The database already has data; the loader needs a freshly created database");

        var loader = new Loader(options);
        await loader.LoadAsync(dataSource);
    }

    private async Task LoadAsync(NpgsqlDataSource dataSource)
    {
        var total = Stopwatch.StartNew();
        var personCount = (long)Math.Round(PeoplePerScale * _options.Scale);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loading scale {_options.Scale:0.###}: {personCount:N0} people over {_years:0.#} year(s), seed {_options.Seed}"));

        MakeOrganisation();
        await WriteOrganisationAsync(dataSource);
        Console.WriteLine($"  {_sites.Count:N0} sites, {_teams.Count:N0} teams, {_staff.Count:N0} staff accounts");

        using var progress = new Timer(_ => Report(total.Elapsed), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        // People first: every presentation refers to one, and COPY checks the foreign key.
        var arrivals = new List<Arrival>((int)(personCount * 1.5));
        await Stream(dataSource, PersonCopy, (BlockingCollection<Person[]> people, CancellationToken ct) =>
        {
            var batch = new List<Person>(BatchSize);
            for (long i = 0; i < personCount; i++)
            {
                batch.Add(NextPerson(i, personCount, arrivals));
                if (batch.Count == BatchSize) { people.Add([.. batch], ct); batch.Clear(); }
            }
            if (batch.Count > 0) people.Add([.. batch], ct);
        }, WritePerson, n => Interlocked.Add(ref _persons, n));

        // Then every presentation in arrival order, and the audit trail they caused in time order.
        arrivals.Sort((a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Seq.CompareTo(b.Seq));
        await Stream<Presentation, AuditRow>(dataSource, PresentationCopy, AuditCopy, (presentations, audit, ct) => MakePresentations(arrivals, presentations, audit, ct),
            WritePresentation, n => Interlocked.Add(ref _presentations, n), WriteAudit, n => Interlocked.Add(ref _auditEvents, n));
        var copySeconds = total.Elapsed.TotalSeconds;
        progress.Change(Timeout.Infinite, Timeout.Infinite);
        Report(total.Elapsed);

        // Without this, autovacuum would set hint bits and the visibility map on millions of new
        // rows during the measurements, and the planner would have no statistics.
        var vacuum = Stopwatch.StartNew();
        foreach (var table in new[] { "sites", "teams", "staff_users", "persons", "presentations", "audit_events" })
        {
            await using var cmd = dataSource.CreateCommand($"VACUUM (ANALYZE) {table}");
            await cmd.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"  VACUUM (ANALYZE): {vacuum.Elapsed.TotalSeconds:0.0} s");

        var summary = new LoadSummary(_options.Scale, _years, _sites.Count, _teams.Count, _staff.Count, _persons, _personsWithNhs, _presentations,
            _auditEvents, Math.Round(copySeconds, 1), Math.Round(vacuum.Elapsed.TotalSeconds, 1), Math.Round(total.Elapsed.TotalSeconds, 1));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded in {summary.TotalSeconds:0.0} s (COPY {summary.CopySeconds:0.0} s, VACUUM (ANALYZE) {summary.VacuumSeconds:0.0} s): " +
            $"{_persons:N0} people ({_personsWithNhs:N0} with an NHS number), {_presentations:N0} presentations, {_auditEvents:N0} audit events"));
        if (_options.SummaryPath is { } path)
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
    }

    private void Report(TimeSpan elapsed)
    {
        var s = Math.Max(elapsed.TotalSeconds, 0.001);
        long p = Interlocked.Read(ref _persons), x = Interlocked.Read(ref _presentations), a = Interlocked.Read(ref _auditEvents);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {elapsed.TotalSeconds,6:0} s  people {p,11:N0}  presentations {x,11:N0}  audit events {a,12:N0}  ({(p + x + a) / s:N0} rows/s)"));
    }

    // ---- Organisation: sites, their teams, and the staff of each team ----

    private void MakeOrganisation()
    {
        var siteCount = _options.Scale >= 1 ? NationalSites : Math.Max(3, (int)Math.Round(NationalSites * _options.Scale));
        var created = _start.AddDays(-30);
        var today = DateOnly.FromDateTime(created.UtcDateTime);
        var weights = new List<double>();
        for (var i = 0; i < siteCount; i++)
        {
            var site = Site.Create(_data.HospitalName(i), _data.OdsCode(i), created);
            _sites.Add(site);
            // Emergency departments differ in size by a factor of five or so.
            var siteWeight = 0.3 + 1.4 * _data.NextDouble();
            var names = _data.NextDouble() < 0.5 ? new[] { ("Liaison Psychiatry", 0.7), ("ED Mental Health Team", 0.3) } : [("Liaison Psychiatry", 1.0)];
            foreach (var (name, share) in names)
            {
                var team = Team.Create(site.Id, name, created);
                var index = _teams.Count;
                var members = new List<int>();
                var practitioners = new List<int>();
                for (var k = 0; k < 5; k++)
                {
                    var role = k == 0 ? StaffRole.Supervisor : StaffRole.Practitioner;
                    var person = _data.Person(today);
                    var email = role == StaffRole.Supervisor
                        ? $"supervisor.team{index + 1}@{StaffEmailDomain}"
                        : $"practitioner{k}.team{index + 1}@{StaffEmailDomain}";
                    var ip = $"10.{index / 250 % 250 + 1}.{index % 250 + 1}.{k + 10}";
                    members.Add(_staff.Count);
                    if (role == StaffRole.Practitioner) practitioners.Add(_staff.Count);
                    _staff.Add(new StaffInfo(Guid.CreateVersion7(), $"{person.GivenName} {person.FamilyName}", email, role, index, ip));
                }
                _teams.Add(new TeamInfo(team, i, siteWeight * share, [.. practitioners], [.. members]));
                weights.Add(siteWeight * share);
            }
        }
        _cumulativeWeight = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++) _cumulativeWeight[i] = sum += weights[i];
    }

    private int PickTeam()
    {
        var r = _data.NextDouble() * _cumulativeWeight[^1];
        var i = Array.BinarySearch(_cumulativeWeight, r);
        return Math.Min(i < 0 ? ~i : i, _cumulativeWeight.Length - 1);
    }

    private int PickOf(int[] staff) => staff[_data.Next(staff.Length)];

    private async Task WriteOrganisationAsync(NpgsqlDataSource dataSource)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using (var w = await conn.BeginBinaryImportAsync("COPY sites (id, name, ods_code, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in _sites)
            {
                w.StartRow();
                w.Write(s.Id.Value, NpgsqlDbType.Uuid);
                w.Write(s.Name, NpgsqlDbType.Varchar);
                Text(w, s.OdsCode);
                w.Write(s.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY teams (id, site_id, name, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in _teams)
            {
                w.StartRow();
                w.Write(t.Team.Id.Value, NpgsqlDbType.Uuid);
                w.Write(t.Team.SiteId.Value, NpgsqlDbType.Uuid);
                w.Write(t.Team.Name, NpgsqlDbType.Varchar);
                w.Write(t.Team.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            await w.CompleteAsync();
        }

        // One hash for every account: hashing is deliberately slow, and the password is the same.
        var hash = new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), StaffPassword);
        var created = _start.AddDays(-30);
        await using (var w = await conn.BeginBinaryImportAsync(
            """
            COPY staff_users (id, display_name, role, team_id, is_active, is_demo_account, created_at, user_name, normalized_user_name, email,
                normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled,
                lockout_enabled, access_failed_count) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var s in _staff)
            {
                w.StartRow();
                w.Write(s.Id, NpgsqlDbType.Uuid);
                w.Write(s.Name, NpgsqlDbType.Varchar);
                w.Write((int)s.Role, NpgsqlDbType.Integer);
                w.Write(_teams[s.Team].Team.Id.Value, NpgsqlDbType.Uuid);
                w.Write(true, NpgsqlDbType.Boolean);
                // Demo accounts sign in without a second factor, and only while demo mode is on.
                w.Write(true, NpgsqlDbType.Boolean);
                w.Write(created, NpgsqlDbType.TimestampTz);
                w.Write(s.Email, NpgsqlDbType.Varchar);
                w.Write(s.Email.ToUpperInvariant(), NpgsqlDbType.Varchar);
                w.Write(s.Email, NpgsqlDbType.Varchar);
                w.Write(s.Email.ToUpperInvariant(), NpgsqlDbType.Varchar);
                w.Write(true, NpgsqlDbType.Boolean);
                w.Write(hash, NpgsqlDbType.Text);
                w.Write(Guid.NewGuid().ToString("N").ToUpperInvariant(), NpgsqlDbType.Text);
                w.Write(Guid.NewGuid().ToString(), NpgsqlDbType.Text);
                w.Write(false, NpgsqlDbType.Boolean);
                w.Write(false, NpgsqlDbType.Boolean);
                w.Write(true, NpgsqlDbType.Boolean);
                w.Write(0, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
    }

    // ---- People ----

    private const string PersonCopy =
        """
        COPY persons (id, nhs_number, given_name, family_name, preferred_name, pronouns, date_of_birth, sex, gender_identity, ethnic_category,
            postcode, gp_practice, phone, email, contacts, communication_needs, what_matters_to_me, strengths, care_team_id, registered_at,
            registered_by) FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// The i-th person to present, in the order of first presentations spread evenly over the
    /// years loaded; about 30% come back, some many times, weeks to months apart.
    /// </summary>
    private Person NextPerson(long i, long count, List<Arrival> arrivals)
    {
        var span = _now - _start;
        var first = _start + span * ((i + _data.NextDouble()) / count);
        var latest = _now.AddHours(-3);
        if (first > latest) first = latest;
        first = new DateTimeOffset(first.Ticks - first.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

        var team = PickTeam();
        var recorder = PickOf(_teams[team].Practitioners);
        var details = _data.Person(DateOnly.FromDateTime(first.UtcDateTime));
        details = details with { NhsNumber = UniqueNhsNumber(details.NhsNumber) };
        var person = Person.Register(details, _teams[team].Team.Id, new StaffId(_staff[recorder].Id), first.AddMinutes(110));
        if (person.NhsNumber is not null) _personsWithNhs++;

        arrivals.Add(new Arrival(first.Ticks, arrivals.Count, person.Id.Value, team, recorder, First: true));
        if (_data.NextDouble() < 0.3)
        {
            var repeats = 1;
            while (_data.NextDouble() < 0.32) repeats++;
            var at = first;
            for (var r = 0; r < repeats; r++)
            {
                at = at.AddDays(2 + _data.Next(120)).AddMinutes(_data.Next(1440));
                if (at > latest) break;
                // Most come back to the same hospital; some turn up somewhere else.
                var where = _data.NextDouble() < 0.9 ? team : PickTeam();
                arrivals.Add(new Arrival(at.Ticks, arrivals.Count, person.Id.Value, where, PickOf(_teams[where].Practitioners), First: false));
            }
        }
        return person;
    }

    /// <summary>
    /// The synthetic numbers come from the 999 range kept for testing, which holds about 909,000
    /// valid numbers; past that, a person is loaded without one rather than sharing someone's.
    /// </summary>
    private string? UniqueNhsNumber(string? drawn)
    {
        if (drawn is null) return null;
        for (var tries = 0; tries < 20; tries++)
        {
            if (_nhsNumbers.Add(drawn)) return drawn;
            drawn = _data.NewNhsNumber();
        }
        return null;
    }

    private static void WritePerson(NpgsqlBinaryImporter w, Person p)
    {
        w.Write(p.Id.Value, NpgsqlDbType.Uuid);
        Text(w, p.NhsNumber);
        w.Write(p.GivenName, NpgsqlDbType.Varchar);
        w.Write(p.FamilyName, NpgsqlDbType.Varchar);
        Text(w, p.PreferredName);
        Text(w, p.Pronouns);
        w.Write(p.DateOfBirth, NpgsqlDbType.Date);
        w.Write((int)p.Sex, NpgsqlDbType.Integer);
        Text(w, p.GenderIdentity);
        Text(w, p.EthnicCategory);
        Text(w, p.Postcode);
        Text(w, p.GpPractice);
        Text(w, p.Phone);
        Text(w, p.Email);
        w.Write(JsonSerializer.Serialize(p.Contacts, JsonSerializerOptions.Default), NpgsqlDbType.Jsonb);
        Text(w, p.CommunicationNeeds);
        Text(w, p.WhatMattersToMe);
        Text(w, p.Strengths);
        w.Write(p.CareTeamId.Value, NpgsqlDbType.Uuid);
        w.Write(p.RegisteredAt, NpgsqlDbType.TimestampTz);
        w.Write(p.RegisteredBy.Value, NpgsqlDbType.Uuid);
    }

    // ---- Presentations and the audit trail ----

    private const string PresentationCopy =
        """
        COPY presentations (id, person_id, site_id, team_id, arrived_at, account_in_own_words, method, physical_treatment, intent_in_own_words,
            recorded_at, recorded_by) FROM STDIN (FORMAT BINARY)
        """;

    private const string AuditCopy =
        """
        COPY audit_events (occurred_at, actor_id, actor_name, actor_role, actor_team_id, action, entity_type, entity_id, person_id, ip_address,
            user_agent, reason) FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// Each presentation, recorded two hours after arrival, with what it leaves in the audit trail:
    /// the practitioner signing in and searching, registering the person on a first visit,
    /// recording the presentation, and the team opening the record over the following month. The
    /// events wait in a queue until no later presentation can precede them, so the audit table is
    /// written in time order, as the append-only log it is.
    /// </summary>
    private void MakePresentations(List<Arrival> arrivals, BlockingCollection<Presentation[]> presentations, BlockingCollection<AuditRow[]> audit,
        CancellationToken ct)
    {
        var viewsMean = Math.Max(0, _options.AuditPerPresentation - 4.7);
        var pending = new PriorityQueue<AuditRow, (long, long)>();
        long seq = 0;
        var batch = new List<Presentation>(BatchSize);
        var auditBatch = new List<AuditRow>(BatchSize);
        var horizon = _now.AddMinutes(-1);

        void Emit(AuditRow row)
        {
            if (row.OccurredAt <= horizon) pending.Enqueue(row, (row.OccurredAt.Ticks, seq++));
        }

        void Flush(long beforeTicks)
        {
            while (pending.TryPeek(out _, out var at) && at.Item1 < beforeTicks)
            {
                auditBatch.Add(pending.Dequeue());
                if (auditBatch.Count == BatchSize) { audit.Add([.. auditBatch], ct); auditBatch.Clear(); }
            }
        }

        AuditRow By(StaffInfo s, DateTimeOffset at, string action, string entityType, string? entityId, Guid? person, string? reason = null) =>
            new(at, s.Id, s.Name, s.Role.ToString(), _teams[s.Team].Team.Id.Value, action, entityType, entityId, person, s.Ip, reason);

        foreach (var a in arrivals)
        {
            Flush(a.Ticks);
            var arrived = new DateTimeOffset(a.Ticks, TimeSpan.Zero);
            var team = _teams[a.Team];
            var recorder = _staff[a.Recorder];
            var p = Presentation.Record(new PersonId(a.Person), _sites[team.Site].Id, team.Team.Id, _data.Presentation(arrived),
                new StaffId(recorder.Id), arrived.AddHours(2));
            batch.Add(p);
            if (batch.Count == BatchSize) { presentations.Add([.. batch], ct); batch.Clear(); }

            var person = a.Person.ToString();
            Emit(new AuditRow(arrived.AddMinutes(_data.Next(60)), null, recorder.Email, null, null, AuditActions.SignIn, "StaffUser", recorder.Id.ToString(),
                null, recorder.Ip, null));
            Emit(By(recorder, arrived.AddMinutes(60 + _data.Next(40)), AuditActions.Search, "Person", null, null, $"{_data.Next(4)} people shown"));
            if (a.First) Emit(By(recorder, arrived.AddMinutes(110), AuditActions.Create, "Person", person, a.Person));
            Emit(By(recorder, p.RecordedAt, AuditActions.Create, "Presentation", p.Id.ToString(), a.Person));
            var later = _staff[PickOf(team.Clinicians)];
            Emit(By(later, p.RecordedAt + TimeSpan.FromDays(30 * _data.NextDouble()), AuditActions.Search, "Person", null, null,
                $"{1 + _data.Next(3)} people shown"));
            var views = (int)Math.Round(_data.NextDouble() * 2 * viewsMean);
            for (var v = 0; v < views; v++)
            {
                var reader = _staff[PickOf(team.Clinicians)];
                Emit(By(reader, p.RecordedAt + TimeSpan.FromDays(30 * _data.NextDouble()), AuditActions.View, "Person", person, a.Person));
            }
        }
        Flush(long.MaxValue);
        if (batch.Count > 0) presentations.Add([.. batch], ct);
        if (auditBatch.Count > 0) audit.Add([.. auditBatch], ct);
    }

    private static void WritePresentation(NpgsqlBinaryImporter w, Presentation p)
    {
        w.Write(p.Id.Value, NpgsqlDbType.Uuid);
        w.Write(p.PersonId.Value, NpgsqlDbType.Uuid);
        w.Write(p.SiteId.Value, NpgsqlDbType.Uuid);
        w.Write(p.TeamId.Value, NpgsqlDbType.Uuid);
        w.Write(p.ArrivedAt, NpgsqlDbType.TimestampTz);
        w.Write(p.AccountInOwnWords, NpgsqlDbType.Text);
        w.Write((int)p.Method, NpgsqlDbType.Integer);
        Text(w, p.PhysicalTreatment);
        Text(w, p.IntentInOwnWords);
        w.Write(p.RecordedAt, NpgsqlDbType.TimestampTz);
        w.Write(p.RecordedBy.Value, NpgsqlDbType.Uuid);
    }

    private static void WriteAudit(NpgsqlBinaryImporter w, AuditRow a)
    {
        w.Write(a.OccurredAt, NpgsqlDbType.TimestampTz);
        Id(w, a.ActorId);
        w.Write(a.ActorName, NpgsqlDbType.Varchar);
        Text(w, a.ActorRole);
        Id(w, a.ActorTeamId);
        w.Write(a.Action, NpgsqlDbType.Varchar);
        w.Write(a.EntityType, NpgsqlDbType.Varchar);
        Text(w, a.EntityId);
        Id(w, a.PersonId);
        Text(w, a.Ip);
        w.Write(UserAgent, NpgsqlDbType.Varchar);
        Text(w, a.Reason);
    }

    // ---- COPY plumbing: one generating thread feeds one writer per table, each on its own connection ----

    private static async Task Stream<T>(NpgsqlDataSource dataSource, string copy, Action<BlockingCollection<T[]>, CancellationToken> generate,
        Action<NpgsqlBinaryImporter, T> write, Action<int> counted)
    {
        using var cts = new CancellationTokenSource();
        using var queue = new BlockingCollection<T[]>(boundedCapacity: 32);
        var writer = Writer(dataSource, copy, queue, write, counted, cts);
        await Generate(() => generate(queue, cts.Token), cts, [writer], queue.CompleteAdding);
    }

    private static async Task Stream<T, U>(NpgsqlDataSource dataSource, string copyT, string copyU,
        Action<BlockingCollection<T[]>, BlockingCollection<U[]>, CancellationToken> generate,
        Action<NpgsqlBinaryImporter, T> writeT, Action<int> countedT, Action<NpgsqlBinaryImporter, U> writeU, Action<int> countedU)
    {
        using var cts = new CancellationTokenSource();
        using var queueT = new BlockingCollection<T[]>(boundedCapacity: 32);
        using var queueU = new BlockingCollection<U[]>(boundedCapacity: 32);
        var writers = new[] { Writer(dataSource, copyT, queueT, writeT, countedT, cts), Writer(dataSource, copyU, queueU, writeU, countedU, cts) };
        await Generate(() => generate(queueT, queueU, cts.Token), cts, writers, () => { queueT.CompleteAdding(); queueU.CompleteAdding(); });
    }

    /// <summary>
    /// Runs the generator; when it has made every row the writers finish their COPY. If the
    /// generator fails, the writers abandon theirs, so nothing partial is committed; if a writer
    /// fails, its error is the one raised.
    /// </summary>
    private static async Task Generate(Action generate, CancellationTokenSource cts, Task[] writers, Action complete)
    {
        try
        {
            generate();
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // A writer failed and cancelled the generator: its error is raised below.
        }
        catch
        {
            cts.Cancel();
            complete();
            await Task.WhenAll(writers);
            throw;
        }
        complete();
        await Task.WhenAll(writers);
    }

    private static Task Writer<T>(NpgsqlDataSource dataSource, string copy, BlockingCollection<T[]> queue, Action<NpgsqlBinaryImporter, T> write,
        Action<int> counted, CancellationTokenSource cts) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                using var conn = dataSource.OpenConnection();
                using var importer = conn.BeginBinaryImport(copy);
                foreach (var batch in queue.GetConsumingEnumerable(cts.Token))
                {
                    foreach (var row in batch)
                    {
                        importer.StartRow();
                        write(importer, row);
                    }
                    counted(batch.Length);
                }
                importer.Complete();
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                // Another part failed; this COPY is abandoned unfinished, so it commits nothing.
            }
            catch
            {
                // Stops the generator, which would otherwise wait for room in the queue for ever.
                cts.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull();
        else w.Write(value, NpgsqlDbType.Text);
    }

    private static void Id(NpgsqlBinaryImporter w, Guid? value)
    {
        if (value is { } v) w.Write(v, NpgsqlDbType.Uuid);
        else w.WriteNull();
    }
}
