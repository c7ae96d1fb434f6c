using Aftercare.Domain.Dashboards;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Dashboards;
using Aftercare.Web.Jobs;
using Aftercare.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Dashboards;

/// <summary>
/// Every figure of a team's dashboard, against a small data set whose answers are worked out by
/// hand in the comments (hazard H57), on a database of its own so nothing else is counted.
/// </summary>
public sealed class DashboardFigureTests(AftercareFactory app) : IClassFixture<AftercareFactory>
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    private static string Text(IParentNode page, string selector) =>
        (page.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"Nothing matches {selector}")).TextContent.Trim();

    private static IElement Figure(IParentNode page, string figure) => page.QuerySelector($"[data-testid=figure-{figure}]")!;

    private static string Share(IElement row) =>
        row.QuerySelector("[data-testid=share]")!.TextContent.Replace(row.QuerySelector(".nhsuk-table-responsive__heading")?.TextContent ?? "", "").Trim();

    private static IElement Group(IParentNode page, string figure, string group) =>
        page.QuerySelector($"[data-testid=breakdown][data-figure={figure}] [data-testid=group][data-group='{group}']")
        ?? throw new Xunit.Sdk.XunitException($"No group {group} in {figure}");

    private static long Part(IParentNode page, string table, string label) =>
        long.Parse((page.QuerySelectorAll($"[data-testid={table}] [data-testid=part]").SingleOrDefault(r => r.GetAttribute("data-label") == label)
            ?? throw new Xunit.Sdk.XunitException($"No {label} in {table}")).QuerySelector("[data-testid=count]")!.TextContent
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Last());

    private async Task RebuildNow()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<DashboardRollups>().RebuildAll(app.Clock.GetUtcNow(), CancellationToken.None);
    }

    [Fact]
    public async Task TheTeamDashboard_ShowsEveryFigure_AsWorkedOutByHand_WithSmallNumbersHidden()
    {
        var team = await app.NewTeam();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, team);
        var rows = new DashboardRows(app, team);
        var talking = await app.NewReceivingService();
        var crisis = await app.NewReceivingService();

        // Three kinds of person. F: female, born 1 June 2003 (22 in October 2025: 18 to 24), White
        // British, Leeds (LS). M: male, born 15 January 1995 (30: 25 to 34), ethnicity not stated, no
        // postcode. O: male, born 3 March 1950 (75: 65 and over), Z, no postcode.
        var f = new List<Guid>();
        for (var i = 0; i < 11; i++) f.Add(await rows.Person(Sex.Female, new DateOnly(2003, 6, 1), "A", "LS6 2AB"));
        var m = new List<Guid>();
        for (var i = 0; i < 10; i++) m.Add(await rows.Person(Sex.Male, new DateOnly(1995, 1, 15), null, null));
        var o = await rows.Person(Sex.Male, new DateOnly(1950, 3, 3), "Z", null);

        // 1. Follow-up. 22 pathways start in October 2025; hours from start to the check-in call:
        var start = Utc(2025, 10, 6, 10);
        var pf = new List<Guid>
        {
            await rows.Pathway(f[0], start, start.AddHours(2)),                            // F1   2h: within 12, in time
            await rows.Pathway(f[1], start, start.AddHours(12)),                           // F2  12h: within 12 (12:00 exactly), in time
            await rows.Pathway(f[2], start, start.AddHours(20)),                           // F3  20h: 12 to 24, in time
            await rows.Pathway(f[3], start, start.AddHours(48)),                           // F4  48:00 exactly: 24 to 48, in time
            await rows.Pathway(f[4], start, start.AddHours(48).AddMinutes(1)),             // F5  48:01: 48 to 72, late
            // Clocks go back at 02:00 BST on 26 October 2025. Started 09:00 BST on the 25th (08:00 UTC):
            await rows.Pathway(f[5], Utc(2025, 10, 25, 8), Utc(2025, 10, 27, 8)),          // F6  08:00 GMT on the 27th: 48 real hours (the wall clock says 47): in time, 24 to 48
            await rows.Pathway(f[6], Utc(2025, 10, 25, 8), Utc(2025, 10, 27, 9)),          // F7  09:00 GMT: 49 real hours (the wall clock says 48): late, 48 to 72
            await rows.Pathway(f[7], start, start.AddHours(80)),                           // F8  80h: more than 72, late
            await rows.Pathway(f[8], start, closedWithout: true),                          // F9  closed without: not done
            await rows.Pathway(f[9], start),                                               // F10 still open
            await rows.Pathway(f[10], start, start.AddHours(30)),                          // F11 30h: 24 to 48, in time
        };
        for (var i = 0; i < 8; i++) await rows.Pathway(m[i], start, start.AddHours(6));   // M1-M8 6h: within 12, in time
        await rows.Pathway(m[8], start, start.AddHours(60));                               // M9  60h: 48 to 72, late
        await rows.Pathway(m[9], start);                                                   // M10 still open
        await rows.Pathway(o, start, start.AddHours(1));                                   // O    1h: within 12, in time
        // In time: F1 F2 F3 F4 F6 F11 (6 of 11 women) + M1-M8 (8) + O (1) = 15 of 22 = 68.2%.
        // Bands: within 12 = F1 F2 M1-M8 O = 11; 12-24 = F3 = 1; 24-48 = F4 F6 F11 = 3; 48-72 = F5 F7 M9 = 3;
        // over 72 = F8 = 1; not done = F9 = 1; still open = F10 M10 = 2. (11+1+3+3+1+1+2 = 22.)
        // By sex: Female 6/11 = 54.5%, Male (M1-M10, O) 9/11 = 81.8%: gap 27.3 points.
        // By age: 18 to 24 is 6/11; 65 and over has 1 (fewer than 10: hidden); exactly one hidden and the
        // total shown, so the next smallest, 25 to 34 (10), is hidden too; one group left: no gap.

        // 2. Referrals sent in October 2025: ten to the talking therapies service, two to the crisis team.
        var sent = Utc(2025, 10, 8, 10);
        await rows.Referral(f[0], (talking.Id.Value, talking.Name), sent, accepted: true, seenAfterDays: 3);   // R1 accepted, seen day 3
        await rows.Referral(f[1], (talking.Id.Value, talking.Name), sent, accepted: true, seenAfterDays: 5);   // R2 accepted, seen day 5
        await rows.Referral(f[2], (talking.Id.Value, talking.Name), sent, accepted: true, seenAfterDays: 10);  // R3 accepted, seen day 10
        await rows.Referral(f[3], (talking.Id.Value, talking.Name), sent, accepted: true, seenAfterDays: 20);  // R4 accepted, seen day 20
        await rows.Referral(f[4], (talking.Id.Value, talking.Name), sent, accepted: true);                     // R5 accepted, not seen yet
        await rows.Referral(f[5], (talking.Id.Value, talking.Name), sent, declineReason: 10);                  // R6 declined, out of area
        await rows.Referral(f[6], (talking.Id.Value, talking.Name), sent, declineReason: 2, escalation: 3);    // R7 declined for risk (flagged), escalated, upheld
        await rows.Referral(f[7], (talking.Id.Value, talking.Name), sent, declineReason: 1);                   // R8 declined for self-harm (flagged), not escalated
        await rows.Referral(f[8], (talking.Id.Value, talking.Name), sent, declineReason: 4, escalation: 0);    // R9 declined for age (flagged), escalated, outcome awaited
        await rows.Referral(f[9], (talking.Id.Value, talking.Name), sent);                                     // R10 no answer yet
        await rows.Referral(m[0], (crisis.Id.Value, crisis.Name), sent, accepted: true, seenAfterDays: 1);     // R11 accepted, seen day 1
        await rows.Referral(m[1], (crisis.Id.Value, crisis.Name), sent, accepted: true, declineReason: 3, escalation: 1); // R12 declined for diagnosis (flagged), overturned, accepted
        // Accepted: R1-R5, R11, R12 = 7 of 12 = 58.3%. Declined 5, one for each of five reasons. Flagged 4:
        // not escalated 1 (R8), awaiting 1 (R9), upheld 1 (R7), overturned 1 (R12). Seen 5, on days 1 3 5 10 20:
        // median (3rd of 5) 5 days, 90th centile (5th of 5) 20 days. By service: the crisis team's 2 are hidden,
        // and so the talking therapies service's 10 are hidden too (or 2 = 12 - 10).

        // 3. Care sessions in October 2025: F1 missed (attends on 3 November), F2 missed (attends on 20 October),
        // F3 missed (no later session), F4-F10 attended, F11 cancelled. Two letters sent.
        await rows.Session(f[0], pf[0], Utc(2025, 10, 15, 10), 2);
        await rows.Session(f[0], pf[0], Utc(2025, 11, 3, 10), 1);
        await rows.Session(f[1], pf[1], Utc(2025, 10, 15, 10), 2);
        await rows.Session(f[1], pf[1], Utc(2025, 10, 20, 10), 1);
        await rows.Session(f[2], pf[2], Utc(2025, 10, 15, 10), 2);
        for (var i = 3; i < 10; i++) await rows.Session(f[i], pf[i], Utc(2025, 10, 16, 10), 1);
        await rows.Session(f[10], pf[10], Utc(2025, 10, 16, 10), 3);
        await rows.Letter(f[0], pf[0], Utc(2025, 10, 20, 9));
        await rows.Letter(f[1], pf[1], Utc(2025, 10, 20, 9));
        // October: attended F2 (20th) + F4-F10 = 8, missed 3, cancelled 1: 8 of 12 = 66.7%. Of the 3 missed,
        // F1 and F2 came back (2): fewer than 10 missed, so the page hides that share. Letters sent: 2.

        // 4. Presentations in October 2025 (13:00 BST on the 10th, the 12th and the 20th).
        for (var i = 0; i < 6; i++) await rows.Presentation(f[i], Utc(2025, 10, 10, 12));
        await rows.Presentation(f[0], Utc(2026, 10, 10, 12)); // F1 again on day 365: a repeat
        await rows.Presentation(f[1], Utc(2026, 10, 11, 12)); // F2 again on day 366: not a repeat
        await rows.Presentation(f[2], Utc(2025, 11, 1, 12));  // F3 again in November: a repeat
        for (var i = 0; i < 6; i++) await rows.Presentation(m[i], Utc(2025, 10, 12, 12));
        await rows.Presentation(m[0], Utc(2025, 10, 20, 12)); // M1 and M2 again within October: repeats, and
        await rows.Presentation(m[1], Utc(2025, 10, 20, 12)); // their second presentations count too
        // October: F1-F6 (6) + M1-M6 (6) + M1, M2 again (2) = 14; repeated: F1, F3, M1, M2 = 4 of 14 = 28.6%.

        await RebuildNow();
        var session = app.NewSession();
        await session.SignIn(supervisor);
        var url = $"/teams/{team.TeamId}/dashboard?from=2025-10&to=2025-10";
        var page = await session.GetPage(url + "&breakdown=sex");
        Assert.Equal("October 2025", Text(page, "[data-testid=period]"));
        Assert.Contains("Figures as of", Text(page, "[data-testid=as-of]"));

        // 1.
        var follow = Figure(page, "followup");
        Assert.Equal("15 of 22 (68.2%)", Text(follow, "[data-testid=headline]"));
        Assert.Equal(FigureRules.FollowUpDefinition, Text(follow, "[data-testid=definition]"));
        Assert.Equal(11, Part(page, "followup-bands", "Within 12 hours"));
        Assert.Equal(1, Part(page, "followup-bands", "12 to 24 hours"));
        Assert.Equal(3, Part(page, "followup-bands", "24 to 48 hours"));
        Assert.Equal(3, Part(page, "followup-bands", "48 to 72 hours"));
        Assert.Equal(1, Part(page, "followup-bands", "More than 72 hours"));
        Assert.Equal(1, Part(page, "followup-bands", "Not done (closed without)"));
        Assert.Equal(2, Part(page, "followup-bands", "Still open"));
        Assert.Equal("6 of 11 (54.5%)", Share(Group(page, Figures.FollowUp, "Female")));
        Assert.Equal("9 of 11 (81.8%)", Share(Group(page, Figures.FollowUp, "Male")));
        Assert.Equal("Gap 27.3 percentage points: highest Male (81.8%), lowest Female (54.5%).",
            Text(page, $"[data-testid=breakdown][data-figure={Figures.FollowUp}] [data-testid=gap]"));

        // 2.
        var referrals = Figure(page, "referrals");
        Assert.Equal("Accepted: 7 of 12 (58.3%)", Text(referrals, "[data-testid=headline]"));
        Assert.Contains("Of 5 seen by the service, the median time from sending to the first aftercare contact was 5 days and 9 in 10 were seen within 20 days",
            Text(referrals, "[data-testid=time-to-aftercare]"));
        foreach (var reason in new[] { DeclineReason.OutOfArea, DeclineReason.RiskOfSuicideOrSelfHarm, DeclineReason.SelfHarm, DeclineReason.Age, DeclineReason.Diagnosis })
            Assert.Equal(1, Part(page, "decline-reasons", DeclineReasons.Describe(reason) + (DeclineReasons.IsContraryToGuidance(reason) ? " (contrary to NICE NG225)" : "")));
        Assert.Equal(5, page.QuerySelectorAll("[data-testid=decline-reasons] [data-testid=part]").Length);
        Assert.Equal(1, Part(page, "flagged-outcomes", "Not escalated"));
        Assert.Equal(1, Part(page, "flagged-outcomes", "Escalated, outcome awaited"));
        Assert.Equal(1, Part(page, "flagged-outcomes", "The service upheld its decline"));
        Assert.Equal(1, Part(page, "flagged-outcomes", "The service overturned its decline"));
        var serviceRows = page.QuerySelectorAll("[data-testid=service-row]");
        Assert.Equal(2, serviceRows.Length);
        Assert.Equal("Fewer than 10", Share(serviceRows.Single(r => r.GetAttribute("data-group") == crisis.Name)));
        Assert.Equal("Hidden (see note)", Share(serviceRows.Single(r => r.GetAttribute("data-group") == talking.Name)));

        // 3.
        var delivery = Figure(page, "delivery");
        Assert.Equal("Attended: 8 of 12 (66.7%)", Text(delivery, "[data-testid=headline]"));
        Assert.Equal(8, Part(page, "sessions", "Attended"));
        Assert.Equal(3, Part(page, "sessions", "Missed"));
        Assert.Equal(1, Part(page, "sessions", "Cancelled"));
        Assert.EndsWith("Fewer than 10", Text(delivery, "[data-testid=re-engaged]"));
        Assert.EndsWith(": 2", Text(delivery, "[data-testid=letters]"));
        // The share is hidden; the count behind it is right (2 of the 3 missed came back).
        Assert.Equal(2, await Rollup(team, Figures.Delivery, "reengaged"));
        Assert.Equal(3, await Rollup(team, Figures.Delivery, "missed"));

        // 4.
        var repeat = Figure(page, "repeat");
        Assert.Equal("4 of 14 (28.6%)", Text(repeat, "[data-testid=headline]"));
        Assert.Null(repeat.QuerySelector("[data-testid=repeat-incomplete]")); // October 2025's 365 days have all passed

        // 5. Now: 22 pathways active, all with one practitioner; F10's and M10's check-in calls are overdue.
        Assert.Equal("22", Text(page, "[data-testid=now-people]"));
        Assert.Equal("2", Text(page, "[data-testid=now-overdue]"));
        // The team's only clinician account is its supervisor: no practitioner to supervise; no training recorded, so all to do.
        Assert.Equal("0 practitioners not supervised in the last 6 weeks; 1 clinician has training to do or due within 30 days; 0 have training overdue",
            Text(page, "[data-testid=now-development]"));

        // By age: one group too small, so the next smallest is hidden with it, and said so; no gap.
        var byAge = await session.GetPage(url + "&breakdown=age");
        Assert.Equal("6 of 11 (54.5%)", Share(Group(byAge, Figures.FollowUp, "18 to 24")));
        Assert.Equal("Hidden (see note)", Share(Group(byAge, Figures.FollowUp, "25 to 34")));
        Assert.Equal("Fewer than 10", Share(Group(byAge, Figures.FollowUp, "65 and over")));
        Assert.StartsWith("No gap can be shown", Text(byAge, $"[data-testid=breakdown][data-figure={Figures.FollowUp}] [data-testid=gap]"));
        Assert.NotNull(byAge.QuerySelector($"[data-testid=breakdown][data-figure={Figures.FollowUp}] [data-testid=secondary-note]"));
        // Area: LS 6/11, Not known 9/11.
        var byArea = await session.GetPage(url + "&breakdown=area");
        Assert.Equal("6 of 11 (54.5%)", Share(Group(byArea, Figures.FollowUp, "LS")));
        Assert.Equal("9 of 11 (81.8%)", Share(Group(byArea, Figures.FollowUp, "Not known")));

        // Every chart has a title and a text summary, and the page names nobody.
        var charts = page.QuerySelectorAll("svg[data-testid=chart]");
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.NotNull(c.QuerySelector("title")));
        Assert.All(charts, c => Assert.NotNull(c.GetAttribute("aria-describedby")));
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Dashboardperson", html);
        Assert.All(f.Concat(m), id => Assert.DoesNotContain(id.ToString(), html));

        // The CSV: the same figures, the same suppression.
        var csvResponse = await session.Get($"/teams/{team.TeamId}/dashboard.csv?from=2025-10&to=2025-10");
        Assert.Equal(System.Net.HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.StartsWith("text/csv", csvResponse.Content.Headers.ContentType!.ToString());
        var csv = (await csvResponse.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(DashboardCsv.Header, csv[0]);
        Assert.Contains("Follow-up within 48 hours,All,Everyone,15,22,68.2,", csv);
        Assert.Contains("Follow-up within 48 hours,Sex,Female,6,11,54.5,", csv);
        Assert.Contains("Follow-up within 48 hours,Age band,65 and over,,,,fewer than 10", csv);
        Assert.Contains("Follow-up within 48 hours,Age band,25 to 34,,,,hidden so a smaller group cannot be worked out", csv);
        Assert.Contains("Follow-up within 48 hours,Age band,18 to 24,6,11,54.5,", csv);
        Assert.Contains("Referrals accepted,All,Everyone,7,12,58.3,", csv);
        Assert.Contains($"\"Referrals accepted, by service\",Service,{crisis.Name},,,,fewer than 10", csv);
        Assert.Contains("Care sessions attended,All,Everyone,8,12,66.7,", csv);
        Assert.Contains("Repeat presentations within 12 months,All,Everyone,4,14,28.6,", csv);
        Assert.Contains("Hours to first follow-up,All,Within 12 hours,11,22,50.0,", csv);
        Assert.DoesNotContain(csv, line => line.Contains("Dashboardperson"));
    }

    [Fact]
    public async Task AnEventRecorded_ChangesTheFigure_OnceTheRefreshHasRun()
    {
        var team = await app.NewTeam();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, team);
        var rows = new DashboardRows(app, team);
        var runner = app.Services.GetRequiredService<DueWorkRunner>();
        async Task FireDueWork() { while (await runner.FireNext(CancellationToken.None)) { } }

        // Nine people followed up within the hour, this month (or last, just after midnight on the 1st).
        var now = app.Clock.GetUtcNow();
        for (var i = 0; i < 9; i++)
            await rows.Pathway(await rows.Person(Sex.Female, new DateOnly(1990, 1, 1), "A", "LS1 1AA"), now.AddHours(-2), now.AddHours(-1));
        await FireDueWork();
        var month = FigureRules.MonthOf(now);
        var url = $"/teams/{team.TeamId}/dashboard?from={Period.Key(month.AddMonths(-1))}&to={Period.Key(month)}";
        var session = app.NewSession();
        await session.SignIn(supervisor);
        var before = await session.GetPage(url);
        Assert.Equal("Fewer than 10", Text(Figure(before, "followup"), "[data-testid=headline]"));
        var stampBefore = Text(before, "[data-testid=as-of]");

        // A tenth: not on the dashboard until the refresh runs, and then it is.
        await rows.Pathway(await rows.Person(Sex.Female, new DateOnly(1990, 1, 1), "A", "LS1 1AA"), now.AddHours(-2), now.AddHours(-1));
        Assert.Equal("Fewer than 10", Text(Figure(await session.GetPage(url), "followup"), "[data-testid=headline]"));
        app.Clock.Advance(DashboardRollups.RefreshEvery + TimeSpan.FromMinutes(1));
        await FireDueWork();
        var after = await session.GetPage(url);
        Assert.Equal("10 of 10 (100%)", Text(Figure(after, "followup"), "[data-testid=headline]"));
        Assert.NotEqual(stampBefore, Text(after, "[data-testid=as-of]"));
        // One refresh waits for the next ten minutes, however often the runner looks.
        Assert.Equal(1, await app.WithDb(async db => await Task.FromResult(db.DueWork.Count(w => w.Kind == DueWorkKinds.DashboardRefresh && w.FiredAt == null))));
    }

    [Fact]
    public async Task ARefresh_RewritesOnlyTheCountsThatMoved_AndRemovesTheOnesNoLongerCounted()
    {
        var team = await app.NewTeam();
        var rows = new DashboardRows(app, team);
        var now = app.Clock.GetUtcNow();
        // Two people from Leeds and one from Manchester, followed up within the hour.
        var leeds1 = await rows.Person(Sex.Female, new DateOnly(1990, 1, 1), "A", "LS1 1AA");
        var leeds2 = await rows.Person(Sex.Female, new DateOnly(1990, 1, 1), "A", "LS2 2BB");
        var manchester = await rows.Person(Sex.Female, new DateOnly(1990, 1, 1), "A", "M1 1AA");
        foreach (var person in new[] { leeds1, leeds2, manchester }) await rows.Pathway(person, now.AddHours(-2), now.AddHours(-1));
        await RebuildNow();
        var first = await RollupRows(team);
        Assert.Equal(1, first[("area", "M", "started")].Value);

        // The Manchester address corrected to Leeds: "M" is no longer counted and goes; Leeds's
        // counts move; the counts by sex, age and ethnicity are as they were and are not rewritten.
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("UPDATE persons SET postcode = 'LS3 3CC' WHERE id = $1", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = manchester });
            await cmd.ExecuteNonQueryAsync();
        }
        await RebuildNow();
        var second = await RollupRows(team);

        Assert.DoesNotContain(second.Keys, k => k is ("area", "M", _));
        Assert.Equal(2, first[("area", "LS", "started")].Value);
        Assert.Equal(3, second[("area", "LS", "started")].Value);
        Assert.NotEqual(first[("area", "LS", "started")].Version, second[("area", "LS", "started")].Version);
        var unchanged = first.Where(r => r.Key.Dimension != "area").ToList();
        Assert.NotEmpty(unchanged);
        Assert.All(unchanged, r => Assert.Equal(r.Value, second[r.Key]));   // the same count, and the same row version
        Assert.Equal(first.Count - first.Keys.Count(k => k is ("area", "M", _)), second.Count);
    }

    // The team's rows in the rollups, each with its count and the row version (xmin) that a rewrite changes.
    private async Task<Dictionary<(string Dimension, string Group, string Measure), (int Value, string Version)>> RollupRows(TeamAtSite team)
    {
        var found = new Dictionary<(string, string, string), (int, string)>();
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT dimension, grp, measure, sum(value)::int, string_agg(xmin::text, ',' ORDER BY month, figure) FROM dashboard_rollups WHERE team_id = $1 GROUP BY 1, 2, 3", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = team.TeamId.Value });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = (reader.GetInt32(3), reader.GetString(4));
        return found;
    }

    private async Task<long> Rollup(TeamAtSite team, string figure, string measure)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT coalesce(sum(value), 0)::bigint FROM dashboard_rollups WHERE team_id = $1 AND figure = $2 AND dimension = 'all' AND measure = $3", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = team.TeamId.Value });
        cmd.Parameters.Add(new NpgsqlParameter { Value = figure });
        cmd.Parameters.Add(new NpgsqlParameter { Value = measure });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
