using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Teams;

[Collection("web")]
public sealed class DutyAndCrisisRulesTests(AftercareFactory app)
{
    private sealed record Setup(TeamAtSite Team, StaffAccount Supervisor, StaffAccount Asha, StaffAccount Ben, WebSession Session)
    {
        public string Duty => $"/teams/{Team.TeamId}/duty";
        public string Rules => $"/teams/{Team.TeamId}/crisis-rules";
    }

    private async Task<Setup> Team(bool asSupervisor = true)
    {
        var team = await app.NewTeam();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, team);
        var asha = await app.NewStaff(StaffRole.Practitioner, team);
        var ben = await app.NewStaff(StaffRole.Practitioner, team);
        var session = app.NewSession();
        await session.SignIn(asSupervisor ? supervisor : asha);
        return new Setup(team, supervisor, asha, ben, session);
    }

    private static Dictionary<string, string?> When(string prefix, DateTime local, string time) => new()
    {
        [prefix + "Date.Day"] = local.Day.ToString(),
        [prefix + "Date.Month"] = local.Month.ToString(),
        [prefix + "Date.Year"] = local.Year.ToString(),
        [prefix + "Time"] = time,
    };

    private DateTime TomorrowUk() => UkTime.ToLocal(app.Clock.GetUtcNow()).Date.AddDays(1);

    /// <summary>The next 08:00 in the UK: today's before 8am, tomorrow's after. A duty to it is never longer than a day, whenever the test runs.</summary>
    private DateTime NextEightUk()
    {
        var now = UkTime.ToLocal(app.Clock.GetUtcNow());
        return now.Hour < 8 ? now.Date : now.Date.AddDays(1);
    }

    [Fact]
    public async Task APractitionerTakesDuty_IsShownOnDutyNow_AndEndsItEarly()
    {
        var s = await Team(asSupervisor: false);
        var before = await s.Session.GetPage(s.Duty);
        Assert.NotNull(before.QuerySelector("[data-testid=nobody-on-duty]"));

        var response = await s.Session.PostForm(s.Duty, When("Take.Until", NextEightUk(), "08:00"), s.Duty + "?handler=Take");
        await WebSession.AssertRedirect(response);
        var page = await s.Session.GetPage(s.Duty);
        Assert.Contains("You", page.QuerySelector("[data-testid=on-duty-now]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=nobody-on-duty]"));
        var shift = await app.WithDb(db => db.DutyShifts.AsNoTracking().SingleAsync(x => x.TeamId == s.Team.TeamId));
        Assert.Equal(new StaffId(s.Asha.Id), shift.PractitionerId);
        Assert.Equal(UkTime.ToUtc(DateOnly.FromDateTime(NextEightUk()), new TimeOnly(8, 0)), shift.EndsAt);

        await WebSession.AssertRedirect(await s.Session.PostForm(s.Duty, new Dictionary<string, string?>(), s.Duty + $"?handler=End&shift={shift.Id.Value}"));
        Assert.NotNull((await s.Session.GetPage(s.Duty)).QuerySelector("[data-testid=nobody-on-duty]"));
        Assert.NotNull((await app.WithDb(db => db.DutyShifts.AsNoTracking().SingleAsync(x => x.Id == shift.Id))).EndedAt);
    }

    [Fact]
    public async Task TakingDuty_WithATimeThatCannotBe_KeepsWhatWasTyped_AndSaysWhatToChange()
    {
        var s = await Team(asSupervisor: false);
        var yesterday = UkTime.ToLocal(app.Clock.GetUtcNow()).Date.AddDays(-1);
        var page = WebSession.Parse(await (await s.Session.PostForm(s.Duty, When("Take.Until", yesterday, "09:00"), s.Duty + "?handler=Take")).Content.ReadAsStringAsync());
        Assert.Contains("The duty must end", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("09:00", page.QuerySelector("input[name='Take.UntilTime']")!.GetAttribute("value"));

        page = WebSession.Parse(await (await s.Session.PostForm(s.Duty, When("Take.Until", TomorrowUk(), "25:99"), s.Duty + "?handler=Take")).Content.ReadAsStringAsync());
        Assert.Contains("24-hour format", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal(0, await app.WithDb(db => db.DutyShifts.CountAsync(x => x.TeamId == s.Team.TeamId)));
    }

    [Fact]
    public async Task TheSupervisorArrangesDutyForAnyone_AndSetsTheTimeToTakeAnAlertOn()
    {
        var s = await Team();
        var fields = new Dictionary<string, string?> { ["Arrange.Practitioner"] = s.Ben.Id.ToString() };
        foreach (var f in When("Arrange.Start", TomorrowUk(), "09:00")) fields[f.Key] = f.Value;
        foreach (var f in When("Arrange.End", TomorrowUk(), "17:00")) fields[f.Key] = f.Value;
        await WebSession.AssertRedirect(await s.Session.PostForm(s.Duty, fields, s.Duty + "?handler=Arrange"));
        var row = (await s.Session.GetPage(s.Duty)).QuerySelector($"[data-testid=rota-row][data-practitioner='{s.Ben.Id}']");
        Assert.NotNull(row);
        Assert.Contains("09:00", row!.TextContent);

        var bad = WebSession.Parse(await (await s.Session.PostForm(s.Duty, new Dictionary<string, string?> { ["Settings.EscalationMinutes"] = "90" }, s.Duty + "?handler=Settings")).Content.ReadAsStringAsync());
        Assert.Contains("between 1 and 60 minutes", bad.QuerySelector(".nhsuk-error-summary")!.TextContent);
        await WebSession.AssertRedirect(await s.Session.PostForm(s.Duty, new Dictionary<string, string?> { ["Settings.EscalationMinutes"] = "5" }, s.Duty + "?handler=Settings"));
        Assert.Equal(5, await app.WithDb(db => db.Teams.Where(t => t.Id == s.Team.TeamId).Select(t => t.AlertEscalationMinutes).SingleAsync()));
        Assert.Contains("5 minutes", (await s.Session.GetPage(s.Duty)).QuerySelector("[data-testid=escalation]")!.TextContent);
    }

    [Fact]
    public async Task APractitioner_CannotArrangeDutyForOthers_SetTheTime_OrEndSomeoneElsesDuty()
    {
        var s = await Team(asSupervisor: false);
        var bens = await app.WithDb(async db =>
        {
            var shift = DutyShift.Arrange(s.Team.TeamId, new StaffId(s.Ben.Id), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(4), new StaffId(s.Supervisor.Id), DateTimeOffset.UtcNow);
            db.DutyShifts.Add(shift);
            await db.SaveChangesAsync();
            return shift.Id;
        });
        var page = await s.Session.GetPage(s.Duty);
        Assert.Null(page.QuerySelector("[data-testid=arrange-form]"));
        Assert.Null(page.QuerySelector("[data-testid=settings-form]"));

        var fields = new Dictionary<string, string?> { ["Arrange.Practitioner"] = s.Asha.Id.ToString() };
        foreach (var f in When("Arrange.Start", TomorrowUk(), "09:00")) fields[f.Key] = f.Value;
        foreach (var f in When("Arrange.End", TomorrowUk(), "17:00")) fields[f.Key] = f.Value;
        Assert.Equal(HttpStatusCode.NotFound, (await s.Session.PostForm(s.Duty, fields, s.Duty + "?handler=Arrange")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Session.PostForm(s.Duty, new Dictionary<string, string?> { ["Settings.EscalationMinutes"] = "30" }, s.Duty + "?handler=Settings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Session.PostForm(s.Duty, new Dictionary<string, string?>(), s.Duty + $"?handler=End&shift={bens.Value}")).StatusCode);
        Assert.Null((await app.WithDb(db => db.DutyShifts.AsNoTracking().SingleAsync(x => x.Id == bens))).EndedAt);
        Assert.Equal(DutyAlert.DefaultEscalationMinutes, await app.WithDb(db => db.Teams.Where(t => t.Id == s.Team.TeamId).Select(t => t.AlertEscalationMinutes).SingleAsync()));
    }

    [Fact]
    public async Task TheTeamSeesEveryRule_AndCanTryAMessage_WithTheReasonAndTheWordsThatMatched()
    {
        var s = await Team(asSupervisor: false);
        var page = await s.Session.GetPage(s.Rules);
        Assert.Equal(CrisisRuleSet.Default.Rules.Count, page.QuerySelectorAll("[data-testid=default-rule]").Length);
        Assert.Null(page.QuerySelector("[data-testid=phrase-form]"));

        var tried = await s.Session.GetPage(s.Rules + "?try=" + Uri.EscapeDataString("im gonna take all my tablets tonite"));
        var result = tried.QuerySelector("[data-testid=try-result]")!.TextContent;
        Assert.Contains("would raise an alert", result);
        Assert.NotEmpty(tried.QuerySelectorAll("[data-testid=try-match]"));

        var calm = await s.Session.GetPage(s.Rules + "?try=" + Uri.EscapeDataString("Can we move Tuesday to 3pm?"));
        Assert.Contains("No rule matches", calm.QuerySelector("[data-testid=try-result]")!.TextContent);
    }

    [Fact]
    public async Task TheSupervisorAddsATeamRule_ThatFlagsMessages_AndRetiresIt_WhichKeepsItListed()
    {
        var s = await Team();
        var message = "Going up to the old quarry on my own";
        Assert.Contains("No rule matches", (await s.Session.GetPage(s.Rules + "?try=" + Uri.EscapeDataString(message))).QuerySelector("[data-testid=try-result]")!.TextContent);

        await WebSession.AssertRedirect(await s.Session.PostForm(s.Rules, new Dictionary<string, string?>
        {
            ["Phrase.Name"] = "Local place named",
            ["Phrase.Reason"] = "People from this area have gone to the old quarry to end their lives.",
            ["Phrase.Phrases"] = "old quarry\nquarry edge",
        }, s.Rules + "?handler=Phrase"));
        var tried = await s.Session.GetPage(s.Rules + "?try=" + Uri.EscapeDataString(message));
        var match = tried.QuerySelector("[data-testid=try-match][data-rule=team-local-place-named]");
        Assert.NotNull(match);
        Assert.Contains("old quarry", match!.TextContent);

        var rule = await app.WithDb(db => db.TeamCrisisRules.AsNoTracking().SingleAsync(r => r.TeamId == s.Team.TeamId));
        await WebSession.AssertRedirect(await s.Session.PostForm(s.Rules, new Dictionary<string, string?>(), s.Rules + $"?handler=Retire&rule={rule.Id}"));
        var after = await s.Session.GetPage(s.Rules + "?try=" + Uri.EscapeDataString(message));
        Assert.Contains("No rule matches", after.QuerySelector("[data-testid=try-result]")!.TextContent);
        Assert.Contains("Local place named", after.QuerySelector("[data-testid=retired-rule]")!.TextContent);
    }

    [Fact]
    public async Task ARuleThatWouldMatchAlmostEverything_IsRefused_WithTheWordsKept()
    {
        var s = await Team();
        var response = await s.Session.PostForm(s.Rules, new Dictionary<string, string?>
        {
            ["Combination.Name"] = "Means and time",
            ["Combination.Reason"] = "A means with a time.",
            ["Combination.First"] = "ab",
            ["Combination.Second"] = "tonight",
        }, s.Rules + "?handler=Combination");
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector(".nhsuk-error-summary"));
        Assert.Equal("tonight", page.QuerySelector("textarea[name='Combination.Second']")!.TextContent.Trim());
        Assert.Equal(0, await app.WithDb(db => db.TeamCrisisRules.CountAsync(r => r.TeamId == s.Team.TeamId)));
    }

    [Fact]
    public async Task ATeamRule_KeepsItsWords_InTheDatabaseToo()
    {
        var s = await Team();
        var rule = await app.WithDb(async db =>
        {
            var added = TeamCrisisRule.Add(s.Team.TeamId, CrisisRule.Phrase("team-place", "Place", "A place.", ["old quarry"]), [], new StaffId(s.Supervisor.Id), DateTimeOffset.UtcNow);
            db.TeamCrisisRules.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var edit = new NpgsqlCommand($"UPDATE team_crisis_rules SET groups = '[[\"x\"]]' WHERE id = '{rule}'", connection);
        await Assert.ThrowsAsync<PostgresException>(() => edit.ExecuteNonQueryAsync());
        await using var delete = new NpgsqlCommand($"DELETE FROM team_crisis_rules WHERE id = '{rule}'", connection);
        await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
    }

    [Theory]
    [InlineData(StaffRole.Practitioner)]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Administrator)]
    public async Task AnotherTeamsDutyAndRules_AreNotFound_AndCannotBeChanged(StaffRole role)
    {
        var s = await Team();
        var outsider = app.NewSession();
        await outsider.SignIn(await app.NewStaff(role, role == StaffRole.Administrator ? null : await app.NewTeam()));

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Get(s.Duty)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Get(s.Rules)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostForm("/account/sign-out", When("Take.Until", TomorrowUk(), "08:00"), s.Duty + "?handler=Take")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostForm("/account/sign-out", new Dictionary<string, string?> { ["Settings.EscalationMinutes"] = "30" }, s.Duty + "?handler=Settings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostForm("/account/sign-out", new Dictionary<string, string?>
        {
            ["Phrase.Name"] = "Place",
            ["Phrase.Reason"] = "A place.",
            ["Phrase.Phrases"] = "old quarry",
        }, s.Rules + "?handler=Phrase")).StatusCode);
        Assert.Equal(0, await app.WithDb(db => db.DutyShifts.CountAsync(x => x.TeamId == s.Team.TeamId)));
        Assert.Equal(0, await app.WithDb(db => db.TeamCrisisRules.CountAsync(x => x.TeamId == s.Team.TeamId)));
    }

    [Fact]
    public async Task APatient_AndSomeoneOfAReceivingService_FindNeitherPage()
    {
        var s = await Team();
        var person = await app.NewPerson(s.Team);
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person.Id));
        var service = app.NewSession();
        await service.SignIn(await app.NewServiceUser());
        foreach (var session in new[] { patient, service })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await session.Get(s.Duty)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await session.Get(s.Rules)).StatusCode);
        }
    }
}
