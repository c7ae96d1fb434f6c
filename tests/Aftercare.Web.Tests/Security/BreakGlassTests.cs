using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Security;

[Collection("web")]
public sealed class BreakGlassTests(AftercareFactory app)
{
    [Fact]
    public async Task BreakGlass_WithAReason_OpensTheRecord_AuditsIt_AndShowsTheRecordTeamsSupervisor()
    {
        var team = await app.NewTeam();
        var (id, family) = await app.NewPerson(team);
        var outsider = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var session = app.NewSession();
        await session.SignIn(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{id}")).StatusCode);

        await session.GetPage($"/persons/{id}/break-glass");
        const string reason = "Attended our ED at 02:00 after an overdose; need history";
        var response = await session.PostForm($"/persons/{id}/break-glass", new Dictionary<string, string?> { ["Form.Reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var record = await session.GetPage($"/persons/{id}");
        Assert.Contains(family, record.Body!.TextContent);
        Assert.NotNull(record.QuerySelector("[data-testid=break-glass-banner]"));

        var events = await app.WithDb(db => db.AuditEvents.Where(a => a.PersonId == id.Value && a.ActorId == outsider.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Contains(events, e => e.Action == "break-glass" && e.Reason == reason);
        Assert.Contains(events, e => e.Action == "view" && e.Reason == "Identifying details shown before break-glass");
        Assert.Contains(events, e => e.Action == "view" && e.Reason != null);

        var supervisor = app.NewSession();
        await supervisor.SignIn(await app.NewStaff(StaffRole.Supervisor, team));
        var home = await supervisor.GetPage("/");
        Assert.Contains("Break-glass access to review", home.Body!.TextContent);
        var review = await supervisor.GetPage("/team/break-glass");
        Assert.Contains(reason, review.Body!.TextContent);
        Assert.Contains(outsider.Name, review.Body!.TextContent);
        var log = await supervisor.GetPage($"/persons/{id}/access-log");
        Assert.Contains(outsider.Name, log.Body!.TextContent);
    }

    [Fact]
    public async Task BreakGlass_WithATooShortReason_IsRefusedWithAMessage_AndOpensNothing()
    {
        var team = await app.NewTeam();
        var (id, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        var response = await session.PostForm($"/persons/{id}/break-glass", new Dictionary<string, string?> { ["Form.Reason"] = "need it" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("at least 20 characters", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("need it", page.QuerySelector("textarea[name='Form.Reason']")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{id}")).StatusCode);
    }

    [Fact]
    public async Task BreakGlass_ForASupervisor_IsNotOffered()
    {
        var team = await app.NewTeam();
        var (id, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam()));
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{id}/break-glass")).StatusCode);
    }
}
