using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aftercare.Web.Data.Demo;
using Npgsql;

namespace Aftercare.Bench;

public sealed record DriveOptions(
    string Url, string Connection, int Clients, int Seconds, int Warmup, int? AppPid, string? PgbenchBin, string PgbenchDatabase,
    double? PgbenchTps, string? LoadSummaryPath, string? OutPath, string? Note, string[] Scenarios, int Pages = 500, double MessagesPerSecond = 100,
    double CrisisShare = 0.1)
{
    public static readonly string[] AllScenarios =
        ["baseline", "search", "record", "presentation", "plan", "plan-save", "plan-pdf", "work", "team-work", "pathway", "directory", "referral", "everything",
            "messaging", "crisis", "team-dashboard", "deployment-dashboard"];
    public static readonly string[] DashboardScenarios = ["team-dashboard", "deployment-dashboard"];
    public static readonly string[] PlanScenarios = ["plan", "plan-save", "plan-pdf"];
    public static readonly string[] WorkScenarios = ["work", "team-work", "pathway"];

    public static DriveOptions From(Options o)
    {
        var clients = o.Whole("clients", 16);
        var seconds = o.Whole("seconds", 30);
        var warmup = o.Whole("warmup", 10);
        if (clients is < 1 or > 256) throw new BenchException("--clients must be from 1 to 256");
        if (seconds is < 1 or > 3600) throw new BenchException("--seconds must be from 1 to 3600");
        if (warmup is < 0 or > 600) throw new BenchException("--warmup must be from 0 to 600");
        var pages = o.Whole("pages", 500);
        var rate = o.Number("messages-per-second", 100);
        var crisisShare = o.Number("crisis-share", 0.1);
        if (pages is < 1 or > 5000) throw new BenchException("--pages must be from 1 to 5000");
        if (rate is < 0.1 or > 2000) throw new BenchException("--messages-per-second must be from 0.1 to 2000");
        if (crisisShare is <= 0 or > 1) throw new BenchException("--crisis-share must be more than 0 and at most 1");
        var pid = o.Text("app-pid") is null ? (int?)null : o.Whole("app-pid", 0);
        var tps = o.Text("pgbench-tps") is null ? (double?)null : o.Number("pgbench-tps", 0);
        var scenarios = o.Text("scenarios")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? AllScenarios;
        if (scenarios.Except(AllScenarios).FirstOrDefault() is { } unknown)
            throw new BenchException($"Unknown scenario '{unknown}'; choose from {string.Join(", ", AllScenarios)}");
        return new DriveOptions(o.Text("url") ?? "http://127.0.0.1:5090", o.Required("connection"), clients, seconds, warmup, pid,
            o.Text("pgbench"), o.Text("pgbench-database") ?? "pgbench_bench", tps, o.Text("load-summary"), o.Text("out"), o.Text("note"), scenarios,
            pages, rate, crisisShare);
    }
}

/// <summary>
/// Drives the running application over loopback with signed-in clients, one scenario at a time,
/// each for a fixed time after a warm-up: a static file (the framework's baseline), finding a
/// person, opening a person's record, recording a presentation, a person's safety plan (the page,
/// a save from the editor, and the PDF), the practitioner's own work, the team's worklist and a
/// person's care pathway with its chart. Every client is a separate practitioner with their
/// own cookies, working on the people in their own team's care, and sends its next request as
/// soon as the last one is answered.
/// </summary>
public static partial class Driver
{
    /// <summary>The shortest first round of warm-up, shared among the scenarios chosen.</summary>
    private const int WarmupRoundSeconds = 60;

    public sealed record Sample(Guid Id, string? Nhs, string Given, string Family, DateOnly Dob);

    public sealed record TeamPick(Guid Id, Guid SiteId, string Name, long People, string[] Practitioners);

    /// <summary>A person of the team with a care pathway, and whether a session of theirs took place (so the page draws the chart).</summary>
    public sealed record PathwayPick(Guid Id, bool Attended);

    /// <param name="planPeople">People of the team who have a safety plan.</param>
    /// <param name="pathwayPeople">People of the team who have a care pathway.</param>
    /// <param name="share">Which of the team's clients this is (0 to shares - 1): it saves only its own share of the plans, so no two clients ever save the same plan at once.</param>
    public sealed class Client(int index, HttpClient http, TeamPick team, string email, Sample[] people, Guid[] planPeople, PathwayPick[] pathwayPeople,
        int share, int shares)
    {
        public int Index { get; } = index;
        public HttpClient Http { get; } = http;
        public Guid SiteId { get; } = team.SiteId;
        public Guid TeamId { get; } = team.Id;
        public string TeamName { get; } = team.Name;
        public string Email { get; } = email;
        public Sample[] People { get; } = people;
        public Sample[] WithNhs { get; } = people.Where(p => p.Nhs is not null).ToArray();
        public Guid[] PlanPeople { get; } = planPeople;
        public Guid[] OwnPlans { get; } = planPeople.Where((_, i) => i % shares == share).ToArray();
        public PathwayPick[] PathwayPeople { get; } = pathwayPeople;
        public Random Random { get; } = new(1000 + index);
        public SyntheticData Data { get; } = new(5000 + index);
        public SyntheticPlans Plans { get; } = new(7000 + index);
        public Dictionary<string, Metric> Metrics { get; } = [];
        public long Step { get; set; }

        public Sample AnyPerson() => People[Random.Next(People.Length)];
        public Sample PersonWithNhs() => WithNhs.Length > 0 ? WithNhs[Random.Next(WithNhs.Length)] : AnyPerson();
        public Guid PersonWithPlan() => PlanPeople[Random.Next(PlanPeople.Length)];
        public Guid OwnPlan() => OwnPlans[Random.Next(OwnPlans.Length)];
        public PathwayPick PersonWithPathway() => PathwayPeople[Random.Next(PathwayPeople.Length)];
        public ReferralPick[] Referrals { get; set; } = [];
        public ReferralPick Referral() => Referrals[Random.Next(Referrals.Length)];
    }

