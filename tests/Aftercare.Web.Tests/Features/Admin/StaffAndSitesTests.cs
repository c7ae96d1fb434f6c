using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Admin;

[Collection("web")]
public sealed class StaffAndSitesTests(AftercareFactory app)
{
    [Fact]
    public async Task AnAdministrator_AddsASiteAndTeam_InvitesAPractitioner_WhoSetsAPasswordOnce()
    {
        var admin = app.NewSession();
        await admin.SignIn(await app.NewStaff(StaffRole.Administrator, null));
        var siteName = TestWorld.Unique("Kingsmead Hospital ");
        var response = await admin.PostForm("/admin/sites", new Dictionary<string, string?> { ["NewSite.Name"] = siteName, ["NewSite.OdsCode"] = "rx1" }, "/admin/sites?handler=Site");
        await WebSession.AssertRedirect(response);
        var siteId = await app.WithDb(db => db.Sites.Where(s => s.Name == siteName).Select(s => s.Id.Value).SingleAsync());
        var teamName = TestWorld.Unique("Liaison ");
        response = await admin.PostForm("/admin/sites", new Dictionary<string, string?> { ["NewTeam.SiteId"] = siteId.ToString(), ["NewTeam.Name"] = teamName }, "/admin/sites?handler=Team");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sites = await admin.GetPage("/admin/sites");
        Assert.Contains(teamName, sites.Body!.TextContent);
        Assert.Contains("RX1", sites.Body!.TextContent);
        var teamId = await app.WithDb(db => db.Teams.Where(t => t.Name == teamName).Select(t => t.Id.Value).SingleAsync());

        var email = TestWorld.Unique("new.starter") + "@example.nhs.uk";
        response = await admin.PostForm("/admin/staff", new Dictionary<string, string?>
        {
            ["Invite.Name"] = "Nia Okafor",
            ["Invite.Email"] = email,
            ["Invite.Role"] = "Practitioner",
            ["Invite.TeamId"] = teamId.ToString(),
        }, "/admin/staff?handler=Invite");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var link = page.QuerySelector("[data-testid=invitation] .app-one-time-code")!.TextContent.Trim();
        var path = new Uri(link).PathAndQuery;

        var newcomer = app.NewSession();
        response = await newcomer.PostForm(path, new Dictionary<string, string?> { ["Form.Password"] = "password123", ["Form.ConfirmPassword"] = "password123" });
        Assert.Contains("most commonly used", await response.Content.ReadAsStringAsync());
        response = await newcomer.PostForm(path, new Dictionary<string, string?> { ["Form.Password"] = "short", ["Form.ConfirmPassword"] = "short" });
        Assert.Contains("between 8 and 128 characters", await response.Content.ReadAsStringAsync());
        const string chosen = "kettle on the windowsill";
        response = await newcomer.PostForm(path, new Dictionary<string, string?> { ["Form.Password"] = chosen, ["Form.ConfirmPassword"] = chosen });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // The invitation works once.
        var reused = await newcomer.GetPage(path);
        Assert.Contains("This invitation cannot be used", reused.Body!.TextContent);

        response = await newcomer.PostForm("/account/sign-in", new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = chosen });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await newcomer.Get("/");
        Assert.Contains("/account/set-up-two-factor", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task InvitingWithoutATeamOrWithABadEmail_ExplainsWhatToFix()
    {
        var admin = app.NewSession();
        await admin.SignIn(await app.NewStaff(StaffRole.Administrator, null));
        var response = await admin.PostForm("/admin/staff", new Dictionary<string, string?>
        {
            ["Invite.Name"] = "Someone",
            ["Invite.Email"] = "not-an-email",
            ["Invite.Role"] = "Practitioner",
        }, "/admin/staff?handler=Invite");
        var summary = WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent;
        Assert.Contains("Choose the team this person works in", summary);
        Assert.Contains("right format", summary);
    }

    [Fact]
    public async Task ASiteOrTeamWithoutAName_IsExplained_AndNothingIsAdded()
    {
        var admin = app.NewSession();
        await admin.SignIn(await app.NewStaff(StaffRole.Administrator, null));
        var before = await app.WithDb(db => db.Sites.CountAsync());
        var response = await admin.PostForm("/admin/sites", new Dictionary<string, string?> { ["NewSite.Name"] = "", ["NewSite.OdsCode"] = "RX9" }, "/admin/sites?handler=Site");
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter the site's name", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("RX9", page.QuerySelector("input[name='NewSite.OdsCode']")!.GetAttribute("value"));
        Assert.Equal(before, await app.WithDb(db => db.Sites.CountAsync()));

        response = await admin.PostForm("/admin/sites", new Dictionary<string, string?> { ["NewTeam.SiteId"] = Guid.NewGuid().ToString(), ["NewTeam.Name"] = "Liaison" }, "/admin/sites?handler=Team");
        page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose a site from the list", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("Liaison", page.QuerySelector("input[name='NewTeam.Name']")!.GetAttribute("value"));
    }
}
