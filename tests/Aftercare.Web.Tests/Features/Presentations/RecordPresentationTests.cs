using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Presentations;

[Collection("web")]
public sealed class RecordPresentationTests(AftercareFactory app)
{
    private static Dictionary<string, string?> Form(TeamAtSite team, DateTime local, string account = "I took 30 paracetamol. I wanted it all to stop.") => new()
    {
        ["Form.SiteId"] = team.SiteId.ToString(),
        ["Form.ArrivedDate.Day"] = local.Day.ToString(),
        ["Form.ArrivedDate.Month"] = local.Month.ToString(),
        ["Form.ArrivedDate.Year"] = local.Year.ToString(),
        ["Form.ArrivedTime"] = local.ToString("HH:mm"),
        ["Form.AccountInOwnWords"] = account,
        ["Form.Method"] = "SelfPoisoning",
        ["Form.IntentInOwnWords"] = "I don't know what I wanted",
    };

    [Fact]
    public async Task ARecordedPresentation_AppearsOnTheTimeline_InThePersonsWords_AtUkTime()
    {
        var team = await app.NewTeam();
        var (id, _) = await app.NewPerson(team, presentations: 1);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var local = UkTime.ToLocal(DateTimeOffset.UtcNow).AddHours(-3);
        var arrived = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0);
        var response = await session.PostForm($"/persons/{id}/presentations/new", Form(team, arrived));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var record = await session.GetPage($"/persons/{id}");
        var items = record.QuerySelectorAll("[data-testid=timeline] li");
        Assert.Equal(2, items.Length);
        Assert.Contains("I took 30 paracetamol. I wanted it all to stop.", items[0].TextContent);
        Assert.Contains(arrived.ToString("HH:mm"), items[0].TextContent);
        Assert.Contains(team.SiteName, items[0].TextContent);
        var stored = await app.WithDb(db => db.Presentations.Where(p => p.PersonId == id).OrderByDescending(p => p.ArrivedAt).Select(p => p.ArrivedAt).FirstAsync());
        Assert.Equal(UkTime.ToUtc(DateOnly.FromDateTime(arrived), TimeOnly.FromDateTime(arrived)), stored);
    }

    [Fact]
    public async Task AnArrivalInTheFuture_IsRefusedNextToTheDate_AndTheWordsAreKept()
    {
        var team = await app.NewTeam();
        var (id, _) = await app.NewPerson(team, presentations: 0);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var response = await session.PostForm($"/persons/{id}/presentations/new", Form(team, UkTime.ToLocal(DateTimeOffset.UtcNow).AddDays(2), "Words I must not lose"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Arrival time must be now or in the past", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("Words I must not lose", page.QuerySelector("textarea[name='Form.AccountInOwnWords']")!.TextContent);
        Assert.Equal(0, await app.WithDb(db => db.Presentations.CountAsync(p => p.PersonId == id)));
    }

    [Fact]
    public async Task MissingWordsAndTime_AreEachExplained()
    {
        var team = await app.NewTeam();
        var (id, _) = await app.NewPerson(team, presentations: 0);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var form = Form(team, DateTime.Now.AddHours(-1), "");
        form["Form.ArrivedTime"] = "25:99";
        var response = await session.PostForm($"/persons/{id}/presentations/new", form);
        var summary = WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent;
        Assert.Contains("Enter what happened, in the person's words", summary);
        Assert.Contains("24-hour format", summary);
    }
}
