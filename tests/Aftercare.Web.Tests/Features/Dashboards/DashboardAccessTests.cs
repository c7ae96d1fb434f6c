using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;

namespace Aftercare.Web.Tests.Features.Dashboards;

/// <summary>
/// Who may open which dashboard and its CSV: a team's, its supervisor only; a site's, a supervisor of
/// one of its teams and administrators; the deployment's, administrators. Everyone else is told
/// "not found", page and CSV alike.
/// </summary>
[Collection("web")]
public sealed class DashboardAccessTests(AftercareFactory app)
{
    private async Task<WebSession> SignedIn(StaffAccount who)
    {
        var s = app.NewSession();
        await s.SignIn(who);
        return s;
    }

    private static async Task AssertNotFound(WebSession session, string url, string who)
    {
        foreach (var address in new[] { url, url + ".csv" })
        {
            var response = await session.Get(address);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who} opened {address}: {(int)response.StatusCode}");
        }
    }

    private static async Task AssertOpens(WebSession session, string url)
    {
        var page = await session.GetPage(url);
        Assert.NotNull(page.QuerySelector("[data-testid=figure-followup]"));
        var csv = await session.Get(url + ".csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("figure,breakdown,group", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EachDashboard_OpensOnlyForWhoeverMaySeeIt_AndIsNotFoundForEveryoneElse()
    {
        var team = await app.NewTeam();
        var otherTeam = await app.NewTeam(); // at another site
        var supervisor = await SignedIn(await app.NewStaff(StaffRole.Supervisor, team));
        var practitioner = await SignedIn(await app.NewStaff(StaffRole.Practitioner, team));
        var otherSupervisor = await SignedIn(await app.NewStaff(StaffRole.Supervisor, otherTeam));
        var administrator = await SignedIn(await app.NewStaff(StaffRole.Administrator, null));
        var (personId, _) = await app.NewPerson(team);
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(personId));
        var service = app.NewSession();
        await service.SignIn(await app.NewServiceUser());

        var teamUrl = $"/teams/{team.TeamId}/dashboard";
        var siteUrl = $"/sites/{team.SiteId}/dashboard";
        const string deploymentUrl = "/dashboard";

        await AssertOpens(supervisor, teamUrl);
        await AssertOpens(supervisor, siteUrl);
        await AssertOpens(administrator, siteUrl);
        await AssertOpens(administrator, deploymentUrl);

        foreach (var (session, who) in new[] { (practitioner, "the team's practitioner"), (otherSupervisor, "another team's supervisor"), (administrator, "an administrator"), (patient, "a patient"), (service, "a receiving service") })
            await AssertNotFound(session, teamUrl, who);
        foreach (var (session, who) in new[] { (practitioner, "a practitioner of the site"), (otherSupervisor, "another site's supervisor"), (patient, "a patient"), (service, "a receiving service") })
            await AssertNotFound(session, siteUrl, who);
        foreach (var (session, who) in new[] { (supervisor, "a supervisor"), (practitioner, "a practitioner"), (patient, "a patient"), (service, "a receiving service") })
            await AssertNotFound(session, deploymentUrl, who);
        // A team or site that does not exist is not found either, even for whoever may see dashboards.
        await AssertNotFound(administrator, $"/sites/{Guid.NewGuid()}/dashboard", "an administrator, for no such site");
    }

    [Fact]
    public async Task EachDashboard_LinksOnlyToTheDashboardsItsReaderMayOpen()
    {
        var team = await app.NewTeam();
        var supervisor = await SignedIn(await app.NewStaff(StaffRole.Supervisor, team));
        var administrator = await SignedIn(await app.NewStaff(StaffRole.Administrator, null));

        var teamPage = await supervisor.GetPage($"/teams/{team.TeamId}/dashboard");
        var teamLinks = teamPage.QuerySelectorAll("[data-testid=dashboard-links] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/sites/{team.SiteId}/dashboard"], teamLinks);
        var sitePage = await supervisor.GetPage($"/sites/{team.SiteId}/dashboard");
        Assert.Equal([$"/teams/{team.TeamId}/dashboard"], sitePage.QuerySelectorAll("[data-testid=dashboard-links] a").Select(a => a.GetAttribute("href")).ToList());

        var adminSite = await administrator.GetPage($"/sites/{team.SiteId}/dashboard");
        Assert.Equal(["/dashboard"], adminSite.QuerySelectorAll("[data-testid=dashboard-links] a").Select(a => a.GetAttribute("href")).ToList());
        var deployment = await administrator.GetPage("/dashboard");
        Assert.Contains($"/sites/{team.SiteId}/dashboard", deployment.QuerySelectorAll("[data-testid=dashboard-links] a").Select(a => a.GetAttribute("href")));
    }
}
