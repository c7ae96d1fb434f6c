using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;

namespace Aftercare.Web.Tests.Security;

/// <summary>
/// Every page that shows a person's data, opened by each role and team that must not see it,
/// answers "not found" and shows nothing of the person.
/// </summary>
[Collection("web")]
public sealed class RecordAccessTests(AftercareFactory app)
{
    public static readonly TheoryData<string> PersonPages = new()
    {
        "/persons/{id}",
        "/persons/{id}/presentations/new",
        "/persons/{id}/access-log",
        "/persons/{id}/narrative",
        "/persons/{id}/safety-plan",
        "/persons/{id}/safety-plan/edit",
        "/persons/{id}/safety-plan/history",
        "/persons/{id}/safety-plan/pdf",
        "/persons/{id}/pathway",
        "/persons/{id}/messages",
        "/persons/{id}/messages?q=walk",
    };

    [Theory]
    [MemberData(nameof(PersonPages))]
    public async Task PersonPage_ForPractitionerOfAnotherTeam_IsNotFound(string page)
    {
        var (url, family) = await AnotherTeamsPerson(page);
        var other = await app.NewTeam();
        var session = await SignedIn(StaffRole.Practitioner, other);
        await AssertNotFound(session, url, family);
    }

    [Theory]
    [MemberData(nameof(PersonPages))]
    public async Task PersonPage_ForSupervisorOfAnotherTeam_IsNotFound(string page)
    {
        var (url, family) = await AnotherTeamsPerson(page);
        var session = await SignedIn(StaffRole.Supervisor, await app.NewTeam());
        await AssertNotFound(session, url, family);
    }

    [Theory]
    [MemberData(nameof(PersonPages))]
    public async Task PersonPage_ForAdministrator_IsNotFound(string page)
    {
        var (url, family) = await AnotherTeamsPerson(page);
        var session = await SignedIn(StaffRole.Administrator, null);
        await AssertNotFound(session, url, family);
    }

    [Theory]
    [MemberData(nameof(PersonPages))]
    public async Task PersonPage_ForAPatient_EvenOfTheSameTeam_IsNotFound(string page)
    {
        var team = await app.NewTeam();
        var (id, family) = await app.NewPerson(team);
        var (own, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewPatientAccount(own));
        await AssertNotFound(session, page.Replace("{id}", id.ToString()), family);
    }

    [Theory]
    [MemberData(nameof(PersonPages))]
    public async Task PersonPage_ForAReceivingService_IsNotFound(string page)
    {
        var (url, family) = await AnotherTeamsPerson(page);
        var session = app.NewSession();
        await session.SignIn(await app.NewServiceUser());
        await AssertNotFound(session, url, family);
    }

