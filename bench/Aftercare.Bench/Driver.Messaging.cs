using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Aftercare.Domain.Messaging;
using Aftercare.Web.Tests.Infrastructure;
using Npgsql;

namespace Aftercare.Bench;

/// <summary>
/// The messaging scenarios (M11, M12). Practitioners have conversation pages open: each page is a
/// WebSocket to the hub (<c>/hubs/live</c>) with its practitioner's session cookie, joined to one
/// person's conversation, spoken to with the hub protocol client the tests use
/// (<see cref="LiveClient"/>, linked into this project). People write to their care team through the
/// real form (<c>POST /my/messages</c>, then the page it redirects to, as a browser does), at a
/// steady rate whatever the answers' speed; each person sends again only once their last message was
/// shown (or given up on), as someone waits to see their message go. The figure is the time from
/// starting the POST to the <c>message</c> event on the practitioner's page. In the crisis
/// scenario a share of the messages are ones the default crisis rules flag; its figure is the time
/// from the POST to the <c>alert</c> event on the page of the team's duty practitioner, who needs no
/// <c>Join</c> to get it. Whatever is not shown within <see cref="DeliveryTimeout"/> counts as not
/// delivered, an error.
/// </summary>
public static partial class Driver
{
    public static readonly string[] MessagingScenarios = ["messaging", "crisis"];
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What people write in the scenarios, none of it flagged by the default crisis rules (checked before the run).</summary>
    private static readonly string[] EverydayMessages =
    [
        "Had a better day today. Went for a walk with my sister and we got chips 🙂",
        "Can we move Thursday's session to the afternoon? I've got a college interview in the morning",
        "I tried the breathing exercise from my plan when I couldn't sleep. It sort of helped",
        "Work has been a lot this week but I'm doing ok, just wanted to let you know",
        "I read my reasons for living again this morning. Still true",
        "My GP rang about the new prescription, is it ok to start before we next meet?",
        "Went back to football on Sunday. Didn't score but didn't care ⚽",
    ];

    /// <summary>A message the default rules flag: means with a time (a plan), and a goodbye.</summary>
    public const string CrisisMessage = "I have all my pills here and I'm taking them tonight. goodbye";

    /// <summary>A practitioner's open conversation page: whose conversation it joined, and its connection.</summary>
    public sealed class LivePage(Guid person, Guid practitioner, string email, LiveClient live)
    {
        public Guid Person { get; } = person;
        public Guid Practitioner { get; } = practitioner;
        public string Email { get; } = email;
        public LiveClient Live { get; } = live;
    }

    /// <summary>A person writing to their care team from their own account, and the practitioner's page that shows their conversation.</summary>
    public sealed class Sender(Guid person, Guid team, string email, HttpClient http, string token, LivePage page)
    {
        public Guid Person { get; } = person;
        public Guid Team { get; } = team;
        public string Email { get; } = email;
        public HttpClient Http { get; } = http;
        public string Token { get; } = token;
        public LivePage Page { get; } = page;
    }

    public sealed record MessagingSetup(int Pages, int Practitioners, int Teams, int Senders, double MessagesPerSecond, double CrisisShare);

    /// <summary>The signed-in people, practitioners and their open pages the messaging scenarios share.</summary>
    public sealed class MessagingRig(MessagingSetup setup, List<Sender> senders, List<LivePage> pages, Dictionary<Guid, LivePage> dutyPages,
        List<HttpClient> sessions) : IAsyncDisposable
    {
        private long _number;
        public MessagingSetup Setup { get; } = setup;
        public List<Sender> Senders { get; } = senders;
        public List<LivePage> Pages { get; } = pages;
        /// <summary>For each team, a page of its duty practitioner: their alerts arrive on every page of theirs.</summary>
        public Dictionary<Guid, LivePage> DutyPages { get; } = dutyPages;
        public List<HttpClient> PractitionerSessions { get; } = sessions;

        /// <summary>A number no other message of this run has, so each message is known by its words.</summary>
        public long NextNumber() => Interlocked.Increment(ref _number);

        public async ValueTask DisposeAsync()
        {
            await Task.WhenAll(Pages.Select(p => p.Live.DisposeAsync().AsTask()));
            foreach (var s in Senders) s.Http.Dispose();
            foreach (var h in PractitionerSessions) h.Dispose();
        }
    }