    public sealed class Metric
    {
        public List<double> Latencies { get; } = [];
        public long Errors { get; set; }
        public string? FirstError { get; set; }
    }

    /// <summary>The time a scenario measures: requests started inside it count; the warm-up before it does not.</summary>
    public sealed class Window(long start, long end)
    {
        public long Start { get; } = start;
        public long End { get; } = end;

        public void Record(Client c, string metric, long started, long finished, bool ok, string? error)
        {
            if (started < Start || started >= End) return;
            if (!c.Metrics.TryGetValue(metric, out var m)) c.Metrics[metric] = m = new Metric();
            if (ok) m.Latencies.Add(Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds);
            else
            {
                m.Errors++;
                m.FirstError ??= error;
            }
        }
    }

    /// <param name="FirstPartCounts">The scenario's figure is its first part (a save), not all its requests together (the form before it).</param>
    /// <param name="Live">Run by <see cref="RunMessaging"/> with the live pages, not by the clients' steps.</param>
    /// <param name="Clients">Who runs it, when not the practitioners: the supervisors of their teams, or the one administrator.</param>
    private sealed record Scenario(string Name, string Title, Func<Client, Window, Task> Step, (string Metric, string Label)[] Parts, bool FirstPartCounts = false,
        bool Live = false, List<Client>? Clients = null);

