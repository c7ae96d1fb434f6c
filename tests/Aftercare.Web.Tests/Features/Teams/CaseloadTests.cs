using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Teams;

[Collection("web")]
public sealed class CaseloadTests(AftercareFactory app)
{
    private sealed record Setup(TeamAtSite Team, StaffAccount Supervisor, StaffAccount Asha, StaffAccount Ben, WebSession Session)
    {
        public string Url => $"/teams/{Team.TeamId}/caseloads";
    }

    private async Task<Setup> Team(int? limit = null)
    {
        var team = await app.NewTeam();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, team);
        var asha = await app.NewStaff(StaffRole.Practitioner, team);
        var ben = await app.NewStaff(StaffRole.Practitioner, team);
        if (limit is not null) await SetLimit(team, limit);
        var session = app.NewSession();
        await session.SignIn(supervisor);
        return new Setup(team, supervisor, asha, ben, session);
    }

    private Task<int> SetLimit(TeamAtSite team, int? limit) => app.WithDb(async db =>
    {
        (await db.Teams.SingleAsync(t => t.Id == team.TeamId)).SetCaseloadLimit(limit);
        return await db.SaveChangesAsync();
    });

    private static IElement Row(IDocument page, StaffAccount who) =>
        page.QuerySelector($"[data-testid=caseload-row][data-practitioner='{who.Id}']") ?? throw new Xunit.Sdk.XunitException($"No caseload row for {who.Name}");

    private static string Cell(IElement row, string testId) =>
        row.QuerySelector($"[data-testid={testId}]")!.TextContent.Replace("Active people", "").Replace("Against the limit", "").Trim();

    private static Dictionary<string, string?> Handover(StaffAccount from, StaffAccount to, string? reason, bool confirm = false) => new()
    {
        ["Handover.From"] = from.Id.ToString(),
        ["Handover.To"] = to.Id.ToString(),
        ["Handover.Reason"] = reason,
        ["Handover.ConfirmAboveLimit"] = confirm ? "true" : null,
    };

    [Fact]
    public async Task TheTable_ShowsEachPractitionersActivePeople_AgainstTheTeamsLimit()
    {
        var s = await Team(limit: 3);
        for (var i = 0; i < 3; i++) await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-2));
        await app.NewPathway(s.Team, s.Ben, DateTimeOffset.UtcNow.AddHours(-2));

        var page = await s.Session.GetPage(s.Url);
        Assert.Contains("limit is 3", page.QuerySelector("[data-testid=limit]")!.TextContent);
        Assert.Equal("3", Cell(Row(page, s.Asha), "active"));
        Assert.Equal("At the limit", Cell(Row(page, s.Asha), "state"));
        Assert.Equal("1", Cell(Row(page, s.Ben), "active"));
        Assert.Equal("Below the limit", Cell(Row(page, s.Ben), "state"));
        Assert.Equal("0", Cell(Row(page, s.Supervisor), "active"));
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=caseload-row]").Length);

        // One more for Asha puts her above it; the table says so.
        await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-1));
        page = await s.Session.GetPage(s.Url);
        Assert.Equal("4", Cell(Row(page, s.Asha), "active"));
        Assert.Equal("Above the limit", Cell(Row(page, s.Asha), "state"));

        // A practitioner of the team reads the same table, without the supervisor's forms.
        var asha = app.NewSession();
        await asha.SignIn(s.Asha);
        var hers = await asha.GetPage(s.Url);
        Assert.Equal("4", Cell(Row(hers, s.Asha), "active"));
        Assert.Null(hers.QuerySelector("[data-testid=settings-form]"));
        Assert.Null(hers.QuerySelector("[data-testid=handover-form]"));
    }

    [Fact]
    public async Task TheSupervisor_SetsTheLimitAndVideoLink_BadInputIsShownByTheField_AndKept_AndTheChangeIsAudited()
    {
        var s = await Team();
        var action = s.Url + "?handler=Settings";
        foreach (var (limit, message) in new[] { ("twelve", "whole number"), ("0", "from 1 to 200"), ("201", "from 1 to 200") })
        {
            var response = await s.Session.PostForm(s.Url, new Dictionary<string, string?> { ["Settings.Limit"] = limit, ["Settings.VideoLink"] = "http://video.example/room" }, action);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(message, page.QuerySelector("#Settings_Limit-error")!.TextContent);
            Assert.Contains("https://", page.QuerySelector("#Settings_VideoLink-error")!.TextContent);
            Assert.Equal(limit, page.QuerySelector("input[name='Settings.Limit']")!.GetAttribute("value"));
            Assert.Equal("http://video.example/room", page.QuerySelector("input[name='Settings.VideoLink']")!.GetAttribute("value"));
            Assert.NotNull(page.QuerySelector(".nhsuk-error-summary a[href='#Settings_Limit']"));
        }
        Assert.Null(await app.WithDb(db => db.Teams.Where(t => t.Id == s.Team.TeamId).Select(t => t.CaseloadLimit).SingleAsync()));

        await WebSession.AssertRedirect(await s.Session.PostForm(s.Url, new Dictionary<string, string?>
        { ["Settings.Limit"] = " 12 ", ["Settings.VideoLink"] = "https://video.example.nhs.uk/room/liaison" }, action));
        var team = await app.WithDb(db => db.Teams.SingleAsync(t => t.Id == s.Team.TeamId));
        Assert.Equal(12, team.CaseloadLimit);
        Assert.Equal("https://video.example.nhs.uk/room/liaison", team.VideoLink);
        var page2 = await s.Session.GetPage(s.Url);
        Assert.Contains("caseload limit 12 (was no limit)", page2.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Equal("12", page2.QuerySelector("input[name='Settings.Limit']")!.GetAttribute("value"));
        var audit = await app.WithDb(db => db.AuditEvents.Where(e => e.EntityType == "Team" && e.EntityId == s.Team.TeamId.ToString() && e.Action == AuditActions.Update).ToListAsync());
        Assert.Contains("caseload limit 12 (was no limit)", Assert.Single(audit).Reason);
        Assert.Equal(s.Supervisor.Id, audit[0].ActorId);

        // Blank means no limit.
        await WebSession.AssertRedirect(await s.Session.PostForm(s.Url, new Dictionary<string, string?> { ["Settings.Limit"] = "", ["Settings.VideoLink"] = "" }, action));
        team = await app.WithDb(db => db.Teams.SingleAsync(t => t.Id == s.Team.TeamId));
        Assert.Null(team.CaseloadLimit);
        Assert.Null(team.VideoLink);
    }

    [Fact]
    public async Task HandingOverACaseload_MovesEveryActivePathwayAndOpenContact_OverdueIncluded_AndTheBannerFollows()
    {
        var s = await Team();
        var (_, overdueId) = await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-49));
        var (_, otherId) = await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-2));
        var (_, bensOwn) = await app.NewPathway(s.Team, s.Ben, DateTimeOffset.UtcNow.AddHours(-2));
        // A contact already done stays as it was: who did it is history.
        var done = await app.WithDb(async db =>
        {
            var p = await db.Pathways.Include(x => x.Contacts).SingleAsync(x => x.Id == otherId);
            var first = p.Contacts.Single(c => c.Key == "check-in");
            p.CompleteContact(first.Id, DateTimeOffset.UtcNow.AddHours(-1), new StaffId(s.Asha.Id), null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return first.Id;
        });
        var open = await app.WithDb(db => db.PlannedContacts.CountAsync(c => (c.PathwayId == overdueId || c.PathwayId == otherId) && c.Status == ContactStatus.Open));
        var ashaSession = app.NewSession();
        await ashaSession.SignIn(s.Asha);
        var benSession = app.NewSession();
        await benSession.SignIn(s.Ben);
        Assert.Contains("You have 1 overdue contact", (await ashaSession.GetPage("/")).QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        Assert.Null((await benSession.GetPage("/")).QuerySelector("[data-testid=overdue-banner]"));

        await WebSession.AssertRedirect(await s.Session.PostForm(s.Url, Handover(s.Asha, s.Ben, "Asha has left the team"), s.Url + "?handler=Handover"));

        var page = await s.Session.GetPage(s.Url);
        Assert.Equal($"2 people and their {open} open contacts handed to {s.Ben.Name}.", page.QuerySelector("[data-testid=notice]")!.TextContent.Trim());
        Assert.Equal("0", Cell(Row(page, s.Asha), "active"));
        Assert.Equal("3", Cell(Row(page, s.Ben), "active"));
        var pathways = await app.WithDb(db => db.Pathways.Include(p => p.Contacts).Where(p => p.Id == overdueId || p.Id == otherId).ToListAsync());
        Assert.All(pathways, p =>
        {
            Assert.Equal(new StaffId(s.Ben.Id), p.NamedPractitionerId);
            var change = p.PractitionerChanges.OrderBy(c => c.ChangedAt).Last();
            Assert.Equal(new StaffId(s.Asha.Id), change.FromPractitionerId);
            Assert.Equal(new StaffId(s.Ben.Id), change.ToPractitionerId);
            Assert.Equal("Asha has left the team", change.Reason);
            Assert.Equal(new StaffId(s.Supervisor.Id), change.ChangedBy);
            Assert.All(p.Contacts.Where(c => c.IsOpen), c => Assert.Equal(new StaffId(s.Ben.Id), c.PractitionerId));
        });
        Assert.Equal(new StaffId(s.Asha.Id), pathways.SelectMany(p => p.Contacts).Single(c => c.Id == done).PractitionerId);
        Assert.Equal(0, await app.WithDb(db => db.PlannedContacts.CountAsync(c => c.PractitionerId == new StaffId(s.Asha.Id) && c.Status == ContactStatus.Open)));
        var audits = await app.WithDb(db => db.AuditEvents.Where(e => e.Action == AuditActions.HandOver && (e.EntityId == overdueId.ToString() || e.EntityId == otherId.ToString())).ToListAsync());
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Contains($"from {s.Asha.Name} to {s.Ben.Name}", a.Reason));
        Assert.Single((await app.WithDb(db => db.Pathways.SingleAsync(p => p.Id == bensOwn))).PractitionerChanges);

        // The overdue follow-up went with it: Ben's banner and work, no longer Asha's.
        Assert.Null((await ashaSession.GetPage("/")).QuerySelector("[data-testid=overdue-banner]"));
        Assert.Contains("You have 1 overdue contact", (await benSession.GetPage("/")).QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        Assert.Contains("Check-in call", (await benSession.GetPage("/work")).QuerySelector("[data-testid=overdue]")!.TextContent);
    }

    [Fact]
    public async Task AHandoverAboveTheLimit_WithoutConfirmation_IsRefused_AndNothingMoves_ThenConfirmedItIsRecorded()
    {
        var s = await Team(limit: 2);
        var (_, first) = await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-2));
        var (_, second) = await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-2));
        await app.NewPathway(s.Team, s.Ben, DateTimeOffset.UtcNow.AddHours(-2));
        var action = s.Url + "?handler=Handover";

        var response = await s.Session.PostForm(s.Url, Handover(s.Asha, s.Ben, "Asha is on long-term leave"), action);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("3 active people against a limit of 2", page.QuerySelector("#Handover_ConfirmAboveLimit-error")!.TextContent);
        Assert.Equal("Asha is on long-term leave", page.QuerySelector("textarea[name='Handover.Reason']")!.TextContent);
        Assert.Equal(s.Ben.Id.ToString(), page.QuerySelector("select[name='Handover.To'] option[selected]")!.GetAttribute("value"));
        Assert.Equal(2, await app.WithDb(db => db.Pathways.CountAsync(p => p.NamedPractitionerId == new StaffId(s.Asha.Id) && p.Status == PathwayStatus.Active)));
        Assert.Equal(0, await app.WithDb(db => db.PlannedContacts.CountAsync(c => (c.PathwayId == first || c.PathwayId == second) && c.PractitionerId == new StaffId(s.Ben.Id))));

        // Confirmed but with no reason: still refused, by the reason.
        response = await s.Session.PostForm(s.Url, Handover(s.Asha, s.Ben, " ", confirm: true), action);
        page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("#Handover_Reason-error"));
        Assert.Equal(2, await app.WithDb(db => db.Pathways.CountAsync(p => p.NamedPractitionerId == new StaffId(s.Asha.Id) && p.Status == PathwayStatus.Active)));

        await WebSession.AssertRedirect(await s.Session.PostForm(s.Url, Handover(s.Asha, s.Ben, "Asha is on long-term leave", confirm: true), action));
        var moved = await app.WithDb(db => db.Pathways.Where(p => p.Id == first || p.Id == second).ToListAsync());
        Assert.All(moved, p => Assert.Equal("Asha is on long-term leave; above the caseload limit (3 against 2)", p.PractitionerChanges.OrderBy(c => c.ChangedAt).Last().Reason));
        var table = await s.Session.GetPage(s.Url);
        Assert.Equal("Above the limit", Cell(Row(table, s.Ben), "state"));
    }

    [Fact]
    public async Task AHandover_ToNobodyOrToTheSamePractitioner_OrOfSomeoneWithNoPeople_IsRefusedByTheField()
    {
        var s = await Team();
        await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-2));
        var action = s.Url + "?handler=Handover";
        var outsider = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());

        async Task<IDocument> Refused(Dictionary<string, string?> fields)
        {
            var response = await s.Session.PostForm(s.Url, fields, action);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebSession.Parse(await response.Content.ReadAsStringAsync());
        }

        Assert.NotNull((await Refused(new() { ["Handover.Reason"] = "Leaving" })).QuerySelector("#Handover_From-error"));
        Assert.NotNull((await Refused(Handover(s.Asha, s.Asha, "Leaving"))).QuerySelector("#Handover_To-error"));
        Assert.NotNull((await Refused(Handover(s.Asha, outsider, "Leaving"))).QuerySelector("#Handover_To-error"));
        Assert.NotNull((await Refused(Handover(s.Ben, s.Asha, "Leaving"))).QuerySelector("#Handover_From-error"));
        Assert.NotNull((await Refused(Handover(s.Asha, s.Ben, ""))).QuerySelector("#Handover_Reason-error"));
        Assert.Equal(1, await app.WithDb(db => db.Pathways.CountAsync(p => p.NamedPractitionerId == new StaffId(s.Asha.Id))));
    }

    [Fact]
    public async Task SomeoneWhoHasLeft_StillShowsWithTheirPeople_UntilTheirCaseloadIsHandedOver()
    {
        var s = await Team();
        var (_, pathway) = await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-49));
        await app.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == s.Asha.Id);
            user.IsActive = false;
            user.DeactivatedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });

        var page = await s.Session.GetPage(s.Url);
        Assert.Equal("1", Cell(Row(page, s.Asha), "active"));
        Assert.NotNull(Row(page, s.Asha).QuerySelector("[data-testid=not-in-team]"));
        Assert.NotNull(page.QuerySelector($"select[name='Handover.From'] option[value='{s.Asha.Id}']"));
        Assert.Null(page.QuerySelector($"select[name='Handover.To'] option[value='{s.Asha.Id}']"));

        await WebSession.AssertRedirect(await s.Session.PostForm(s.Url, Handover(s.Asha, s.Ben, "Asha has left the trust"), s.Url + "?handler=Handover"));
        Assert.Equal(new StaffId(s.Ben.Id), (await app.WithDb(db => db.Pathways.SingleAsync(p => p.Id == pathway))).NamedPractitionerId);
        Assert.Null((await s.Session.GetPage(s.Url)).QuerySelector($"[data-testid=caseload-row][data-practitioner='{s.Asha.Id}']"));
    }

    [Theory]
    [InlineData(StaffRole.Practitioner)]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Administrator)]
    public async Task AnotherTeamsCaseloads_AreNotFound_AndCannotBeChanged(StaffRole role)
    {
        var s = await Team();
        await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-2));
        var outsider = app.NewSession();
        await outsider.SignIn(await app.NewStaff(role, role == StaffRole.Administrator ? null : await app.NewTeam()));

        var response = await outsider.Get(s.Url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(s.Asha.Name, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostForm("/account/sign-out", Handover(s.Asha, s.Ben, "Taking over"), s.Url + "?handler=Handover")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostForm("/account/sign-out", new Dictionary<string, string?> { ["Settings.Limit"] = "1" }, s.Url + "?handler=Settings")).StatusCode);
        Assert.Equal(new StaffId(s.Asha.Id), (await app.WithDb(db => db.Pathways.SingleAsync(p => p.TeamId == s.Team.TeamId))).NamedPractitionerId);
        Assert.Null(await app.WithDb(db => db.Teams.Where(t => t.Id == s.Team.TeamId).Select(t => t.CaseloadLimit).SingleAsync()));
    }

    [Fact]
    public async Task APractitionerOfTheTeam_CannotHandOverACaseload_OrSetTheLimit()
    {
        var s = await Team();
        await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-2));
        var ben = app.NewSession();
        await ben.SignIn(s.Ben);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.PostForm("/account/sign-out", Handover(s.Asha, s.Ben, "I will take them"), s.Url + "?handler=Handover")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.PostForm("/account/sign-out", new Dictionary<string, string?> { ["Settings.Limit"] = "50" }, s.Url + "?handler=Settings")).StatusCode);
        Assert.Equal(new StaffId(s.Asha.Id), (await app.WithDb(db => db.Pathways.SingleAsync(p => p.TeamId == s.Team.TeamId))).NamedPractitionerId);
        Assert.Null(await app.WithDb(db => db.Teams.Where(t => t.Id == s.Team.TeamId).Select(t => t.CaseloadLimit).SingleAsync()));
    }

    [Fact]
    public async Task TheCaseloads_ForAPatientOrSomeoneSignedOut_AreNotShown()
    {
        var s = await Team();
        var (person, _) = await app.NewPathway(s.Team, s.Asha, DateTimeOffset.UtcNow.AddHours(-2));
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        Assert.Equal(HttpStatusCode.NotFound, (await patient.Get(s.Url)).StatusCode);
        var anonymous = await app.NewSession().Get(s.Url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", anonymous.Headers.Location!.OriginalString);
    }
}
