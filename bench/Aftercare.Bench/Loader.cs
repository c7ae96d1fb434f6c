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
    double CopySeconds, double VacuumSeconds, double TotalSeconds, long SafetyPlans = 0, long SafetyPlanVersions = 0,
    long Assessments = 0, long Pathways = 0, long PractitionerChanges = 0, long PlannedContacts = 0, long OpenContacts = 0, long OverdueContacts = 0,
    long CareSessions = 0, long Services = 0, long Referrals = 0, long PatientAccounts = 0, long Conversations = 0, long Messages = 0,
    double DashboardRebuildSeconds = 0, long CoveredPathways = 0);

/// <summary>
/// Fills a freshly migrated database with synthetic data at a chosen scale. Scale 1 is one
/// national year: about 180 sites, 160,000 people and 230,000 presentations; scale 10 is a decade
/// of the same. Every row is made by the domain's own factories, so the clinical rules hold, and
/// written with binary COPY: people first, then presentations and the audit trail in two parallel
/// streams, each in time order as the application would have written them; then the safety plans
/// of everyone who came in the last year, with their versions; then the assessments and care
/// pathways of the last three years' presentations, played forward to today; then the service
/// directory and the referrals of the last three months; then patient accounts with their
/// conversations, and the duty rota.
/// </summary>
public sealed partial class Loader
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
    private long _persons, _personsWithNhs, _presentations, _auditEvents, _plans, _planVersions;

    private sealed record TeamInfo(Team Team, int Site, double Weight, int[] Practitioners, int[] Clinicians);
    private sealed record StaffInfo(Guid Id, string Name, string Email, StaffRole Role, int Team, string Ip);
    private readonly record struct Arrival(long Ticks, int Person, int Team, int Recorder, bool First);
    private sealed record Batch<T>(T[] Rows, int LatestPerson);
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
        _plansKeptSince = _now - TimeSpan.FromDays(365.25);
        var pathwaysFrom = _now - TimeSpan.FromDays(365.25 * PathwayYears);
        _pathwaysKeptSince = pathwaysFrom > _start ? pathwaysFrom : _start;
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

        // The audit trail is most of the rows. Its secondary indexes are built once after the COPY,
        // which is far quicker than keeping them up to date row by row; their definitions are read
        // from the database, so they are exactly the migrations' own.
        var auditIndexes = await SecondaryIndexes(dataSource, "audit_events");
        foreach (var (name, _) in auditIndexes)
        {
            await using var drop = dataSource.CreateCommand($"DROP INDEX {name}");
            await drop.ExecuteNonQueryAsync();
        }

        using var progress = new Timer(_ => Report(total.Elapsed), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        // One pass makes everything in time order; three COPY streams write it at once, each on its
        // own connection. People and presentations are committed in chunks, because COPY checks the
        // foreign keys as each statement ends: a chunk of presentations is committed once the people
        // it refers to are, which keeps those checks flowing alongside the copying.
        using var cts = new CancellationTokenSource();
        using var people = new BlockingCollection<Batch<Person>>(QueueBatches);
        using var presentations = new BlockingCollection<Batch<Presentation>>(QueueBatches);
        using var audit = new BlockingCollection<Batch<AuditRow>>(QueueBatches);
        var gate = new CommitGate();
        var writers = new[]
        {
            Writer(dataSource, PersonCopy, people, WritePerson, n => Interlocked.Add(ref _persons, n), cts,
                chunkRows: 20_000, beforeCommit: null, afterCommit: gate.Committed, commitNow: gate.IsWaiting),
            Writer(dataSource, PresentationCopy, presentations, WritePresentation, n => Interlocked.Add(ref _presentations, n), cts,
                chunkRows: 50_000, beforeCommit: person => gate.WaitFor(person, cts.Token), afterCommit: null, commitNow: null),
            Writer(dataSource, AuditCopy, audit, WriteAudit, n => Interlocked.Add(ref _auditEvents, n), cts,
                chunkRows: 1_000_000, beforeCommit: null, afterCommit: null, commitNow: null),
        };
        await Generate(() => new RowMaker(this, personCount, people, presentations, audit, cts.Token).Run(), cts, writers, () =>
        {
            people.CompleteAdding();
            presentations.CompleteAdding();
            audit.CompleteAdding();
        });
        progress.Change(Timeout.Infinite, Timeout.Infinite);
        Report(total.Elapsed);
        await LoadSafetyPlansAsync(dataSource, total);
        await LoadPathwaysAsync(dataSource, total);
        await LoadReferralsAsync(dataSource, total);
        await LoadMessagingAsync(dataSource, total);
        var covered = await ArrangeCoversAsync(dataSource);
        var indexing = Stopwatch.StartNew();
        await Task.WhenAll(auditIndexes.Select(async index =>
        {
            await using var conn = await dataSource.OpenConnectionAsync();
            await using (var mem = new NpgsqlCommand("SET maintenance_work_mem = '1GB'", conn)) await mem.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand(index.Definition, conn) { CommandTimeout = 0 };
            await create.ExecuteNonQueryAsync();
        }));
        Console.WriteLine($"  audit_events indexes built after the COPY: {indexing.Elapsed.TotalSeconds:0.0} s");
        var copySeconds = total.Elapsed.TotalSeconds;

        // Without this, autovacuum would set hint bits and the visibility map on millions of new
        // rows during the measurements, and the planner would have no statistics.
        var vacuum = Stopwatch.StartNew();
        foreach (var table in new[] { "sites", "teams", "user_accounts", "persons", "presentations", "audit_events", "safety_plans", "safety_plan_versions" }.Concat(PathwayTables).Concat(ReferralTables).Concat(MessagingTables))
        {
            await using var cmd = dataSource.CreateCommand($"VACUUM (ANALYZE) {table}");
            await cmd.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"  VACUUM (ANALYZE): {vacuum.Elapsed.TotalSeconds:0.0} s");
        var dashboards = await PrepareDashboardsAsync(dataSource);

        var summary = new LoadSummary(_options.Scale, _years, _sites.Count, _teams.Count, _staff.Count, _persons, _personsWithNhs, _presentations,
            _auditEvents, Math.Round(copySeconds, 1), Math.Round(vacuum.Elapsed.TotalSeconds, 1), Math.Round(total.Elapsed.TotalSeconds, 1), _plans, _planVersions,
            _assessments, _pathways, _practitionerChanges, _plannedContacts, _openContacts, _overdueContacts, _careSessions, _services, _referrals, _patientAccounts, _conversations, _messages, dashboards ?? 0, covered);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded in {summary.TotalSeconds:0.0} s (COPY {summary.CopySeconds:0.0} s, VACUUM (ANALYZE) {summary.VacuumSeconds:0.0} s): " +
            $"{_persons:N0} people ({_personsWithNhs:N0} with an NHS number), {_presentations:N0} presentations, {_auditEvents:N0} audit events, " +
            $"{_plans:N0} safety plans with {_planVersions:N0} versions, {_pathways:N0} pathways with {_plannedContacts:N0} planned contacts " +
            $"({_openContacts:N0} open, {_overdueContacts:N0} overdue), {_careSessions:N0} sessions, " +
            $"{_services:N0} services and {_referrals:N0} referrals"));
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

    /// <summary>
    /// An account's sign-in columns, from user_name to access_failed_count, as Identity keeps them:
    /// the same for staff and for the people who write to their care team.
    /// </summary>
    private static void WriteSignIn(NpgsqlBinaryImporter w, string email, string hash)
    {
        w.Write(email, NpgsqlDbType.Varchar);
        w.Write(email.ToUpperInvariant(), NpgsqlDbType.Varchar);
        w.Write(email, NpgsqlDbType.Varchar);
        w.Write(email.ToUpperInvariant(), NpgsqlDbType.Varchar);
        w.Write(true, NpgsqlDbType.Boolean);
        w.Write(hash, NpgsqlDbType.Text);
        w.Write(Guid.NewGuid().ToString("N").ToUpperInvariant(), NpgsqlDbType.Text);
        w.Write(Guid.NewGuid().ToString(), NpgsqlDbType.Text);
        w.Write(false, NpgsqlDbType.Boolean);
        w.Write(false, NpgsqlDbType.Boolean);
        w.Write(true, NpgsqlDbType.Boolean);
        w.Write(0, NpgsqlDbType.Integer);
    }

    /// <summary>A table's indexes other than its primary key, with the statement that makes each.</summary>
    private static async Task<List<(string Name, string Definition)>> SecondaryIndexes(NpgsqlDataSource dataSource, string table)
    {
        var list = new List<(string, string)>();
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = $1
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p')
            """);
        cmd.Parameters.Add(new() { Value = table });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

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
        var hash = new PasswordHasher<UserAccount>().HashPassword(new UserAccount(), StaffPassword);
        var created = _start.AddDays(-30);
        await using (var w = await conn.BeginBinaryImportAsync(
            """
            COPY user_accounts (id, display_name, role, team_id, is_active, is_demo_account, created_at, user_name, normalized_user_name, email,
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
                WriteSignIn(w, s.Email, hash);
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
    /// Presentations in a national year come from about 160,000 people for 230,000 presentations.
    /// Repeats that would fall after today are not loaded, so a short period has fewer than the
    /// steady state; this is the share of people given one more presentation, at random, to make
    /// up the difference (a rehearsal of the repeat pattern with its own random numbers).
    /// </summary>
    private double TopUpShare()
    {
        var random = new Random(_options.Seed + 1);
        var spanMinutes = (_now - _start).TotalMinutes - 180;
        const int trials = 100_000;
        long kept = 0;
        for (var t = 0; t < trials; t++)
        {
            if (random.NextDouble() >= RepeatShare) continue;
            var repeats = 1;
            while (random.NextDouble() < RepeatContinues) repeats++;
            var at = random.NextDouble() * spanMinutes;
            for (var r = 0; r < repeats; r++)
            {
                at += (2 + random.Next(120)) * 1440.0 + random.Next(1440);
                if (at > spanMinutes) break;
                kept++;
            }
        }
        return Math.Max(0, PresentationsPerPerson - 1 - (double)kept / trials);
    }

    private const double RepeatShare = 0.3;
    private const double RepeatContinues = 0.32;
    private const double PresentationsPerPerson = 230_000.0 / PeoplePerScale;
    private const int QueueBatches = 32;

    /// <summary>
    /// The single pass that makes every row, in time order. People are made in the order of their
    /// first presentation, spread evenly over the years loaded; about 30% come back, some many
    /// times, weeks to months apart. Each presentation is recorded two hours after arrival and
    /// leaves its trace in the audit trail: the practitioner signing in and searching, registering
    /// the person on a first visit, recording the presentation, and the team opening the record
    /// over the following month. Later presentations and audit events wait in queues until nothing
    /// earlier can come, so both tables are written in time order, as the application writes them.
    /// </summary>
    private sealed class RowMaker(Loader l, long personCount, BlockingCollection<Batch<Person>> people,
        BlockingCollection<Batch<Presentation>> presentations, BlockingCollection<Batch<AuditRow>> audit, CancellationToken ct)
    {
        private readonly SyntheticData _data = l._data;
        private readonly PriorityQueue<Arrival, (long, long)> _arrivals = new();
        private readonly PriorityQueue<AuditRow, (long, long)> _audit = new();
        private readonly List<Person> _peopleBatch = new(BatchSize);
        private readonly List<Presentation> _presentationBatch = new(BatchSize);
        private readonly List<AuditRow> _auditBatch = new(BatchSize);
        private readonly Guid[] _ids = new Guid[personCount];
        private readonly int[] _careTeam = new int[personCount];
        private readonly string[] _names = new string[personCount];
        private readonly bool[] _hasPlan = new bool[personCount];
        private readonly DateTimeOffset _latest = l._now.AddHours(-3);
        private readonly DateTimeOffset _auditHorizon = l._now.AddMinutes(-1);
        private readonly double _viewsMean = Math.Max(0, l._options.AuditPerPresentation - 4.7);
        private readonly string[] _shown = Enumerable.Range(0, 4).Select(n => $"{n} people shown").ToArray();
        private long _seq;
        private int _peopleSent;
        private int _latestPerson = -1;

        public void Run()
        {
            var topUp = l.TopUpShare();
            var span = l._now - l._start;
            for (var i = 0; i < personCount; i++)
            {
                var first = l._start + span * ((i + _data.NextDouble()) / personCount);
                if (first > _latest) first = _latest;
                first = new DateTimeOffset(first.Ticks - first.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
                while (_arrivals.TryPeek(out _, out var next) && next.Item1 < first.Ticks) Present(_arrivals.Dequeue());

                var team = l.PickTeam();
                var recorder = l.PickOf(l._teams[team].Practitioners);
                var details = _data.Person(DateOnly.FromDateTime(first.UtcDateTime));
                details = details with { NhsNumber = l.UniqueNhsNumber(details.NhsNumber) };
                var person = Person.Register(details, l._teams[team].Team.Id, new StaffId(l._staff[recorder].Id), first.AddMinutes(110));
                if (person.NhsNumber is not null) l._personsWithNhs++;
                _ids[i] = person.Id.Value;
                _careTeam[i] = team;
                _names[i] = person.DisplayName;
                _peopleBatch.Add(person);
                if (_peopleBatch.Count == BatchSize) SendPeople();
                Present(new Arrival(first.Ticks, i, team, recorder, First: true));

                if (_data.NextDouble() < RepeatShare)
                {
                    var repeats = 1;
                    while (_data.NextDouble() < RepeatContinues) repeats++;
                    var at = first;
                    for (var r = 0; r < repeats; r++)
                    {
                        at = at.AddDays(2 + _data.Next(120)).AddMinutes(_data.Next(1440));
                        if (at > _latest) break;
                        Later(at, i);
                    }
                }
                if (_data.NextDouble() < topUp)
                {
                    var at = first.AddMinutes(_data.Next(1440));
                    if (at <= _latest) Later(at, _data.Next(i + 1));
                }
            }
            while (_arrivals.Count > 0) Present(_arrivals.Dequeue());
            Flush(long.MaxValue);
            SendPresentations();
            if (_auditBatch.Count > 0) audit.Add(new([.. _auditBatch], 0), ct);
        }

        /// <summary>A later presentation of person i: most come back to the same team; some turn up somewhere else.</summary>
        private void Later(DateTimeOffset at, int i)
        {
            var where = _data.NextDouble() < 0.9 ? _careTeam[i] : l.PickTeam();
            _arrivals.Enqueue(new Arrival(at.Ticks, i, where, l.PickOf(l._teams[where].Practitioners), First: false), (at.Ticks, _seq++));
        }

        private void SendPeople()
        {
            if (_peopleBatch.Count == 0) return;
            people.Add(new([.. _peopleBatch], 0), ct);
            _peopleSent += _peopleBatch.Count;
            _peopleBatch.Clear();
        }

        /// <summary>
        /// Sends a batch of presentations with the latest person it refers to. That person is sent
        /// first, so the writer waiting for them to be committed never waits on this thread.
        /// </summary>
        private void SendPresentations()
        {
            if (_presentationBatch.Count == 0) return;
            if (_latestPerson >= _peopleSent) SendPeople();
            presentations.Add(new([.. _presentationBatch], _latestPerson), ct);
            _presentationBatch.Clear();
            _latestPerson = -1;
        }

        private void Present(Arrival a)
        {
            Flush(a.Ticks);
            var arrived = new DateTimeOffset(a.Ticks, TimeSpan.Zero);
            var team = l._teams[a.Team];
            var recorder = l._staff[a.Recorder];
            var personId = _ids[a.Person];
            var p = Presentation.Record(new PersonId(personId), l._sites[team.Site].Id, team.Team.Id, _data.Presentation(arrived),
                new StaffId(recorder.Id), arrived.AddHours(2));
            _presentationBatch.Add(p);
            _latestPerson = Math.Max(_latestPerson, a.Person);
            if (_presentationBatch.Count == BatchSize) SendPresentations();
            // The plan is written with the person after their first presentation since plans were kept.
            if (arrived >= l._plansKeptSince && !_hasPlan[a.Person])
            {
                _hasPlan[a.Person] = true;
                l._planStarts.Add(new PlanStart(personId, _careTeam[a.Person], p.RecordedAt, _names[a.Person]));
            }
            // Every presentation since pathways were kept is assessed and starts a pathway with the care team.
            if (arrived >= l._pathwaysKeptSince) l._pathwayStarts.Add(new PathwayStart(p, a.Person, _careTeam[a.Person]));

            var person = personId.ToString();
            Audit(new AuditRow(arrived.AddMinutes(_data.Next(60)), null, recorder.Email, null, null, AuditActions.SignIn, "UserAccount",
                recorder.Id.ToString(), null, recorder.Ip, null));
            Audit(By(recorder, arrived.AddMinutes(60 + _data.Next(40)), AuditActions.Search, "Person", null, null, _shown[_data.Next(4)]));
            if (a.First) Audit(By(recorder, arrived.AddMinutes(110), AuditActions.Create, "Person", person, personId));
            Audit(By(recorder, p.RecordedAt, AuditActions.Create, "Presentation", p.Id.ToString(), personId));
            var later = l._staff[l.PickOf(team.Clinicians)];
            Audit(By(later, p.RecordedAt + TimeSpan.FromDays(30 * _data.NextDouble()), AuditActions.Search, "Person", null, null, _shown[1 + _data.Next(3)]));
            var views = (int)Math.Round(_data.NextDouble() * 2 * _viewsMean);
            for (var v = 0; v < views; v++)
            {
                var reader = l._staff[l.PickOf(team.Clinicians)];
                Audit(By(reader, p.RecordedAt + TimeSpan.FromDays(30 * _data.NextDouble()), AuditActions.View, "Person", person, personId));
            }
        }

        private AuditRow By(StaffInfo s, DateTimeOffset at, string action, string entityType, string? entityId, Guid? person, string? reason = null) =>
            new(at, s.Id, s.Name, s.Role.ToString(), l._teams[s.Team].Team.Id.Value, action, entityType, entityId, person, s.Ip, reason);

        private void Audit(AuditRow row)
        {
            if (row.OccurredAt <= _auditHorizon) _audit.Enqueue(row, (row.OccurredAt.Ticks, _seq++));
        }

        /// <summary>Sends the audit events earlier than the given time: no later presentation can add one before it.</summary>
        private void Flush(long beforeTicks)
        {
            while (_audit.TryPeek(out _, out var at) && at.Item1 < beforeTicks)
            {
                _auditBatch.Add(_audit.Dequeue());
                if (_auditBatch.Count == BatchSize)
                {
                    audit.Add(new([.. _auditBatch], 0), ct);
                    _auditBatch.Clear();
                }
            }
        }
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

    // ---- COPY plumbing: the generating thread feeds one writer per table, each on its own connection ----

    /// <summary>
    /// Runs the generator; when it has made every row the writers finish their COPY. If the
    /// generator fails, the writers abandon the chunk in progress; if a writer fails, its error is
    /// the one raised. Either way the database is left part-loaded and the run stops.
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

    /// <summary>
    /// Copies batches into one table, committing every chunkRows rows, or sooner when commitNow
    /// says someone is waiting; beforeCommit may hold a commit back until what it refers to is in.
    /// </summary>
    private static Task Writer<T>(NpgsqlDataSource dataSource, string copy, BlockingCollection<Batch<T>> queue, Action<NpgsqlBinaryImporter, T> write,
        Action<int> counted, CancellationTokenSource cts, int chunkRows, Action<int>? beforeCommit, Action<long>? afterCommit, Func<bool>? commitNow) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                using var conn = dataSource.OpenConnection();
                var importer = conn.BeginBinaryImport(copy);
                try
                {
                    long rows = 0;
                    var inChunk = 0;
                    var latestPerson = -1;
                    void Commit()
                    {
                        beforeCommit?.Invoke(latestPerson);
                        importer.Complete();
                        importer.Dispose();
                        afterCommit?.Invoke(rows);
                        inChunk = 0;
                        importer = conn.BeginBinaryImport(copy);
                    }

                    while (true)
                    {
                        if (!queue.TryTake(out var batch, 20, cts.Token))
                        {
                            if (queue.IsCompleted) break;
                            if (inChunk > 0 && commitNow?.Invoke() == true) Commit();
                            continue;
                        }
                        foreach (var row in batch.Rows)
                        {
                            importer.StartRow();
                            write(importer, row);
                        }
                        rows += batch.Rows.Length;
                        inChunk += batch.Rows.Length;
                        latestPerson = Math.Max(latestPerson, batch.LatestPerson);
                        counted(batch.Rows.Length);
                        if (inChunk >= chunkRows || commitNow?.Invoke() == true) Commit();
                    }
                    beforeCommit?.Invoke(latestPerson);
                    importer.Complete();
                    afterCommit?.Invoke(rows);
                }
                finally
                {
                    // Without Complete, disposing abandons the COPY in progress: it commits nothing.
                    importer.Dispose();
                }
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                // Another part failed and its error is the one raised.
            }
            catch
            {
                // Stops the generator, which would otherwise wait for room in the queue for ever.
                cts.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>How many people are committed, for the presentations that refer to them.</summary>
    private sealed class CommitGate
    {
        private readonly object _lock = new();
        private long _committed;
        private long _wanted;

        public void Committed(long people)
        {
            lock (_lock)
            {
                _committed = people;
                Monitor.PulseAll(_lock);
            }
        }

        public bool IsWaiting()
        {
            lock (_lock) return _wanted > _committed;
        }

        /// <summary>Waits until the person with this ordinal (counting from 0) is committed.</summary>
        public void WaitFor(int person, CancellationToken ct)
        {
            lock (_lock)
            {
                _wanted = Math.Max(_wanted, person + 1L);
                while (_committed <= person)
                {
                    ct.ThrowIfCancellationRequested();
                    Monitor.Wait(_lock, 100);
                }
            }
        }
    }

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
