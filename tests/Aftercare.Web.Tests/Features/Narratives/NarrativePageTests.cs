using System.Net;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Narratives;

[Collection("web")]
public sealed class NarrativePageTests(AftercareFactory app)
{
    [Fact]
    public async Task TheStory_IsKeptInTheirWords_WithTheirChoiceOfReaders_WhichCanChange()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var url = $"/persons/{person}/narrative";
        const string story = "It started when Dad left. I stopped going to college… I don't want my GP to know.";

        var response = await session.PostForm(url, new Dictionary<string, string?> { ["Form.Story"] = story, ["Form.Sharing"] = "CareTeamAndReferredServices" }, url + "?handler=Record");
        await WebSession.AssertRedirect(response);
        var page = await session.GetPage(url);
        Assert.Equal(story, page.QuerySelector("[data-testid=story]")!.TextContent);
        var saved = await app.WithDb(db => db.Narratives.Where(n => n.PersonId == person).SingleAsync());
        Assert.Equal(NarrativeSharing.CareTeamAndReferredServices, saved.Sharing);
        Assert.False(saved.MayBeReadBy(NarrativeReader.Gp));

        await session.PostForm(url, new Dictionary<string, string?> { ["Sharing"] = "CareTeamOnly" }, url + "?handler=Sharing");
        saved = await app.WithDb(db => db.Narratives.Where(n => n.PersonId == person).SingleAsync());
        Assert.Equal(NarrativeSharing.CareTeamOnly, saved.Sharing);
        Assert.False(saved.MayBeReadBy(NarrativeReader.ReferredService));
        Assert.NotNull(saved.SharingChangedAt);
    }

    [Fact]
    public async Task SavingWithoutAChoiceOfReaders_AsksForIt_AndKeepsTheStory()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var url = $"/persons/{person}/narrative";
        var response = await session.PostForm(url, new Dictionary<string, string?> { ["Form.Story"] = "Words to keep" }, url + "?handler=Record");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("who may read their story", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("Words to keep", page.QuerySelector("textarea[name='Form.Story']")!.TextContent);
        Assert.Equal(0, await app.WithDb(db => db.Narratives.CountAsync(n => n.PersonId == person)));
    }

    [Fact]
    public async Task TheStory_ForAnotherTeamOrAnAdministrator_IsNotFound()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        foreach (var (role, t) in new[] { (StaffRole.Practitioner, await app.NewTeam()), (StaffRole.Supervisor, await app.NewTeam()), (StaffRole.Administrator, (TeamAtSite?)null) })
        {
            var other = app.NewSession();
            await other.SignIn(await app.NewStaff(role, t));
            Assert.Equal(HttpStatusCode.NotFound, (await other.Get($"/persons/{person}/narrative")).StatusCode);
        }
    }
}
