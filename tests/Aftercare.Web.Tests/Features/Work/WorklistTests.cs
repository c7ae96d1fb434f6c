using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Work;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Work;

[Collection("web")]
public sealed class WorklistTests(AftercareFactory app)
{
    private async Task<(TeamAtSite Team, StaffAccount Practitioner, WebSession Session)> Practitioner()
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var session = app.NewSession();
        await session.SignIn(practitioner);
        return (team, practitioner, session);
    }

    private static Dictionary<string, string?> Assessment(string? reason = null, Guid? practitioner = null) => new()
    {
        ["Form.WhatHappenedAndIntent"] = "Cut her arm after a row at home; wanted the feeling to stop",
        ["Form.SafetyFormulation"] = "Safer with her sister; less safe alone at night",
        ["Allocation.Reason"] = reason,
        ["Allocation.Practitioner"] = practitioner?.ToString(),
    };

    private async Task<(PersonId Person, string Family, string Url)> PersonToAssess(TeamAtSite team)
    {
        var (person, family) = await app.NewPerson(team);
        var presentation = await app.WithDb(db => db.Presentations.Where(p => p.PersonId == person).Select(p => p.Id).FirstAsync());
        return (person, family, $"/persons/{person}/presentations/{presentation}/assessment");
    }

    [Fact]
    public async Task SigningOff_StartsTheAssuredPathway_WithTheFollowUpDue48HoursLater_InMyWork()
    {
        var (team, practitioner, session) = await Practitioner();
        var (person, family, url) = await PersonToAssess(team);
        var form = await session.GetPage(url);
        Assert.NotNull(form.QuerySelector("[data-testid=sign-off-pathway] select[name='Allocation.Practitioner']"));

        await WebSession.AssertRedirect(await session.PostForm(url, Assessment(), url + "?handler=SignOff"));
        var pathway = await app.WithDb(db => db.Pathways.Include(p => p.Contacts).SingleAsync(p => p.PersonId == person));
        var signedOffAt = await app.WithDb(db => db.Assessments.Where(a => a.PersonId == person).Select(a => a.SignedOffAt!.Value).SingleAsync());
        Assert.Equal(PathwayDefinition.AssuredCode, pathway.DefinitionCode);
        Assert.Equal(new StaffId(practitioner.Id), pathway.NamedPractitionerId);
        Assert.Equal(signedOffAt.AddHours(48), pathway.Contacts.Single(c => c.Key == "check-in").DueAt);
        Assert.Equal(10, await app.WithDb(db => db.DueWork.CountAsync(w => pathway.Contacts.Select(c => c.Id.Value).Contains(w.SubjectId))));
        Assert.Contains("due by", (await session.GetPage(url)).QuerySelector("[data-testid=pathway-started]")!.TextContent);

        var work = await session.GetPage("/work");
        var items = work.QuerySelectorAll("[data-testid=work-item]").Where(r => r.TextContent.Contains(family)).ToList();
        Assert.Equal(2, items.Count);   // the check-in, and the first session whose window opens within 14 days
        Assert.Contains("Check-in call", items[0].TextContent);
        Assert.Contains(UkTime.Format(signedOffAt.AddHours(48)), items[0].TextContent);
        Assert.Contains("Session at 1 week", work.QuerySelector("[data-testid=next]")!.TextContent);
        Assert.Null(work.QuerySelector("[data-testid=overdue]"));
    }

    [Fact]
    public async Task SigningOff_AboveTheCaseloadLimit_NeedsAReason_AndWithoutOne_NothingIsSignedOff()
    {
        var (team, practitioner, session) = await Practitioner();
        await app.WithDb(async db =>
        {
            var t = await db.Teams.SingleAsync(x => x.Id == team.TeamId);
            t.SetCaseloadLimit(1);
            return await db.SaveChangesAsync();
        });
        await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-2));
        var (person, _, url) = await PersonToAssess(team);

        var response = await session.PostForm(url, Assessment(), url + "?handler=SignOff");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("1 active person against a limit of 1", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.NotNull(page.QuerySelector("#Allocation_Reason-error"));
        Assert.Equal("Safer with her sister; less safe alone at night", page.QuerySelector("textarea[name='Form.SafetyFormulation']")!.TextContent);
        Assert.False(await app.WithDb(db => db.Assessments.AnyAsync(a => a.PersonId == person && a.SignedOffAt != null)));
        Assert.False(await app.WithDb(db => db.Pathways.AnyAsync(p => p.PersonId == person)));

        await WebSession.AssertRedirect(await session.PostForm(url, Assessment("She knows Asha from her last admission"), url + "?handler=SignOff"));
        var pathway = await app.WithDb(db => db.Pathways.SingleAsync(p => p.PersonId == person));
        Assert.Equal("She knows Asha from her last admission", pathway.PractitionerChanges.Single().Reason);
    }

    [Fact]
    public async Task AnOverdueFollowUp_IsOnEveryPageOfThePractitionerAndTheSupervisor_UntilDoneOrHandedOver()
    {
        var (team, practitioner, session) = await Practitioner();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, team);
        var colleague = await app.NewStaff(StaffRole.Practitioner, team);
        var supervising = app.NewSession();
        await supervising.SignIn(supervisor);
        var colleagueSession = app.NewSession();
        await colleagueSession.SignIn(colleague);
        var (person, pathwayId) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-49));

        foreach (var page in new[] { "/", "/persons", "/work", $"/persons/{person}" })
            Assert.Contains("You have 1 overdue contact", (await session.GetPage(page)).QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        var supervisorHome = await supervising.GetPage("/");
        Assert.Contains("Your team has 1 overdue contact", supervisorHome.QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        Assert.Null((await colleagueSession.GetPage("/")).QuerySelector("[data-testid=overdue-banner]"));
        var overdue = (await session.GetPage("/work")).QuerySelector("[data-testid=overdue]")!;
        Assert.Contains("Check-in call", overdue.TextContent);
        Assert.Contains("overdue", overdue.TextContent);

        // A handover moves it to the colleague's work, still overdue; it never just goes.
        await app.WithDb(async db =>
        {
            var pathway = await db.Pathways.Include(p => p.Contacts).Include(p => p.Covers).SingleAsync(p => p.Id == pathwayId);
            pathway.HandOver(new StaffId(colleague.Id), "Practitioner moving to nights", new StaffId(supervisor.Id), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.Null((await session.GetPage("/")).QuerySelector("[data-testid=overdue-banner]"));
        Assert.Contains("You have 1 overdue contact", (await colleagueSession.GetPage("/")).QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        Assert.NotNull((await supervising.GetPage("/")).QuerySelector("[data-testid=overdue-banner]"));

        // Done: it leaves every banner and list.
        await app.WithDb(async db =>
        {
            var pathway = await db.Pathways.Include(p => p.Contacts).SingleAsync(p => p.Id == pathwayId);
            var checkIn = pathway.Contacts.Single(c => c.Key == "check-in");
            pathway.CompleteContact(checkIn.Id, DateTimeOffset.UtcNow, new StaffId(colleague.Id), null, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.Null((await colleagueSession.GetPage("/")).QuerySelector("[data-testid=overdue-banner]"));
        Assert.Null((await supervising.GetPage("/")).QuerySelector("[data-testid=overdue-banner]"));
    }

    [Fact]
    public async Task TheTeamWorklist_ShowsEveryPractitionersWork_OverdueFirst()
    {
        var (team, practitioner, _) = await Practitioner();
        var other = await app.NewStaff(StaffRole.Practitioner, team);
        var supervisor = await app.NewStaff(StaffRole.Supervisor, team);
        var session = app.NewSession();
        await session.SignIn(supervisor);
        await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-2));
        await app.NewPathway(team, other, DateTimeOffset.UtcNow.AddHours(-50));

        var page = await session.GetPage($"/teams/{team.TeamId}/work");
        var overdue = page.QuerySelector("[data-testid=overdue]")!;
        Assert.Contains(other.Name, overdue.TextContent);
        Assert.DoesNotContain(practitioner.Name, overdue.TextContent);
        var rows = page.QuerySelectorAll("[data-testid=work-item]").Select(r => r.TextContent).ToList();
        Assert.Contains(other.Name, rows[0]);
        Assert.Contains(rows, r => r.Contains(practitioner.Name) && r.Contains("Check-in call"));

        // The filter offers each of the team's clinicians by name, each option naming its own clinician.
        var options = page.QuerySelectorAll("select[name=practitioner] option").Where(o => o.GetAttribute("value") != "")
            .ToDictionary(o => o.GetAttribute("value")!, o => o.TextContent.Trim());
        Assert.Equal(practitioner.Name, options[practitioner.Id.ToString()]);
        Assert.Equal(other.Name, options[other.Id.ToString()]);
        Assert.Equal(supervisor.Name, options[supervisor.Id.ToString()]);

        var filtered = await session.GetPage($"/teams/{team.TeamId}/work?practitioner={practitioner.Id}");
        Assert.All(filtered.QuerySelectorAll("[data-testid=work-item]"), r => Assert.Contains(practitioner.Name, r.TextContent));
        Assert.Equal("selected", filtered.QuerySelector($"select[name=practitioner] option[value='{practitioner.Id}']")!.GetAttribute("selected"));
    }

    [Theory]
    [InlineData(StaffRole.Practitioner)]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Administrator)]
    public async Task AnotherTeamsWorklist_IsNotFound(StaffRole role)
    {
        var (team, practitioner, _) = await Practitioner();
        await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-50));
        var outsider = app.NewSession();
        await outsider.SignIn(await app.NewStaff(role, role == StaffRole.Administrator ? null : await app.NewTeam()));
        var response = await outsider.Get($"/teams/{team.TeamId}/work");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(practitioner.Name, await response.Content.ReadAsStringAsync());
        if (role == StaffRole.Administrator) Assert.Equal(HttpStatusCode.NotFound, (await outsider.Get("/work")).StatusCode);
    }

    [Fact]
    public async Task TheWorklists_ForAPatientOrSomeoneSignedOut_AreNotShown()
    {
        var (team, practitioner, _) = await Practitioner();
        var (person, _) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-50));
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        Assert.Equal(HttpStatusCode.NotFound, (await patient.Get("/work")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.Get($"/teams/{team.TeamId}/work")).StatusCode);
        var anonymous = await app.NewSession().Get($"/teams/{team.TeamId}/work");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", anonymous.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ALongNextList_ShowsOnlyTheSoonest_WithEveryOverdueOneAlwaysShown_AndTheRestOneClickAway()
    {
        var (team, practitioner, session) = await Practitioner();
        for (var i = 0; i < 32; i++) await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-1 - i));
        await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-60));

        var page = await session.GetPage("/work");
        Assert.Single(page.QuerySelector("[data-testid=overdue]")!.QuerySelectorAll("[data-testid=work-item]"));
        var next = page.QuerySelector("[data-testid=next]")!;
        var shown = MyWorkModel.NextShown;
        Assert.Equal(shown, next.QuerySelectorAll("[data-testid=work-item]").Length);
        Assert.Contains($"the first {shown} of", next.QuerySelector("caption")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=show-all]"));
        var all = await session.GetPage("/work?all=true");
        var allNext = all.QuerySelector("[data-testid=next]")!.QuerySelectorAll("[data-testid=work-item]").Length;
        Assert.True(allNext > shown);
        Assert.Contains($"Show all {allNext} in the next 14 days", page.QuerySelector("[data-testid=show-all]")!.TextContent);
        Assert.Contains($"the first {shown} of {allNext}", next.QuerySelector("caption")!.TextContent);
        Assert.Null(all.QuerySelector("[data-testid=show-all]"));
    }

    [Fact]
    public async Task TheTeamWorklist_PagesTwentyAtATime_AndABadPageOrFilter_ShowsTheFirstPageOfEveryone()
    {
        var (team, practitioner, _) = await Practitioner();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, team);
        var session = app.NewSession();
        await session.SignIn(supervisor);
        // Each new ASSURED pathway has two contacts within 14 days: the check-in call and the first session.
        for (var i = 0; i < 26; i++) await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-1 - i));
        static int Rows(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("[data-testid=work-item]").Length;

        var first = await session.GetPage($"/teams/{team.TeamId}/work");
        Assert.Equal(20, Worklists.TeamPageSize);
        Assert.Equal(20, Rows(first));
        Assert.Contains("52 open contacts", first.QuerySelector("[data-testid=total]")!.TextContent);
        var last = await session.GetPage($"/teams/{team.TeamId}/work?page=3");
        Assert.Equal(12, Rows(last));
        Assert.Contains("Page 2 of 3", last.QuerySelector(".nhsuk-pagination")!.TextContent);
        // Every contact is on exactly one page.
        var second = await session.GetPage($"/teams/{team.TeamId}/work?page=2");
        var links = new[] { first, second, last }.SelectMany(p => p.QuerySelectorAll("[data-testid=work-item] a[href*='/record']"))
            .Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(52, links.Distinct().Count());

        var pastTheEnd = await session.GetPage($"/teams/{team.TeamId}/work?page=7");
        Assert.Equal(20, Rows(pastTheEnd));
        Assert.Contains("Page 2 of 3", pastTheEnd.QuerySelector(".nhsuk-pagination")!.TextContent);
        var unknownPractitioner = await session.GetPage($"/teams/{team.TeamId}/work?practitioner={Guid.NewGuid()}");
        Assert.Equal(20, Rows(unknownPractitioner));
        Assert.Contains("52 open contacts", unknownPractitioner.QuerySelector("[data-testid=total]")!.TextContent);
    }

    [Fact]
    public async Task EachWorklistPage_IsOneRoundTripToTheDatabase_ReadWithTheSessionCheck()
    {
        var (team, practitioner, session) = await Practitioner();
        await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-50));
        Assert.NotEmpty((await session.GetPage("/work")).QuerySelectorAll("[data-testid=work-item]"));

        foreach (var url in new[] { "/work", "/work?all=true", $"/teams/{team.TeamId}/work", $"/teams/{team.TeamId}/work?page=1&practitioner={practitioner.Id}" })
        {
            var (status, commands) = await RoundTrips(session, url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(commands.Count == 1, $"GET {url} went to the database {commands.Count} times: {string.Join(" | ", commands)}");
        }
        // A page past the end is read again from the first page: a second round trip, and still the right page.
        var (_, pastTheEnd) = await RoundTrips(session, $"/teams/{team.TeamId}/work?page=9");
        Assert.Equal(2, pastTheEnd.Count);
    }

    /// <summary>The status of a GET, and the database commands the application ran for it (each a round trip), less any touch of the session's last-seen time.</summary>
    private static async Task<(HttpStatusCode Status, List<string> Commands)> RoundTrips(WebSession session, string url)
    {
        var trace = ActivityTraceId.CreateRandom();
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql" || activity.TraceId != trace) return;
                var text = activity.Tags.FirstOrDefault(t => t.Key is "db.query.text" or "db.statement").Value ?? activity.DisplayName;
                if (!text.StartsWith("UPDATE auth_sessions", StringComparison.Ordinal)) commands.Enqueue(text.Split('\n')[0]);
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var response = await session.GetTraced(url, trace);
        return (response.StatusCode, commands.ToList());
    }
}