    [Theory]
    [MemberData(nameof(PersonPages))]
    public async Task PersonPage_WhenNotSignedIn_GoesToSignIn(string page)
    {
        var (url, family) = await AnotherTeamsPerson(page);
        var response = await app.NewSession().Get(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
        Assert.DoesNotContain(family, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AccessLog_ForPractitionerOfTheSameTeam_IsNotFound()
    {
        var team = await app.NewTeam();
        var (id, family) = await app.NewPerson(team);
        var session = await SignedIn(StaffRole.Practitioner, team);
        await AssertNotFound(session, $"/persons/{id}/access-log", family);
    }

    [Fact]
    public async Task PersonPages_ForTheCareTeam_Open()
    {
        var team = await app.NewTeam();
        var (id, family) = await app.NewPerson(team);
        var practitioner = await SignedIn(StaffRole.Practitioner, team);
        var supervisor = await SignedIn(StaffRole.Supervisor, team);
        Assert.Contains(family, (await practitioner.GetPage($"/persons/{id}")).Body!.TextContent);
        await practitioner.GetPage($"/persons/{id}/presentations/new");
        Assert.Contains(family, (await supervisor.GetPage($"/persons/{id}/access-log")).Body!.TextContent);
    }

    [Fact]
    public async Task PersonList_ForAnotherTeam_DoesNotShowThePerson()
    {
        var team = await app.NewTeam();
        var (_, family) = await app.NewPerson(team);
        var session = await SignedIn(StaffRole.Practitioner, await app.NewTeam());
        var page = await session.GetPage("/persons");
        Assert.DoesNotContain(family, page.Body!.TextContent);
        page = await session.GetPage($"/persons?Name={family}");
        Assert.DoesNotContain(family, page.Body!.TextContent);
    }

    [Fact]
    public async Task AnExactSearch_ByASupervisorOfAnotherTeam_DoesNotSayWhoHoldsThePerson()
    {
        var nhs = TestWorld.NewNhsNumber();
        var (_, family) = await app.NewPerson(await app.NewTeam(), nhs);
        var supervisor = await SignedIn(StaffRole.Supervisor, await app.NewTeam());
        var page = await supervisor.GetPage($"/persons?Nhs={nhs}");
        Assert.DoesNotContain(family, page.Body!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=elsewhere]"));
        page = await supervisor.GetPage($"/persons?Name={family}&Dob.Day=12&Dob.Month=4&Dob.Year=1999");
        Assert.DoesNotContain(family, page.Body!.TextContent);
    }

    [Fact]
    public async Task PersonSearch_ForAdministrator_IsNotFound()
    {
        var session = await SignedIn(StaffRole.Administrator, null);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get("/persons")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get("/persons/register")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get("/team/break-glass")).StatusCode);
    }

    [Fact]
    public async Task AdminPages_ForPractitionerAndSupervisor_AreNotFound()
    {
        var team = await app.NewTeam();
        foreach (var role in new[] { StaffRole.Practitioner, StaffRole.Supervisor })
        {
            var session = await SignedIn(role, team);
            Assert.Equal(HttpStatusCode.NotFound, (await session.Get("/admin/staff")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await session.Get("/admin/sites")).StatusCode);
        }
    }

    [Fact]
    public async Task BreakGlassReview_ShowsOnlyTheSupervisorsOwnTeam()
    {
        var team = await app.NewTeam();
        var (id, family) = await app.NewPerson(team);
        var outsider = await SignedIn(StaffRole.Practitioner, await app.NewTeam());
        await outsider.PostForm($"/persons/{id}/break-glass", new Dictionary<string, string?> { ["Form.Reason"] = "Attended our ED tonight; need history for the assessment" });

        var otherSupervisor = await SignedIn(StaffRole.Supervisor, await app.NewTeam());
        Assert.DoesNotContain(family, (await otherSupervisor.GetPage("/team/break-glass")).Body!.TextContent);
        var ownSupervisor = await SignedIn(StaffRole.Supervisor, team);
        Assert.Contains(family, (await ownSupervisor.GetPage("/team/break-glass")).Body!.TextContent);
        var ownPractitioner = await SignedIn(StaffRole.Practitioner, team);
        await AssertNotFound(ownPractitioner, "/team/break-glass", family);
    }

    [Fact]
    public async Task MalformedOrUnknownIds_AreFriendlyNotFound()
    {
        var session = await SignedIn(StaffRole.Practitioner, await app.NewTeam());
        foreach (var url in new[] { "/persons/not-an-id", $"/persons/{Guid.NewGuid()}", "/persons/1'%20OR%201=1", "/no-such-page" })
        {
            var response = await session.Get(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Page not found", html);
            Assert.DoesNotContain("Exception", html);
        }
    }

    private async Task<(string Url, string Family)> AnotherTeamsPerson(string page)
    {
        var team = await app.NewTeam();
        var (id, family) = await app.NewPerson(team);
        return (page.Replace("{id}", id.ToString()), family);
    }

    private async Task<WebSession> SignedIn(StaffRole role, TeamAtSite? team)
    {
        var account = await app.NewStaff(role, team);
        var session = app.NewSession();
        await session.SignIn(account);
        return session;
    }

    private static async Task AssertNotFound(WebSession session, string url, string family)
    {
        var response = await session.Get(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(family, await response.Content.ReadAsStringAsync());
    }
}