    /// <summary>Latencies and errors from many tasks at once.</summary>
    private sealed class Tally
    {
        private readonly ConcurrentDictionary<string, Metric> _metrics = new();

        public Metric? Get(string metric) => _metrics.GetValueOrDefault(metric);

        public void Record(Window w, string metric, long started, long finished, bool ok, string? error)
        {
            if (started < w.Start || started >= w.End) return;
            var m = _metrics.GetOrAdd(metric, _ => new Metric());
            lock (m)
            {
                if (ok) m.Latencies.Add(Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds);
                else
                {
                    m.Errors++;
                    m.FirstError ??= error;
                }
            }
        }
    }

    private sealed record WriterRow(string Email, Guid Person, Guid Team);

    private sealed record PractitionerRow(Guid Id, string Email, Guid Team);

    /// <summary>
    /// Signs in the people who write and the practitioners whose pages are open, opens the pages and
    /// joins each to its conversation, and checks that a message reaches its page before anything is
    /// timed. Each team's first page is its duty practitioner's, so their alerts have a page to reach.
    /// </summary>
    private static async Task<MessagingRig> PrepareMessaging(NpgsqlDataSource db, Uri baseUri, DriveOptions o, bool crisis)
    {
        foreach (var text in EverydayMessages)
            if (CrisisRuleSet.Default.Assess(Numbered(text, 123456)).MayBeDanger)
                throw new BenchException($"The everyday message \"{text}\" is flagged by the crisis rules; choose other words");
        if (!CrisisRuleSet.Default.Assess(Numbered(CrisisMessage, 123456)).MayBeDanger)
            throw new BenchException($"The crisis message \"{CrisisMessage}\" is not flagged by the default crisis rules; choose words they flag");

        var writers = new List<WriterRow>();
        await using (var cmd = db.CreateCommand(
            """
            SELECT u.email, u.person_id, p.care_team_id FROM user_accounts u JOIN persons p ON p.id = u.person_id
            WHERE u.is_active AND u.email LIKE $1 AND EXISTS (SELECT 1 FROM pathways w WHERE w.person_id = p.id AND w.status = 1)
            ORDER BY length(u.email), u.email
            LIMIT $2
            """))
        {
            cmd.Parameters.Add(new() { Value = $"{Loader.PatientEmailPrefix}%@{Loader.StaffEmailDomain}" });
            cmd.Parameters.Add(new() { Value = o.Pages });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) writers.Add(new WriterRow(reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2)));
        }
        if (writers.Count < o.Pages)
            throw new BenchException($"Only {writers.Count} people can write to their team, not {o.Pages}: load the data again, or add them (bench/run.sh --reuse-data does)");
        var teams = writers.Select(w => w.Team).Distinct().ToArray();

        var practitioners = new List<PractitionerRow>();
        await using (var cmd = db.CreateCommand("SELECT id, email, team_id FROM user_accounts WHERE role = 1 AND is_active AND team_id = ANY($1) ORDER BY email"))
        {
            cmd.Parameters.Add(new() { Value = teams });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) practitioners.Add(new PractitionerRow(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2)));
        }
        var duty = await OnDuty(db, teams);
        if (crisis)
        {
            var mustLastUntil = DateTimeOffset.UtcNow.AddMinutes(60);
            foreach (var team in teams)
            {
                if (!duty.TryGetValue(team, out var d))
                    throw new BenchException($"Nobody is on duty in team {team}: arrange the duty again (bench/run.sh --reuse-data does)");
                if (d.Until < mustLastUntil)
                    throw new BenchException($"The duty in team {team} ends at {d.Until:HH:mm} UTC, before the run could: arrange it again (bench/run.sh --reuse-data does)");
            }
        }

        // Who has each page open: a practitioner of the person's team, the duty practitioner first, then the others in turn.
        var byTeam = practitioners.GroupBy(p => p.Team).ToDictionary(g => g.Key, g =>
        {
            var all = g.ToList();
            if (duty.TryGetValue(g.Key, out var d) && all.FindIndex(p => p.Id == d.Practitioner) is var at and > 0)
                all = [.. all.Skip(at), .. all.Take(at)];
            return all;
        });
        var opened = new Dictionary<Guid, int>();
        var owners = writers.Select(w =>
        {
            if (!byTeam.TryGetValue(w.Team, out var team) || team.Count == 0) throw new BenchException($"Team {w.Team} has no practitioner to read its messages");
            var k = opened[w.Team] = opened.GetValueOrDefault(w.Team) + 1;
            return team[(k - 1) % team.Count];
        }).ToList();

        var distinct = owners.DistinctBy(p => p.Id).ToList();
        Console.WriteLine($"Messaging: signing in {writers.Count} people and {distinct.Count} practitioners of {teams.Length} teams, and opening {writers.Count} live pages");
        var cookies = distinct.ToDictionary(p => p.Id, _ => new CookieContainer());
        var sessions = distinct.ToDictionary(p => p.Id, p => NewHttpClient(baseUri, cookies[p.Id]));
        var writerHttp = writers.Select(_ => NewHttpClient(baseUri)).ToList();
        var tokens = new string[writers.Count];
        // A few at a time: each sign-in hashes a password, on the same two cores.
        using var gate = new SemaphoreSlim(4);
        async Task Limited(Func<Task> work)
        {
            await gate.WaitAsync();
            try { await work(); }
            finally { gate.Release(); }
        }
        await Task.WhenAll(distinct.Select(p => Limited(() => SignIn(sessions[p.Id], p.Email))));
        await Task.WhenAll(writers.Select((w, i) => Limited(async () =>
        {
            await SignIn(writerHttp[i], w.Email, home: "/my");
            var page = await writerHttp[i].GetStringAsync("/my/messages");
            if (!page.Contains(MessageFormMarker, StringComparison.Ordinal))
                throw new BenchException($"The messages page of {w.Email} offers no form to write: is their care active?");
            tokens[i] = Token(page);
        })));

        var pages = new LivePage[writers.Count];
        await Task.WhenAll(writers.Select((w, i) => Limited(async () =>
        {
            var owner = owners[i];
            pages[i] = new LivePage(w.Person, owner.Id, owner.Email, await OpenLivePage(baseUri, cookies[owner.Id], owner.Email));
            var joined = await pages[i].Live.InvokeAsync("Join", w.Person);
            if (!joined.TryGetProperty("lastSequence", out _))
                throw new BenchException($"Joining the conversation of {w.Person} as {owner.Email} answered {joined}");
        })));
        var senders = writers.Select((w, i) => new Sender(w.Person, w.Team, w.Email, writerHttp[i], tokens[i], pages[i])).ToList();
        var dutyPages = new Dictionary<Guid, LivePage>();
        foreach (var team in teams)
            if (duty.TryGetValue(team, out var d) && pages.FirstOrDefault(p => p.Practitioner == d.Practitioner) is { } page) dutyPages[team] = page;
        var rig = new MessagingRig(new MessagingSetup(pages.Length, distinct.Count, teams.Length, senders.Count, o.MessagesPerSecond, o.CrisisShare),
            senders, [.. pages], dutyPages, [.. sessions.Values]);
        await MessagingSanityCheck(rig, crisis);
        return rig;
    }

    private sealed record Duty(Guid Practitioner, DateTimeOffset Until);

    /// <summary>Who is on duty now in each team (the shift that started last of those covering now), and until when.</summary>
    private static async Task<Dictionary<Guid, Duty>> OnDuty(NpgsqlDataSource db, Guid[] teams)
    {
        var duty = new Dictionary<Guid, Duty>();
        await using var cmd = db.CreateCommand(
            """
            SELECT DISTINCT ON (team_id) team_id, practitioner_id, least(ends_at, coalesce(ended_at, ends_at))
            FROM duty_shifts
            WHERE team_id = ANY($1) AND starts_at <= now() AND least(ends_at, coalesce(ended_at, ends_at)) > now()
            ORDER BY team_id, starts_at DESC, arranged_at DESC
            """);
        cmd.Parameters.Add(new() { Value = teams });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) duty[reader.GetGuid(0)] = new Duty(reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2));
        return duty;
    }

    /// <summary>A conversation page's live connection, as the browser opens it: a WebSocket straight to the hub, with the session cookie and the page's origin.</summary>
    private static async Task<LiveClient> OpenLivePage(Uri baseUri, CookieContainer cookies, string email)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookies.GetCookieHeader(baseUri));
        socket.Options.SetRequestHeader("Origin", baseUri.GetLeftPart(UriPartial.Authority));
        var hub = new UriBuilder(baseUri) { Scheme = baseUri.Scheme == "https" ? "wss" : "ws", Path = "/hubs/live" }.Uri;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(hub, timeout.Token);
            return await LiveClient.ConnectAsync(socket, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or LiveClientException)
        {
            socket.Dispose();
            throw new BenchException($"Opening a live page as {email} failed: {e.Message}");
        }
    }

    private const string MessageFormMarker = "data-testid=\"message-form\"";

    private static string Numbered(string text, long number) => string.Create(CultureInfo.InvariantCulture, $"{text} ({number})");

    /// <summary>One message, sent and shown, before anything is timed; with the crisis scenario, says whether alerts arrive yet.</summary>
    private static async Task MessagingSanityCheck(MessagingRig rig, bool crisis)
    {
        var window = new Window(long.MinValue, long.MinValue);
        var tally = new Tally();
        var outcome = await SendOne(rig, rig.Senders[0], crisis, window, tally, "check");
        if (outcome.Failed is { } failed) throw new BenchException($"Before timing, a message from {rig.Senders[0].Email}: {failed}");
        if (crisis && !outcome.Alerted)
            Console.WriteLine($"Note: no alert reached the duty practitioner's page within {DeliveryTimeout.TotalSeconds:0} s of a crisis message; the crisis scenario will count its alerts as not delivered");
    }

    /// <summary>How long a run waits for the application to catch up with the one before it.</summary>
    private static readonly TimeSpan SettleAtMost = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Waits until a message sent now reaches its page within the delivery time: a run that left
    /// messages queued in the application must not make the next one start behind.
    /// </summary>
    private static async Task Settle(MessagingRig rig)
    {
        var until = DateTimeOffset.UtcNow + SettleAtMost;
        var window = new Window(long.MinValue, long.MinValue);
        while (true)
        {
            var sender = rig.Senders[Random.Shared.Next(rig.Senders.Count)];
            var outcome = await SendOne(rig, sender, crisis: false, window, new Tally(), "settle");
            if (outcome.Failed is null) return;
            if (DateTimeOffset.UtcNow > until)
                throw new BenchException($"The application did not catch up within {SettleAtMost.TotalSeconds:0} s of the last run: {outcome.Failed}");
        }
    }

    private sealed record SendOutcome(string? Failed, bool Alerted);

    /// <summary>
    /// Sends one message from <paramref name="s"/> through the form as a browser does, then waits for
    /// it on the practitioner's page and, for a crisis message, for the alert on the duty
    /// practitioner's page. Metrics are named <paramref name="prefix"/>:post, :page, :message, :alert.
    /// </summary>
    private static async Task<SendOutcome> SendOne(MessagingRig rig, Sender s, bool crisis, Window w, Tally tally, string prefix)
    {
        var n = rig.NextNumber();
        var body = Numbered(crisis ? CrisisMessage : EverydayMessages[n % EverydayMessages.Length], n);
        var startedAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var post = new HttpRequestMessage(HttpMethod.Post, "/my/messages")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Body"] = body, ["__RequestVerificationToken"] = s.Token }),
        };
        // A message that may signal danger leads the person to the crisis help first; any other, to the conversation.
        var expected = crisis ? "/my/messages#help-now" : "/my/messages#latest";
        var posted = await Send(s.Http, w, tally, prefix + ":post", started, post, HttpStatusCode.Redirect,
            check: (response, _) => response.Headers.Location?.OriginalString == expected ? null : $"Redirected to {response.Headers.Location}, not {expected}");
        if (posted is not null) return new SendOutcome(posted, false);

        // The page the browser is sent back to, while the message travels to the practitioner's page.
        var shown = WaitFor(s.Page.Live, e => e.Target == "message" && Is(e, "personId", s.Person) && Text(e, "body") == body, startedAt);
        await Send(s.Http, w, tally, prefix + ":page", Stopwatch.GetTimestamp(), new HttpRequestMessage(HttpMethod.Get, "/my/messages"), HttpStatusCode.OK,
            check: (_, html) => System.Text.Encoding.UTF8.GetString(html).Contains(Numbered("", n), StringComparison.Ordinal) ? null : "The conversation does not show the message just sent");

        var message = await shown;
        var failed = message is null
            ? $"not shown on the practitioner's page ({s.Page.Email}) within {DeliveryTimeout.TotalSeconds:0} s{Closed(s.Page.Live)}"
            : null;
        tally.Record(w, prefix + ":message", started, message is null ? started : At(started, startedAt, message.ReceivedAt), message is not null, failed);
        if (!crisis) return new SendOutcome(failed, false);

        int? sequence = message is null ? null : message.Arguments[0].GetProperty("sequence").GetInt32();
        LiveEvent? alert = null;
        string? notAlerted;
        if (rig.DutyPages.TryGetValue(s.Team, out var duty))
        {
            alert = await WaitFor(duty.Live, e => e.Target == "alert" && Is(e, "personId", s.Person) && SameSequence(e, sequence), startedAt);
            notAlerted = alert is null ? $"no alert on the duty practitioner's page ({duty.Email}) within {DeliveryTimeout.TotalSeconds:0} s{Closed(duty.Live)}" : null;
        }
        else notAlerted = "the duty practitioner of the team has no page open";
        tally.Record(w, prefix + ":alert", started, alert is null ? started : At(started, startedAt, alert.ReceivedAt), alert is not null, notAlerted);
        return new SendOutcome(failed, alert is not null);
    }

    private static string Closed(LiveClient live) => live.ClosedBecause is { } why ? $" (its connection closed: {why})" : "";

    /// <summary>The stopwatch reading at <paramref name="at"/>, from the wall-clock and stopwatch readings taken together at the start.</summary>
    private static long At(long started, DateTimeOffset startedAt, DateTimeOffset at) =>
        started + (long)((at - startedAt).TotalSeconds * Stopwatch.Frequency);

    /// <summary>The first matching event received after <paramref name="since"/>, or null when none came within the delivery time.</summary>
    private static async Task<LiveEvent?> WaitFor(LiveClient live, Func<LiveEvent, bool> match, DateTimeOffset since)
    {
        // A closed connection would wake the wait at once, over and over: it will receive nothing more.
        if (live.ClosedBecause is not null) return live.Received.FirstOrDefault(e => e.ReceivedAt >= since && match(e));
        try { return await live.WaitForAsync(e => e.ReceivedAt >= since && match(e), since + DeliveryTimeout - DateTimeOffset.UtcNow); }
        catch (TimeoutException) { return null; }
    }

    private static JsonElement? Payload(LiveEvent e) => e.Arguments.Length > 0 && e.Arguments[0].ValueKind == JsonValueKind.Object ? e.Arguments[0] : null;

    private static bool Is(LiveEvent e, string property, Guid id) =>
        Payload(e) is { } p && p.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && Guid.TryParse(v.GetString(), out var g) && g == id;

    private static string? Text(LiveEvent e, string property) =>
        Payload(e) is { } p && p.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>An alert is for the message with this sequence; when that message's own event never came, any alert for the person after it was sent.</summary>
    private static bool SameSequence(LiveEvent e, int? sequence) =>
        sequence is not { } wanted || Payload(e) is not { } p || !p.TryGetProperty("messageSequence", out var v) || v.ValueKind != JsonValueKind.Number
        || v.GetInt32() == wanted;

    /// <summary>Sends a request and times it from <paramref name="started"/>; answers what was wrong, or null.</summary>
    private static async Task<string?> Send(HttpClient http, Window w, Tally tally, string metric, long started, HttpRequestMessage request, HttpStatusCode expected,
        Func<HttpResponseMessage, byte[], string?> check)
    {
        string? error = null;
        long finished;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            finished = Stopwatch.GetTimestamp();
            if (response.StatusCode != expected) error = $"{(int)response.StatusCode} from {request.Method} {request.RequestUri}{await WhatWentWrong(response)}";
            else if (check(response, await response.Content.ReadAsByteArrayAsync()) is { } wrong) error = $"{wrong}, from {request.Method} {request.RequestUri}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            finished = Stopwatch.GetTimestamp();
            error = $"{e.GetType().Name} from {request.Method} {request.RequestUri}: {e.Message}";
        }
        finally
        {
            request.Dispose();
        }
        tally.Record(w, metric, started, finished, error is null, error);
        return error;
    }

    /// <summary>
    /// Runs a messaging scenario: messages at a steady rate (open loop: the next is due at its time
    /// however long the last takes) from whoever is free to send, a share of them crisis messages,
    /// for the warm-up and then the measured time; then waits for the last ones to be shown or given up on.
    /// </summary>
    private static async Task<ScenarioResult> RunMessaging(Scenario s, MessagingRig rig, DriveOptions o, string database)
    {
        var crisisShare = s.Name == "crisis" ? o.CrisisShare : 0;
        // The practitioners' sessions are used by their pages only: a request now keeps them from going idle.
        await Task.WhenAll(rig.PractitionerSessions.Select(async h => { using var _ = await h.GetAsync("/"); }));
        await Settle(rig);
        var tally = new Tally();
        var now = Stopwatch.GetTimestamp();
        var window = new Window(now + o.Warmup * Stopwatch.Frequency, now + (o.Warmup + o.Seconds) * Stopwatch.Frequency);
        ProcessStats.Snapshot? cpuAtStart = null;
        var probe = Task.Run(async () =>
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), window.Start);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            cpuAtStart = ProcessStats.Sample(o.AppPid, database);
        });

        var order = new Random(42);
        var free = new ConcurrentQueue<Sender>(rig.Senders.OrderBy(_ => order.Next()));
        var sending = new List<Task>();
        var interval = Stopwatch.Frequency / o.MessagesPerSecond;
        for (long n = 0; ; n++)
        {
            var due = now + (long)(n * interval);
            if (due >= window.End) break;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var crisis = Math.Floor((n + 1) * crisisShare) > Math.Floor(n * crisisShare);
            if (!free.TryDequeue(out var sender))
            {
                tally.Record(window, s.Name + ":post", due, due, false, $"no one was free to send: all {rig.Senders.Count} were waiting for their last message to be shown");
                continue;
            }
            sending.Add(Task.Run(async () =>
            {
                try { await SendOne(rig, sender, crisis, window, tally, s.Name); }
                finally { free.Enqueue(sender); }
            }));
        }
        await probe;
        var cpuAtEnd = ProcessStats.Sample(o.AppPid, database);
        await Task.WhenAll(sending);
        var cpu = ProcessStats.Between(cpuAtStart!, cpuAtEnd);

        var seconds = (double)(window.End - window.Start) / Stopwatch.Frequency;
        var parts = s.Parts.Select(p => Summarise(p.Metric, p.Label, [tally.Get(p.Metric)], seconds)).ToArray();
        var posts = tally.Get(s.Name + ":post");
        return new ScenarioResult(s.Name, s.Title, seconds, parts[0] with { Metric = s.Name, Label = s.Title }, parts, cpu, FirstPartCounts: true,
            MessagesSent: posts is null ? 0 : posts.Latencies.Count);
    }
}