    public static async Task<int> RunAsync(DriveOptions o)
    {
        var baseUri = new Uri(o.Url);
        if (!IPAddress.TryParse(baseUri.Host, out var address) || !IPAddress.IsLoopback(address))
            throw new BenchException("The driver only drives an application on a loopback address, like http://127.0.0.1:5090");

        await using var db = NpgsqlDataSource.Create(o.Connection);
        var database = new NpgsqlConnectionStringBuilder(o.Connection).Database ?? "aftercare_bench";
        Pgbench.Result? pgbench = null;
        if (o.PgbenchBin is { } bin)
            pgbench = await Pgbench.RunAsync(bin, o.Connection, o.PgbenchDatabase, o.Clients, o.Warmup, o.Seconds, o.AppPid);
        var teams = await PickTeams(db, o.Clients);
        Console.WriteLine($"Signing in {o.Clients} clients as practitioners of {teams.Select(t => t.Id).Distinct().Count()} teams");
        var clients = new List<Client>();
        var samples = new Dictionary<Guid, Sample[]>();
        var planSamples = new Dictionary<Guid, Guid[]>();
        var plansWanted = o.Scenarios.Intersect(DriveOptions.PlanScenarios).Any();
        var workWanted = o.Scenarios.Intersect(DriveOptions.WorkScenarios).Any();
        var pathwaySamples = new Dictionary<Guid, PathwayPick[]>();
        var referralsWanted = o.Scenarios.Intersect(ReferralScenarios).Any();
        var referralSamples = new Dictionary<Guid, ReferralPick[]>();
        for (var i = 0; i < o.Clients; i++)
        {
            var team = teams[i % teams.Count];
            if (!samples.TryGetValue(team.Id, out var people)) samples[team.Id] = people = await SamplePeople(db, team.Id);
            if (!planSamples.TryGetValue(team.Id, out var plans)) planSamples[team.Id] = plans = plansWanted ? await SamplePlans(db, team.Id) : [];
            if (!pathwaySamples.TryGetValue(team.Id, out var pathways)) pathwaySamples[team.Id] = pathways = workWanted ? await SamplePathways(db, team.Id) : [];
            var email = team.Practitioners[i / teams.Count % team.Practitioners.Length];
            // Clients i, i + teams, i + 2 * teams, ... share a team: each saves its own share of its plans.
            var shares = (o.Clients - i % teams.Count + teams.Count - 1) / teams.Count;
            if (!referralSamples.TryGetValue(team.Id, out var referrals)) referralSamples[team.Id] = referrals = referralsWanted ? await SampleReferrals(db, team.Id) : [];
            var client = new Client(i, NewHttpClient(baseUri), team, email, people, plans, pathways, i / teams.Count, shares) { Referrals = referrals };
            if (referralsWanted && referrals.Length == 0)
                throw new BenchException($"Team {team.Name} has no sent referral; load the data again, or add the referrals (bench/run.sh --reuse-data does)");
            if (plansWanted && client.OwnPlans.Length == 0)
                throw new BenchException($"Team {team.Name} has too few people with a safety plan for {shares} client(s); load the data again (bench/run.sh does)");
            if (workWanted && client.PathwayPeople.Length == 0)
                throw new BenchException($"Team {team.Name} has nobody with a care pathway; load the data again (bench/run.sh does)");
            clients.Add(client);
        }
        await Task.WhenAll(clients.Select(c => SignIn(c.Http, c.Email)));
        await SanityCheck(clients[0], plansWanted, workWanted);
        if (referralsWanted) await ReferralSanityCheck(clients[0]);
        await using var rig = o.Scenarios.Intersect(MessagingScenarios).Any()
            ? await PrepareMessaging(db, baseUri, o, crisis: o.Scenarios.Contains("crisis"))
            : null;

        var (supervisors, administrator) = await DashboardClients(db, baseUri, o, teams.Take(o.Clients).ToList());
        var scenarios = new Scenario[]
        {
            new("baseline", "Baseline: static file", Baseline, [("baseline", "GET /css/app.css")]),
            new("search", "Person search", Search,
                [("search:name+dob", "family name + date of birth"), ("search:nhs", "NHS number"), ("search:name", "given + family name")]),
            new("record", "Person's record page", Record, [("record", "GET /persons/{id}")]),
            new("presentation", "Record a presentation", RecordPresentation,
                [("presentation:save", "POST, the figure that counts"), ("presentation:form", "GET the form first")], FirstPartCounts: true),
            new("plan", "Safety plan page", Plan, [("plan", "GET /persons/{id}/safety-plan")]),
            new("plan-save", "Save the safety plan", SavePlan,
                [("plan-save:save", "POST, the figure that counts"), ("plan-save:form", "GET the editor first")], FirstPartCounts: true),
            new("plan-pdf", "Safety plan PDF", PlanPdf, [("plan-pdf", "GET /persons/{id}/safety-plan/pdf")]),
            new("work", "My work", MyWork, [("work", "GET /work")]),
            new("team-work", "Team worklist", TeamWork, [("team-work", "GET /teams/{id}/work")]),
            new("pathway", "Person's care pathway", PersonPathway, [("pathway", "GET /persons/{id}/pathway")]),
            new("directory", "Directory search", DirectorySearch, [("directory", "GET /directory?Area=...[&Need=...]")]),
            new("referral", "Referral page", ReferralPage, [("referral", "GET /persons/{id}/referrals/{id}")]),
            new("everything", "FHIR Patient/$everything", Everything, [("everything", "GET /fhir/Patient/{id}/$everything")]),
            new("messaging", "Message shown on the practitioner's page", (_, _) => Task.CompletedTask,
                [("messaging:message", "POST start to the 'message' event"), ("messaging:post", "POST /my/messages (answered by a redirect)"),
                    ("messaging:page", "GET /my/messages after it, as a browser does")], FirstPartCounts: true, Live: true),
            new("crisis", "Crisis alert on the duty practitioner's page", (_, _) => Task.CompletedTask,
                [("crisis:alert", "POST start to the 'alert' event"), ("crisis:message", "every message: POST start to 'message'"),
                    ("crisis:post", "POST /my/messages (answered by a redirect)"), ("crisis:page", "GET /my/messages after it, as a browser does")],
                FirstPartCounts: true, Live: true),
            new("team-dashboard", "Team dashboard", TeamDashboard, [("team-dashboard", "GET /teams/{id}/dashboard")], Clients: supervisors),
            new("deployment-dashboard", "Deployment dashboard, a year", DeploymentDashboard, [("deployment-dashboard", "GET /dashboard")],
                Clients: administrator),
        };

        var chosen = scenarios.Where(s => o.Scenarios.Contains(s.Name)).ToList();
        if (o.Warmup > 0)
        {
            // One unmeasured round through everything first, so that the runtime has compiled the
            // code the scenarios share before any of them is measured: at least a minute in all.
            // On two busy cores the runtime's background compiler (each hot method is compiled
            // again, optimised from how it ran) was still taking 12 to 15% of the application's CPU
            // half a minute into a run after a round of 20 s, and none after a round of two minutes.
            var round = Math.Max(o.Warmup, (int)Math.Ceiling(WarmupRoundSeconds / (double)chosen.Count));
            Console.WriteLine($"Warming up: every scenario for {round} s");
            foreach (var s in chosen)
                _ = s.Live ? await RunMessaging(s, rig!, o with { Warmup = 0, Seconds = round }, database)
                    : await RunScenario(s, s.Clients ?? clients, o with { Warmup = 0, Seconds = round }, database);
        }
        var results = new List<ScenarioResult>();
        var before = pgbench?.Tps;
        foreach (var s in chosen)
        {
            Console.WriteLine(s.Live
                ? $"Running '{s.Title}' for {o.Warmup} s warm-up + {o.Seconds} s with {rig!.Pages.Count} live pages and {o.MessagesPerSecond:0.#} messages a second"
                : $"Running '{s.Title}' for {o.Warmup} s warm-up + {o.Seconds} s with {o.Clients} clients");
            var result = s.Live ? await RunMessaging(s, rig!, o, database) : await RunScenario(s, s.Clients ?? clients, o, database);
            // The machine's pace drifts between runs and within one (other tenants of the host): each
            // page is set against pgbench -S measured just before and just after it, not minutes away.
            // A delivery time has no share of pgbench's throughput, so messaging is not set against it.
            if (!s.Live && o.PgbenchBin is { } again && before is { } b)
            {
                var after = await Pgbench.RunAsync(again, o.Connection, o.PgbenchDatabase, o.Clients, 0, Math.Max(10, o.Seconds / 2), o.AppPid);
                result = result with { PgbenchBeside = (b + after.Tps) / 2 };
                before = after.Tps;
            }
            results.Add(result);
        }
        var peak = o.AppPid is { } pid ? ProcessStats.PeakResidentBytes(pid) : null;

        string? serverVersion;
        await using (var cmd = db.CreateCommand("SHOW server_version")) serverVersion = (string?)await cmd.ExecuteScalarAsync();
        LoadSummary? load = null;
        if (o.LoadSummaryPath is { } path && File.Exists(path))
            load = JsonSerializer.Deserialize<LoadSummary>(await File.ReadAllTextAsync(path));

        var table = Report.Render(o, load, pgbench, results, peak, serverVersion, teams.Take(o.Clients).Select(t => t.Id).Distinct().Count(), rig?.Setup);
        Console.WriteLine();
        Console.Write(table);
        if (o.OutPath is { } outPath)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            await File.WriteAllTextAsync(outPath, table);
            Console.WriteLine($"Written to {outPath}");
        }
        foreach (var c in clients.Concat(supervisors ?? []).Concat(administrator ?? [])) c.Http.Dispose();
        // A scenario of one request has no separate parts: its errors are in its total.
        return results.Sum(r => r.Parts.Length == 0 ? r.Total.Errors : r.Parts.Sum(p => p.Errors)) == 0 ? 0 : 3;
    }

    // ---- Set-up: teams, practitioners and people from the loaded data ----

    private static async Task<List<TeamPick>> PickTeams(NpgsqlDataSource db, int clients)
    {
        var all = new List<TeamPick>();
        await using (var cmd = db.CreateCommand(
            """
            SELECT t.id, t.site_id, s.name || ', ' || t.name,
                   (SELECT count(*) FROM persons p WHERE p.care_team_id = t.id),
                   ARRAY(SELECT u.email FROM user_accounts u WHERE u.team_id = t.id AND u.role = 1 AND u.is_active ORDER BY u.email)
            FROM teams t JOIN sites s ON s.id = t.site_id
            ORDER BY t.id
            """))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                all.Add(new TeamPick(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), reader.GetFieldValue<string[]>(4)));
        }
        var usable = all.Where(t => t.People >= 20 && t.Practitioners.Length > 0).ToList();
        if (usable.Count == 0) throw new BenchException("No team has people and practitioners: load the data first (bench/run.sh does)");
        // Spread over the teams (large and small alike), each client in a different team while there are enough.
        var n = Math.Min(clients, usable.Count);
        return Enumerable.Range(0, n).Select(i => usable[(int)((long)i * usable.Count / n)]).ToList();
    }

    private static async Task<Sample[]> SamplePeople(NpgsqlDataSource db, Guid team)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var seed = new NpgsqlCommand("SELECT setseed(0.42)", conn)) await seed.ExecuteNonQueryAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT id, nhs_number, given_name, family_name, date_of_birth FROM persons WHERE care_team_id = $1 ORDER BY random() LIMIT 2000", conn);
        cmd.Parameters.Add(new() { Value = team });
        var list = new List<Sample>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            list.Add(new Sample(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateOnly>(4)));
        return [.. list];
    }

    /// <summary>Up to 2,000 people of the team with a safety plan, in a repeatable order.</summary>
    private static async Task<Guid[]> SamplePlans(NpgsqlDataSource db, Guid team)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var seed = new NpgsqlCommand("SELECT setseed(0.42)", conn)) await seed.ExecuteNonQueryAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT p.id FROM persons p JOIN safety_plans s ON s.person_id = p.id WHERE p.care_team_id = $1 ORDER BY random() LIMIT 2000", conn);
        cmd.Parameters.Add(new() { Value = team });
        var list = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.GetGuid(0));
        return [.. list];
    }

    /// <summary>
    /// Up to 2,000 people of the team with a care pathway, in a repeatable order, each with whether a
    /// session of theirs took place (then the page must draw the chart).
    /// </summary>
    private static async Task<PathwayPick[]> SamplePathways(NpgsqlDataSource db, Guid team)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var seed = new NpgsqlCommand("SELECT setseed(0.42)", conn)) await seed.ExecuteNonQueryAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT p.id, EXISTS (SELECT 1 FROM care_sessions s WHERE s.person_id = p.id AND s.outcome = 1)
            FROM persons p
            WHERE p.care_team_id = $1 AND EXISTS (SELECT 1 FROM pathways w WHERE w.person_id = p.id)
            ORDER BY random() LIMIT 2000
            """, conn);
        cmd.Parameters.Add(new() { Value = team });
        var list = new List<PathwayPick>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(new PathwayPick(reader.GetGuid(0), reader.GetBoolean(1)));
        return [.. list];
    }

    private static HttpClient NewHttpClient(Uri baseUri, CookieContainer? cookies = null) => new(new SocketsHttpHandler
    {
        UseCookies = true,
        CookieContainer = cookies ?? new CookieContainer(),
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = 1,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { { "User-Agent", "Aftercare.Bench" } },
    };

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex AntiforgeryToken();

    private static string Token(string html) =>
        AntiforgeryToken().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new BenchException("No antiforgery token on the page");

    /// <param name="home">The page that shows who is signed in: a person's own pages start at /my.</param>
    private static async Task SignIn(HttpClient http, string email, string home = "/")
    {
        using var form = await http.GetAsync("/account/sign-in");
        if (form.StatusCode != HttpStatusCode.OK) throw new BenchException($"The sign-in page answered {(int)form.StatusCode}");
        var token = Token(await form.Content.ReadAsStringAsync());
        using var post = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.Password"] = Loader.StaffPassword,
            ["__RequestVerificationToken"] = token,
        }));
        if (post.StatusCode != HttpStatusCode.Redirect || post.Headers.Location?.OriginalString != "/")
            throw new BenchException($"Signing in as {email} answered {(int)post.StatusCode} {post.Headers.Location}; is demo mode on and the data loaded?");
        using var page = await http.GetAsync(home);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK || !html.Contains("signed-in-as", StringComparison.Ordinal))
            throw new BenchException($"After signing in as {email} {home} answered {(int)page.StatusCode}; the second factor may still be asked for");
    }

    /// <summary>Makes sure the pages show what they should before anything is timed.</summary>
    private static async Task SanityCheck(Client c, bool plans, bool work)
    {
        if (work)
        {
            if (WorkPageWrong(System.Text.Encoding.UTF8.GetBytes(await c.Http.GetStringAsync("/work"))) is { } wrong)
                throw new BenchException($"My work for {c.Email}: {wrong}");
            if (TeamWorkPageWrong(System.Text.Encoding.UTF8.GetBytes(await c.Http.GetStringAsync($"/teams/{c.TeamId}/work"))) is { } teamWrong)
                throw new BenchException($"The team worklist of {c.TeamName} for {c.Email}: {teamWrong}");
            // One with a session that took place, so the chart is checked too, when the sample has one.
            var pick = c.PathwayPeople.FirstOrDefault(p => p.Attended) ?? c.PathwayPeople[0];
            if (PathwayPageWrong(System.Text.Encoding.UTF8.GetBytes(await c.Http.GetStringAsync($"/persons/{pick.Id}/pathway")), pick) is { } pathwayWrong)
                throw new BenchException($"The care pathway page of {pick.Id}: {pathwayWrong}");
        }
        var p = c.PersonWithNhs();
        if (p.Nhs is not null)
        {
            var found = await c.Http.GetStringAsync($"/persons?Nhs={p.Nhs}");
            if (!found.Contains($"/persons/{p.Id}", StringComparison.Ordinal))
                throw new BenchException($"Searching for NHS number {p.Nhs} did not find person {p.Id}");
        }
        var record = await c.Http.GetStringAsync($"/persons/{p.Id}");
        if (!record.Contains($"/persons/{p.Id}/presentations/new", StringComparison.Ordinal) || !record.Contains("data-testid=\"timeline\"", StringComparison.Ordinal))
            throw new BenchException($"The record page of {p.Id} does not show the person's timeline");
        if (!plans) return;
        var id = c.PersonWithPlan();
        var plan = await c.Http.GetStringAsync($"/persons/{id}/safety-plan");
        if (!plan.Contains(PlanMarker, StringComparison.Ordinal) || !plan.Contains("data-testid=\"plan-version\"", StringComparison.Ordinal))
            throw new BenchException($"The safety plan page of {id} does not show the plan");
        var editor = await c.Http.GetStringAsync($"/persons/{id}/safety-plan/edit");
        if (BasedOnVersion(editor) < 1 || PlanFields(editor).Count(f => f.Key.EndsWith(".Text", StringComparison.Ordinal) && f.Value.Length > 0) < 14)
            throw new BenchException($"The safety plan editor of {id} does not hold the plan");
    }

    // ---- Scenarios ----

    /// <summary>
    /// Sends a request and times it. It succeeds when it answers <paramref name="expected"/> and
    /// <paramref name="check"/> (given the response and its body) finds nothing wrong; the body is
    /// returned as text when <paramref name="wantBody"/>, and null means it failed.
    /// </summary>
    private static async Task<string?> Send(Client c, Window w, string metric, HttpRequestMessage request, HttpStatusCode expected, bool wantBody = false,
        Func<HttpResponseMessage, byte[], string?>? check = null)
    {
        var started = Stopwatch.GetTimestamp();
        var finished = started;
        string? body = null, error = null;
        bool ok;
        try
        {
            // The whole response is read before the clock stops.
            using var response = await c.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            finished = Stopwatch.GetTimestamp();
            ok = response.StatusCode == expected;
            if (!ok) error = $"{(int)response.StatusCode} from {request.Method} {request.RequestUri}{await WhatWentWrong(response)}";
            else
            {
                var bytes = check is null && !wantBody ? [] : await response.Content.ReadAsByteArrayAsync();
                if (check?.Invoke(response, bytes) is { } wrong)
                {
                    ok = false;
                    error = $"{wrong}, from {request.Method} {request.RequestUri}";
                }
                else if (wantBody) body = System.Text.Encoding.UTF8.GetString(bytes);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            finished = Stopwatch.GetTimestamp();
            ok = false;
            error = $"{e.GetType().Name} from {request.Method} {request.RequestUri}: {e.Message}";
        }
        finally
        {
            request.Dispose();
        }
        w.Record(c, metric, started, finished, ok, error);
        return ok ? body ?? "" : null;
    }

    /// <summary>What a page answered instead of the redirect after a save: a merge (someone else saved first) or a refusal.</summary>
    private static async Task<string> WhatWentWrong(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK) return response.Headers.Location is { } to ? " to " + to : "";
        var html = await response.Content.ReadAsStringAsync();
        return html.Contains("data-testid=\"merge\"", StringComparison.Ordinal) ? " showing a merge: someone else saved the plan first"
            : html.Contains("nhsuk-error-summary", StringComparison.Ordinal) ? " showing an error summary"
            : "";
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static Task Baseline(Client c, Window w) => Send(c, w, "baseline", Get("/css/app.css"), HttpStatusCode.OK);

    private static Task Search(Client c, Window w)
    {
        var step = c.Step++ % 3;
        if (step == 0)
        {
            var p = c.AnyPerson();
            return Send(c, w, "search:name+dob",
                Get($"/persons?Name={Uri.EscapeDataString(p.Family)}&Dob.Day={p.Dob.Day}&Dob.Month={p.Dob.Month}&Dob.Year={p.Dob.Year}"), HttpStatusCode.OK);
        }
        if (step == 1)
        {
            var p = c.PersonWithNhs();
            return p.Nhs is null
                ? Send(c, w, "search:name", Get($"/persons?Name={Uri.EscapeDataString(p.Given + " " + p.Family)}"), HttpStatusCode.OK)
                : Send(c, w, "search:nhs", Get($"/persons?Nhs={p.Nhs}"), HttpStatusCode.OK);
        }
        var q = c.AnyPerson();
        return Send(c, w, "search:name", Get($"/persons?Name={Uri.EscapeDataString(q.Given + " " + q.Family)}"), HttpStatusCode.OK);
    }

    private static Task Record(Client c, Window w) => Send(c, w, "record", Get($"/persons/{c.AnyPerson().Id}"), HttpStatusCode.OK);

    private static async Task RecordPresentation(Client c, Window w)
    {
        var p = c.AnyPerson();
        var form = await Send(c, w, "presentation:form", Get($"/persons/{p.Id}/presentations/new"), HttpStatusCode.OK, wantBody: true);
        if (form is null) return;
        var arrived = Aftercare.Domain.Common.UkTime.ToLocal(DateTimeOffset.UtcNow).AddMinutes(-10 - c.Random.Next(120));
        var details = c.Data.Presentation(DateTimeOffset.UtcNow);
        var post = new HttpRequestMessage(HttpMethod.Post, $"/persons/{p.Id}/presentations/new")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(form),
                ["Form.SiteId"] = c.SiteId.ToString(),
                ["Form.ArrivedDate.Day"] = arrived.Day.ToString(CultureInfo.InvariantCulture),
                ["Form.ArrivedDate.Month"] = arrived.Month.ToString(CultureInfo.InvariantCulture),
                ["Form.ArrivedDate.Year"] = arrived.Year.ToString(CultureInfo.InvariantCulture),
                ["Form.ArrivedTime"] = arrived.ToString("HH:mm", CultureInfo.InvariantCulture),
                ["Form.AccountInOwnWords"] = details.AccountInOwnWords,
                ["Form.IntentInOwnWords"] = details.IntentInOwnWords ?? "",
                ["Form.Method"] = details.Method.ToString(),
                ["Form.PhysicalTreatment"] = details.PhysicalTreatment ?? "",
            }),
        };
        await Send(c, w, "presentation:save", post, HttpStatusCode.Redirect);
    }

    private const string PlanMarker = "data-testid=\"plan\"";
    private static readonly byte[] PlanMarkerUtf8 = System.Text.Encoding.UTF8.GetBytes(PlanMarker);

    private static Task Plan(Client c, Window w) =>
        Send(c, w, "plan", Get($"/persons/{c.PersonWithPlan()}/safety-plan"), HttpStatusCode.OK,
            check: (_, body) => body.AsSpan().IndexOf(PlanMarkerUtf8) < 0 ? "The page does not show the plan" : null);

    /// <summary>
    /// The editor: GET the plan in the form, change one entry's words, and POST the whole form back;
    /// a save answers with a redirect to the plan. Each client saves only its own share of the
    /// plans, so a save never meets another client's and never needs a merge.
    /// </summary>
    private static async Task SavePlan(Client c, Window w)
    {
        var id = c.OwnPlan();
        var address = $"/persons/{id}/safety-plan/edit";
        var form = await Send(c, w, "plan-save:form", Get(address), HttpStatusCode.OK, wantBody: true);
        if (form is null) return;
        var fields = PlanFields(form);
        var entries = fields.Select((f, i) => (f, i)).Where(x => x.f.Key.EndsWith(".Text", StringComparison.Ordinal) && x.f.Value.Length > 0).ToArray();
        if (entries.Length == 0)
        {
            w.Record(c, "plan-save:save", Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp(), false, $"The editor of {id} holds no plan");
            return;
        }
        var (field, index) = entries[c.Random.Next(entries.Length)];
        var section = Enum.Parse<Aftercare.Domain.SafetyPlans.SafetyPlanSection>(field.Key["Form.".Length..field.Key.IndexOf('[', StringComparison.Ordinal)]);
        fields[index] = new(field.Key, c.Plans.OtherText(section, field.Value));
        fields.Add(new("Form.BasedOnVersion", BasedOnVersion(form).ToString(CultureInfo.InvariantCulture)));
        fields.Add(new("__RequestVerificationToken", Token(form)));
        var plan = $"/persons/{id}/safety-plan";
        await Send(c, w, "plan-save:save", new HttpRequestMessage(HttpMethod.Post, address) { Content = new FormUrlEncodedContent(fields) },
            HttpStatusCode.Redirect, check: (response, _) => response.Headers.Location?.OriginalString == plan ? null : $"Redirected to {response.Headers.Location}, not the plan");
    }

    private static Task PlanPdf(Client c, Window w) =>
        Send(c, w, "plan-pdf", Get($"/persons/{c.PersonWithPlan()}/safety-plan/pdf"), HttpStatusCode.OK,
            check: (response, body) =>
                response.Content.Headers.ContentType?.MediaType != "application/pdf" ? $"Content type {response.Content.Headers.ContentType}, not application/pdf"
                : body.Length < 5 || !body.AsSpan(0, 5).SequenceEqual("%PDF-"u8) ? "The body is not a PDF"
                : null);

    private static readonly byte[] MyWorkHeading = "<h1>My work</h1>"u8.ToArray();
    private static readonly byte[] WorkItemMarker = "data-testid=\"work-item\""u8.ToArray();
    private static readonly byte[] NothingDueMarker = "data-testid=\"nothing-due\""u8.ToArray();
    private static readonly byte[] TeamWorkHeading = "<h1>Team work"u8.ToArray();
    private static readonly byte[] TeamTotalMarker = "data-testid=\"total\""u8.ToArray();
    private static readonly byte[] ContactsMarker = "data-testid=\"contacts\""u8.ToArray();
    private static readonly byte[] ChartMarker = "data-testid=\"progress-chart\""u8.ToArray();

    /// <summary>"My work" must have its heading and either what is due or the line saying nothing is.</summary>
    private static string? WorkPageWrong(byte[] body) =>
        body.AsSpan().IndexOf(MyWorkHeading) < 0 ? "the page has no 'My work' heading"
        : body.AsSpan().IndexOf(WorkItemMarker) < 0 && body.AsSpan().IndexOf(NothingDueMarker) < 0 ? "the page shows neither work nor 'nothing due'"
        : null;

    private static string? TeamWorkPageWrong(byte[] body) =>
        body.AsSpan().IndexOf(TeamWorkHeading) < 0 ? "the page has no 'Team work' heading"
        : body.AsSpan().IndexOf(TeamTotalMarker) < 0 ? "the page does not say how many contacts are open"
        : null;

    private static string? PathwayPageWrong(byte[] body, PathwayPick pick) =>
        body.AsSpan().IndexOf(ContactsMarker) < 0 ? "the page does not show the planned contacts"
        : pick.Attended && body.AsSpan().IndexOf(ChartMarker) < 0 ? "the page does not draw the progress chart of a person whose sessions took place"
        : null;

    private static Task MyWork(Client c, Window w) =>
        Send(c, w, "work", Get("/work"), HttpStatusCode.OK, check: (_, body) => WorkPageWrong(body));

    /// <summary>The team's worklist, first page, as the client's practitioner: a team's practitioners may read it.</summary>
    private static Task TeamWork(Client c, Window w) =>
        Send(c, w, "team-work", Get($"/teams/{c.TeamId}/work"), HttpStatusCode.OK, check: (_, body) => TeamWorkPageWrong(body));

    private static Task PersonPathway(Client c, Window w)
    {
        var pick = c.PersonWithPathway();
        return Send(c, w, "pathway", Get($"/persons/{pick.Id}/pathway"), HttpStatusCode.OK, check: (_, body) => PathwayPageWrong(body, pick));
    }

    [GeneratedRegex("""<input[^>]*name="Form\.BasedOnVersion"[^>]*value="(\d+)"[^>]*>""")]
    private static partial Regex BasedOnVersionInput();

    [GeneratedRegex("""<textarea[^>]*\sname="(Form\.\w+\[\d+\]\.Text)"[^>]*>(.*?)</textarea>|<input[^>]*\sname="(Form\.\w+\[\d+\]\.(?:Phone|Hours))"[^>]*>""",
        RegexOptions.Singleline)]
    private static partial Regex PlanEntryField();

    [GeneratedRegex(@"\svalue=""([^""]*)""")]
    private static partial Regex ValueAttribute();

    private static int BasedOnVersion(string html) =>
        BasedOnVersionInput().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    /// <summary>Every entry field of the plan editor as the browser would post it, in page order (the blank line at the end of each section too).</summary>
    private static List<KeyValuePair<string, string>> PlanFields(string html)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match m in PlanEntryField().Matches(html))
        {
            if (m.Groups[1].Success)
            {
                // A textarea's first newline is not part of its value.
                var text = WebUtility.HtmlDecode(m.Groups[2].Value);
                fields.Add(new(m.Groups[1].Value, text.StartsWith('\n') ? text[1..] : text));
            }
            else
            {
                var value = ValueAttribute().Match(m.Value);
                fields.Add(new(m.Groups[3].Value, value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : ""));
            }
        }
        return fields;
    }

    // ---- Running a scenario and summarising it ----

    public sealed record PartResult(string Metric, string Label, long Requests, long Errors, double PerSecond, double P50, double P95, double P99, string? FirstError);

    /// <param name="FirstPartCounts">Total is the first part (the saves), which a GET of the form precedes each time.</param>
    /// <param name="MessagesSent">For a messaging scenario, the messages sent: its CPU is shown per message, whatever its figure counts.</param>
    public sealed record ScenarioResult(string Name, string Title, double Seconds, PartResult Total, PartResult[] Parts, CpuUse Cpu, bool FirstPartCounts,
        long? MessagesSent = null)
    {
        /// <summary>pgbench -S TPS beside this scenario: the mean of the runs just before and just after it.</summary>
        public double? PgbenchBeside { get; init; }
    }

    /// <summary>CPU seconds used in a measured window, and the shares of the machine busy in all and busy with other processes.</summary>
    public sealed record CpuUse(double AppSeconds, double DbSeconds, double ClientSeconds, double MachineBusy, double Others, double WallSeconds);

    private static async Task<ScenarioResult> RunScenario(Scenario s, List<Client> clients, DriveOptions o, string database)
    {
        foreach (var c in clients) c.Metrics.Clear();
        var now = Stopwatch.GetTimestamp();
        var window = new Window(now + o.Warmup * Stopwatch.Frequency, now + (o.Warmup + o.Seconds) * Stopwatch.Frequency);

        ProcessStats.Snapshot? cpuAtStart = null;
        var probe = Task.Run(async () =>
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), window.Start);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            cpuAtStart = ProcessStats.Sample(o.AppPid, database);
        });
        await Task.WhenAll(clients.Select(async c =>
        {
            while (Stopwatch.GetTimestamp() < window.End) await s.Step(c, window);
        }));
        await probe;
        var cpuAtEnd = ProcessStats.Sample(o.AppPid, database);
        var cpu = ProcessStats.Between(cpuAtStart!, cpuAtEnd);

        var seconds = (double)(window.End - window.Start) / Stopwatch.Frequency;
        var parts = s.Parts.Select(p => Summarise(p.Metric, p.Label, clients.Select(c => c.Metrics.GetValueOrDefault(p.Metric)), seconds)).ToArray();
        // A save's scenario counts its first part, the saves; a search's counts all its kinds together.
        var total = s.Parts.Length == 1
            ? parts[0]
            : s.FirstPartCounts
                ? parts[0] with { Metric = s.Name, Label = s.Title }
                : Summarise(s.Name, s.Title, clients.SelectMany(c => s.Parts.Select(p => c.Metrics.GetValueOrDefault(p.Metric))), seconds);
        return new ScenarioResult(s.Name, s.Title, seconds, total, s.Parts.Length == 1 ? [] : parts, cpu, s.FirstPartCounts);
    }

    private static PartResult Summarise(string metric, string label, IEnumerable<Metric?> metrics, double seconds)
    {
        var present = metrics.OfType<Metric>().ToList();
        var latencies = present.SelectMany(m => m.Latencies).ToArray();
        Array.Sort(latencies);
        var errors = present.Sum(m => m.Errors);
        return new PartResult(metric, label, latencies.Length + errors, errors, latencies.Length / seconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), present.Select(m => m.FirstError).FirstOrDefault(e => e is not null));
    }

    /// <summary>Nearest rank: the smallest latency at or above which the given share of requests fall.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
