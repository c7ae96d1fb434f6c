using System.Globalization;
using System.Net;
using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Work;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Pathways;

[Collection("web")]
public sealed class CoverAndHandoverTests(AftercareFactory app)
{
    private sealed record Setup(TeamAtSite Team, StaffAccount Asha, StaffAccount Ben, PersonId Person, PathwayId Pathway, WebSession Session)
    {
        public string PathwayUrl => $"/persons/{Person}/pathway";
        public string ChangeUrl => $"/persons/{Person}/pathway/named-practitioner";
        public string CoverUrl => $"/persons/{Person}/pathway/cover";
    }

    /// <summary>Asha is the person's named practitioner; Ben is her colleague. Asha is signed in.</summary>
    private async Task<Setup> Person(double signedOffHoursAgo = 2)
    {
        var team = await app.NewTeam();
        var asha = await app.NewStaff(StaffRole.Practitioner, team);
        var ben = await app.NewStaff(StaffRole.Practitioner, team);
        var (person, pathway) = await app.NewPathway(team, asha, DateTimeOffset.UtcNow.AddHours(-signedOffHoursAgo));
        var session = app.NewSession();
        await session.SignIn(asha);
        return new Setup(team, asha, ben, person, pathway, session);
    }

    private static async Task<IDocument> Refused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebSession.Parse(await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string?> Cover(StaffAccount who, DateTimeOffset from, DateTimeOffset until, string? reason)
    {
        var (f, u) = (UkTime.ToLocal(from), UkTime.ToLocal(until));
        return new()
        {
            ["Form.Covering"] = who.Id.ToString(),
            ["Form.FromDate.Day"] = f.Day.ToString(CultureInfo.InvariantCulture),
            ["Form.FromDate.Month"] = f.Month.ToString(CultureInfo.InvariantCulture),
            ["Form.FromDate.Year"] = f.Year.ToString(CultureInfo.InvariantCulture),
            ["Form.FromTime"] = f.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Form.UntilDate.Day"] = u.Day.ToString(CultureInfo.InvariantCulture),
            ["Form.UntilDate.Month"] = u.Month.ToString(CultureInfo.InvariantCulture),
            ["Form.UntilDate.Year"] = u.Year.ToString(CultureInfo.InvariantCulture),
            ["Form.UntilTime"] = u.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Form.Reason"] = reason,
        };
    }

    [Fact]
    public async Task ChangingTheNamedPractitioner_MovesEveryOpenContact_OverdueIncluded_WithTheReason_AndIsAudited()
    {
        var s = await Person(signedOffHoursAgo: 49);
        var page = await s.Session.GetPage(s.PathwayUrl);
        Assert.NotNull(page.QuerySelector($"[data-testid=pathway-care] a[href='{s.ChangeUrl}']"));
        var form = await s.Session.GetPage(s.ChangeUrl);
        Assert.Null(form.QuerySelector($"select[name='Form.To'] option[value='{s.Asha.Id}']"));   // already named

        await WebSession.AssertRedirect(await s.Session.PostForm(s.ChangeUrl, new Dictionary<string, string?>
        { ["Form.To"] = s.Ben.Id.ToString(), ["Form.Reason"] = "Ben speaks Polish with her" }));

        var pathway = await app.WithDb(db => db.Pathways.Include(p => p.Contacts).SingleAsync(p => p.Id == s.Pathway));
        Assert.Equal(new StaffId(s.Ben.Id), pathway.NamedPractitionerId);
        Assert.All(pathway.Contacts.Where(c => c.IsOpen), c => Assert.Equal(new StaffId(s.Ben.Id), c.PractitionerId));
        var change = pathway.PractitionerChanges.OrderBy(c => c.ChangedAt).Last();
        Assert.Equal((new StaffId(s.Asha.Id), "Ben speaks Polish with her", new StaffId(s.Asha.Id)), (change.FromPractitionerId!.Value, change.Reason!, change.ChangedBy));
        var audit = await app.WithDb(db => db.AuditEvents.SingleAsync(e => e.Action == AuditActions.HandOver && e.EntityId == s.Pathway.ToString()));
        Assert.Equal(s.Person.Value, audit.PersonId);
        Assert.Contains("Ben speaks Polish with her", audit.Reason);

        page = await s.Session.GetPage(s.PathwayUrl);
        Assert.Equal($"{s.Ben.Name} is now the named practitioner, with 7 open contacts.", page.QuerySelector("[data-testid=notice]")!.TextContent.Trim());
        Assert.Equal(s.Ben.Name, page.QuerySelector("[data-testid=named-practitioner]")!.TextContent.Trim());
        Assert.Contains("Ben speaks Polish with her", (await s.Session.GetPage(s.ChangeUrl)).QuerySelector("[data-testid=practitioner-history]")!.TextContent);
        // The overdue follow-up is Ben's now, and no longer Asha's.
        Assert.Null((await s.Session.GetPage("/")).QuerySelector("[data-testid=overdue-banner]"));
        var ben = app.NewSession();
        await ben.SignIn(s.Ben);
        Assert.Contains("You have 1 overdue contact", (await ben.GetPage("/")).QuerySelector("[data-testid=overdue-banner]")!.TextContent);
    }

    [Fact]
    public async Task ChangingTheNamedPractitioner_AboveTheLimit_MustBeConfirmed_AndWithoutAReason_IsRefused_KeepingWhatWasTyped()
    {
        var s = await Person();
        await app.WithDb(async db =>
        {
            (await db.Teams.SingleAsync(t => t.Id == s.Team.TeamId)).SetCaseloadLimit(1);
            return await db.SaveChangesAsync();
        });
        await app.NewPathway(s.Team, s.Ben, DateTimeOffset.UtcNow.AddHours(-3));

        var page = await Refused(await s.Session.PostForm(s.ChangeUrl, new Dictionary<string, string?> { ["Form.To"] = s.Ben.Id.ToString(), ["Form.Reason"] = "Continuity from her last admission" }));
        Assert.Contains("2 active people against a limit of 1", page.QuerySelector("#Form_ConfirmAboveLimit-error")!.TextContent);
        Assert.Equal("Continuity from her last admission", page.QuerySelector("textarea[name='Form.Reason']")!.TextContent);

        page = await Refused(await s.Session.PostForm(s.ChangeUrl, new Dictionary<string, string?> { ["Form.To"] = s.Ben.Id.ToString(), ["Form.ConfirmAboveLimit"] = "true" }));
        Assert.NotNull(page.QuerySelector("#Form_Reason-error"));
        Assert.True(page.QuerySelector("input[name='Form.ConfirmAboveLimit']")!.HasAttribute("checked"));

        page = await Refused(await s.Session.PostForm(s.ChangeUrl, new Dictionary<string, string?> { ["Form.To"] = "not-a-practitioner", ["Form.Reason"] = "x" }));
        Assert.NotNull(page.QuerySelector("#Form_To-error"));
        Assert.Equal(new StaffId(s.Asha.Id), (await app.WithDb(db => db.Pathways.SingleAsync(p => p.Id == s.Pathway))).NamedPractitionerId);

        await WebSession.AssertRedirect(await s.Session.PostForm(s.ChangeUrl, new Dictionary<string, string?>
        { ["Form.To"] = s.Ben.Id.ToString(), ["Form.ConfirmAboveLimit"] = "true", ["Form.Reason"] = "Continuity from her last admission" }));
        var pathway = await app.WithDb(db => db.Pathways.SingleAsync(p => p.Id == s.Pathway));
        Assert.Equal(new StaffId(s.Ben.Id), pathway.NamedPractitionerId);
        Assert.Equal("Continuity from her last admission; above the caseload limit (2 against 1)", pathway.PractitionerChanges.OrderBy(c => c.ChangedAt).Last().Reason);
    }

    [Fact]
    public async Task Cover_ShowsOnTheCoveringPractitionersWorkAndBanner_TheNamedPractitionerStillSeesIt_AndItEndsWhenEnded()
    {
        var s = await Person(signedOffHoursAgo: 49);
        var family = await app.WithDb(db => db.Persons.Where(p => p.Id == s.Person).Select(p => p.FamilyName).SingleAsync());
        var ben = app.NewSession();
        await ben.SignIn(s.Ben);
        Assert.DoesNotContain(family, (await ben.GetPage("/work")).Body!.TextContent);
        var now = DateTimeOffset.UtcNow;
        var until = now.AddDays(3);

        await WebSession.AssertRedirect(await s.Session.PostForm(s.CoverUrl, Cover(s.Ben, now.AddHours(-1), until, "Asha on annual leave")));

        var cover = await app.WithDb(db => db.PathwayCovers.SingleAsync(c => c.PathwayId == s.Pathway));
        Assert.Equal((new StaffId(s.Ben.Id), "Asha on annual leave", new StaffId(s.Asha.Id)), (cover.CoveringPractitionerId, cover.Reason, cover.ArrangedBy));
        Assert.Equal(UkTime.Format(until), UkTime.Format(cover.EndsAt));
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Create && e.EntityType == "PathwayCover" && e.EntityId == cover.Id.ToString() && e.PersonId == s.Person.Value)));
        var pathwayPage = await s.Session.GetPage(s.PathwayUrl);
        Assert.Contains($"{s.Ben.Name} until {UkTime.Format(cover.EndsAt)}", pathwayPage.QuerySelector("[data-testid=cover]")!.TextContent);
        Assert.Contains("Asha on annual leave", pathwayPage.QuerySelector("[data-testid=cover-arranged]")!.TextContent);

        // Ben sees the work, overdue follow-up first, marked as cover; his banner counts it.
        var bensWork = await ben.GetPage("/work");
        var bensItems = bensWork.QuerySelectorAll("[data-testid=work-item]").Where(r => r.TextContent.Contains(family)).ToList();
        Assert.NotEmpty(bensItems);
        Assert.Contains("Check-in call", bensWork.QuerySelector("[data-testid=overdue]")!.TextContent);
        Assert.All(bensItems, r => Assert.Contains($"Covered by {s.Ben.Name}", r.TextContent));
        Assert.Contains("You have 1 overdue contact", bensWork.QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        // ... and on every other page (the banner read with the session check, then in full for one covering).
        Assert.Contains("You have 1 overdue contact", (await ben.GetPage("/persons")).QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        Assert.Contains("You have 1 overdue contact", (await ben.GetPage($"/teams/{s.Team.TeamId}/work")).QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        // Asha, still named, sees it too.
        var ashasWork = await s.Session.GetPage("/work");
        Assert.Equal(bensItems.Count, ashasWork.QuerySelectorAll("[data-testid=work-item]").Count(r => r.TextContent.Contains(family)));
        Assert.Contains("You have 1 overdue contact", ashasWork.QuerySelector("[data-testid=overdue-banner]")!.TextContent);

        // Asha is back early: she ends the cover from the pathway page, and the work leaves Ben's list.
        await WebSession.AssertRedirect(await s.Session.PostForm(s.PathwayUrl, new Dictionary<string, string?>(), $"{s.CoverUrl}?handler=End&coverId={cover.Id}"));
        Assert.NotNull((await app.WithDb(db => db.PathwayCovers.SingleAsync(c => c.Id == cover.Id))).EndedAt);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Update && e.EntityType == "PathwayCover" && e.EntityId == cover.Id.ToString())));
        pathwayPage = await s.Session.GetPage(s.PathwayUrl);
        Assert.Contains("has ended", pathwayPage.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Null(pathwayPage.QuerySelector("[data-testid=cover]"));
        Assert.Null(pathwayPage.QuerySelector("[data-testid=cover-arranged]"));
        bensWork = await ben.GetPage("/work");
        Assert.DoesNotContain(family, bensWork.Body!.TextContent);
        Assert.Null(bensWork.QuerySelector("[data-testid=overdue-banner]"));
        Assert.Contains(family, (await s.Session.GetPage("/work")).QuerySelector("[data-testid=overdue]")!.TextContent);
    }

    [Fact]
    public async Task MyWork_OfAPractitionerCovering_ListsHisOwnAndTheCoveredTogetherInDueOrder_AndCountsTheRestOfBoth()
    {
        var s = await Person(signedOffHoursAgo: 49);
        var now = DateTimeOffset.UtcNow;
        var (bensPerson, _) = await app.NewPathway(s.Team, s.Ben, now.AddHours(-30));
        await WebSession.AssertRedirect(await s.Session.PostForm(s.CoverUrl, Cover(s.Ben, now.AddHours(-1), now.AddDays(3), "Asha on annual leave")));
        await using var scope = app.Scope();
        var worklists = scope.ServiceProvider.GetRequiredService<Worklists>();
        var ben = new CurrentStaff(new StaffId(s.Ben.Id), s.Ben.Name, s.Ben.Role, s.Ben.TeamId, null);

        // What "my work" must hold: every open contact of Ben's and of the pathway he covers opening within the horizon, by due time.
        var expected = await app.WithDb(db => db.PlannedContacts
            .Where(c => c.Status == ContactStatus.Open && c.OpensAt <= now + Worklists.Horizon
                        && (c.PractitionerId == new StaffId(s.Ben.Id) || c.PathwayId == s.Pathway))
            .Select(c => new { c.Id, c.PersonId, c.DueAt }).ToListAsync());
        expected = [.. expected.OrderBy(c => c.DueAt).ThenBy(c => c.Id.Value)];
        var endOfToday = UkTime.EndOfDay(now);
        var rest = expected.Where(c => c.DueAt >= endOfToday).ToList();
        // The test means something only if both pathways have contacts overdue or due today and in the rest.
        Assert.Contains(expected, c => c.DueAt < endOfToday && c.PersonId == s.Person);
        Assert.Contains(rest, c => c.PersonId == s.Person);
        Assert.Contains(rest, c => c.PersonId == bensPerson);

        var all = await worklists.ForPractitioner(ben, now, 1000, default);
        Assert.Equal(expected.Select(c => c.Id), all.Items.Select(i => i.Id));
        Assert.Equal(rest.Count, all.NextTotal);

        // Showing one of the rest: everything overdue or due today, then the earliest of the rest, whoever's it is; the count is still of them all.
        await using var again = app.Scope();
        var one = await again.ServiceProvider.GetRequiredService<Worklists>().ForPractitioner(ben, now, 1, default);
        Assert.Equal(expected.Where(c => c.DueAt < endOfToday).Append(rest[0]).Select(c => c.Id), one.Items.Select(i => i.Id));
        Assert.Equal(rest.Count, one.NextTotal);
        Assert.All(one.Items.Where(i => i.PersonId == s.Person), i => Assert.Equal(s.Ben.Name, i.CoverName));
    }

    [Fact]
    public async Task CoverOfOnePathway_ShowsItsWorkAndMessages_NotTheRestOfTheColleaguesCaseload_UntilAHandoverEndsIt()
    {
        // Asha has two people, each overdue for the check-in and each waiting on a message; Ben covers one.
        var s = await Person(signedOffHoursAgo: 49);
        var now = DateTimeOffset.UtcNow;
        var (other, _) = await app.NewPathway(s.Team, s.Asha, now.AddHours(-49));
        var families = await app.WithDb(db => db.Persons.Where(p => p.Id == s.Person || p.Id == other).ToDictionaryAsync(p => p.Id, p => p.FamilyName));
        await app.SetReadingHours(s.Team, MessagingTestData.AlwaysReading);
        await (await app.SignedIn(await app.NewPatientAccount(s.Person))).Send("Is Asha away?");
        await (await app.SignedIn(await app.NewPatientAccount(other))).Send("Can we move Thursday?");
        await WebSession.AssertRedirect(await s.Session.PostForm(s.CoverUrl, Cover(s.Ben, now.AddHours(-1), now.AddDays(3), "Asha on annual leave")));

        // Ben's work, banner and header hold the covered person's alone, though the rest of Asha's
        // work is read on the way to it (covered work is found from whose it is).
        var ben = await app.SignedIn(s.Ben);
        var work = await ben.GetPage("/work");
        var text = work.Body!.TextContent;
        Assert.Contains(families[s.Person], work.QuerySelector("[data-testid=overdue]")!.TextContent);
        Assert.DoesNotContain(families[other], text);
        Assert.Contains("You have 1 overdue contact", work.QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        Assert.Contains(families[s.Person], Assert.Single(work.QuerySelectorAll("[data-testid=waiting-conversation]")).TextContent);
        Assert.Equal(1, MessagingTestData.HeaderCount(work));
        var elsewhere = await ben.GetPage($"/teams/{s.Team.TeamId}/work");
        Assert.Contains("You have 1 overdue contact", elsewhere.QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        Assert.Equal(1, MessagingTestData.HeaderCount(elsewhere));

        // Handed to Cara, the pathway's work and its conversation are hers; Ben's cover ended with it.
        var cara = await app.NewStaff(StaffRole.Practitioner, s.Team);
        await app.WithDb(async db =>
        {
            var pathway = await db.Pathways.Include(p => p.Contacts).Include(p => p.Covers).SingleAsync(p => p.Id == s.Pathway);
            pathway.HandOver(new StaffId(cara.Id), "Asha has moved to the community team", new StaffId(s.Asha.Id), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        work = await ben.GetPage("/work");
        Assert.DoesNotContain(families[s.Person], work.Body!.TextContent);
        Assert.Null(work.QuerySelector("[data-testid=overdue-banner]"));
        Assert.Empty(work.QuerySelectorAll("[data-testid=waiting-conversation]"));
        Assert.Equal(0, MessagingTestData.HeaderCount(work));
        var carasWork = await (await app.SignedIn(cara)).GetPage("/work");
        Assert.Contains("You have 1 overdue contact", carasWork.QuerySelector("[data-testid=overdue-banner]")!.TextContent);
        Assert.Equal(1, MessagingTestData.HeaderCount(carasWork));
    }

    [Fact]
    public async Task CoverPlannedForLater_IsNotOnTheCoveringPractitionersWorkUntilItStarts()
    {
        var s = await Person();
        var family = await app.WithDb(db => db.Persons.Where(p => p.Id == s.Person).Select(p => p.FamilyName).SingleAsync());
        var now = DateTimeOffset.UtcNow;
        await WebSession.AssertRedirect(await s.Session.PostForm(s.CoverUrl, Cover(s.Ben, now.AddDays(2), now.AddDays(5), "Asha on a course")));
        var ben = app.NewSession();
        await ben.SignIn(s.Ben);
        Assert.DoesNotContain(family, (await ben.GetPage("/work")).Body!.TextContent);
        Assert.Contains("Cover planned", (await s.Session.GetPage(s.PathwayUrl)).QuerySelector("[data-testid=cover-arranged]")!.TextContent);
        // Once it has started, it is on Ben's work (asked of the worklist itself: a signed-in session would time out).
        await using var scope = app.Scope();
        var worklists = scope.ServiceProvider.GetRequiredService<Worklists>();
        var benAsStaff = new CurrentStaff(new StaffId(s.Ben.Id), s.Ben.Name, s.Ben.Role, s.Ben.TeamId, null);
        Assert.DoesNotContain((await worklists.ForPractitioner(benAsStaff, now.AddDays(1), 1000, default)).Items, i => i.PersonId == s.Person);
        var later = (await worklists.ForPractitioner(benAsStaff, now.AddDays(2.5), 1000, default)).Items;
        Assert.Contains(later, i => i.PersonId == s.Person && i.CoverName == s.Ben.Name);
    }

    [Fact]
    public async Task ArrangingCover_WithBadInput_ShowsEachErrorByItsField_AndKeepsWhatWasTyped()
    {
        var s = await Person();
        var now = DateTimeOffset.UtcNow;

        var page = await Refused(await s.Session.PostForm(s.CoverUrl, new Dictionary<string, string?>
        {
            ["Form.Covering"] = "",
            ["Form.FromDate.Day"] = "31",
            ["Form.FromDate.Month"] = "2",
            ["Form.FromDate.Year"] = "2026",
            ["Form.FromTime"] = "9am",
            ["Form.UntilDate.Day"] = "",
            ["Form.UntilDate.Month"] = "",
            ["Form.UntilDate.Year"] = "",
            ["Form.Reason"] = "Asha on leave",
        }));
        Assert.NotNull(page.QuerySelector("#Form_Covering-error"));
        Assert.Contains("real date", page.QuerySelector("#Form_FromDate-error")!.TextContent);
        Assert.Contains("24-hour", page.QuerySelector("#Form_FromTime-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("#Form_UntilDate-error"));
        Assert.NotNull(page.QuerySelector("#Form_UntilTime-error"));
        Assert.Equal("9am", page.QuerySelector("input[name='Form.FromTime']")!.GetAttribute("value"));
        Assert.Equal("31", page.QuerySelector("input[name='Form.FromDate.Day']")!.GetAttribute("value"));
        Assert.Equal("Asha on leave", page.QuerySelector("textarea[name='Form.Reason']")!.TextContent);

        page = await Refused(await s.Session.PostForm(s.CoverUrl, Cover(s.Ben, now.AddDays(2), now.AddDays(1), "Asha on leave")));
        Assert.Contains("must end after it starts", page.QuerySelector("#Form_UntilDate-error")!.TextContent);
        page = await Refused(await s.Session.PostForm(s.CoverUrl, Cover(s.Ben, now.AddDays(-3), now.AddDays(-1), "Asha on leave")));
        Assert.Contains("in the future", page.QuerySelector("#Form_UntilDate-error")!.TextContent);
        page = await Refused(await s.Session.PostForm(s.CoverUrl, Cover(s.Asha, now, now.AddDays(1), "Asha on leave")));
        Assert.Contains("someone other than the named practitioner", page.QuerySelector("#Form_Covering-error")!.TextContent);
        page = await Refused(await s.Session.PostForm(s.CoverUrl, Cover(s.Ben, now, now.AddDays(1), " ")));
        Assert.NotNull(page.QuerySelector("#Form_Reason-error"));
        var outsider = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        page = await Refused(await s.Session.PostForm(s.CoverUrl, Cover(outsider, now, now.AddDays(1), "Asha on leave")));
        Assert.NotNull(page.QuerySelector("#Form_Covering-error"));

        Assert.False(await app.WithDb(db => db.PathwayCovers.AnyAsync(c => c.PathwayId == s.Pathway)));
    }

    [Theory]
    [InlineData(StaffRole.Practitioner)]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Administrator)]
    public async Task ThePagesThatChangeWhoDoesTheWork_ForAnotherTeamOrAnAdministrator_AreNotFound(StaffRole role)
    {
        var s = await Person();
        var outsider = app.NewSession();
        await outsider.SignIn(await app.NewStaff(role, role == StaffRole.Administrator ? null : await app.NewTeam()));
        await AssertNoWayIn(s, outsider);
    }

    [Fact]
    public async Task ThePagesThatChangeWhoDoesTheWork_UnderBreakGlass_ForAPatient_OrSignedOut_AreNotFound()
    {
        var s = await Person();
        var otherTeam = await app.NewTeam();
        var glass = await app.NewStaff(StaffRole.Practitioner, otherTeam);
        await app.WithDb(async db =>
        {
            db.BreakGlassGrants.Add(BreakGlassGrant.Open(StaffRole.Practitioner, new StaffId(glass.Id), otherTeam.TeamId, s.Person, s.Team.TeamId,
                "Came to our ED at night, needs the safety plan", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var glassSession = app.NewSession();
        await glassSession.SignIn(glass);
        var read = await glassSession.GetPage(s.PathwayUrl);   // break-glass may read the pathway...
        Assert.Null(read.QuerySelector("[data-testid=pathway-care]"));   // ...is offered no way to change who does the work...
        Assert.NotNull((await s.Session.GetPage(s.PathwayUrl)).QuerySelector("[data-testid=pathway-care]"));
        await AssertNoWayIn(s, glassSession);         // ...and has none

        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(s.Person));
        Assert.Equal(HttpStatusCode.NotFound, (await patient.Get(s.ChangeUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.Get(s.CoverUrl)).StatusCode);
        var anonymous = await app.NewSession().Get(s.CoverUrl);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", anonymous.Headers.Location!.OriginalString);
    }

    private async Task AssertNoWayIn(Setup s, WebSession outsider)
    {
        foreach (var url in new[] { s.ChangeUrl, s.CoverUrl })
        {
            var response = await outsider.Get(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(s.Asha.Name, await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostForm("/account/sign-out", new Dictionary<string, string?> { ["Form.To"] = s.Ben.Id.ToString(), ["Form.Reason"] = "Taking over" }, s.ChangeUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostForm("/account/sign-out", Cover(s.Ben, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), "Leave"), s.CoverUrl)).StatusCode);
        var pathway = await app.WithDb(db => db.Pathways.Include(p => p.Covers).SingleAsync(p => p.Id == s.Pathway));
        Assert.Equal(new StaffId(s.Asha.Id), pathway.NamedPractitionerId);
        Assert.Empty(pathway.Covers);
    }
}
