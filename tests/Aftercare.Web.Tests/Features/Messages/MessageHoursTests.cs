using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Messages;

/// <summary>The team's supervisor sets when messages are read and how soon the team replies; people are told exactly that.</summary>
[Collection("web")]
public sealed class MessageHoursTests(AftercareFactory app)
{
    private static Dictionary<string, string?> Form(string?[] days, string? within)
    {
        var form = new Dictionary<string, string?> { ["Form.ReplyWithinHours"] = within };
        string[] week = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        for (var i = 0; i < 7; i++) form[$"Form.{week[i]}"] = i < days.Length ? days[i] : "";
        return form;
    }

    [Fact]
    public async Task ANewTeam_ReadsMondayToFriday9to5_AndRepliesWithin16ReadingHours()
    {
        var team = await app.NewTeam();
        var supervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, team));

        var page = await supervisor.GetPage($"/teams/{team.TeamId}/message-hours");
        Assert.Contains("messages are read Monday to Friday, 9am to 5pm, with a reply within 16 reading hours", page.QuerySelector("[data-testid=current]")!.TextContent);
        Assert.Equal("09:00 to 17:00", page.QuerySelector("#Form_Monday")!.GetAttribute("value"));
        Assert.Equal("", page.QuerySelector("#Form_Sunday")!.GetAttribute("value"));
        Assert.Equal("16", page.QuerySelector("#Form_ReplyWithinHours")!.GetAttribute("value"));
        Assert.NotNull((await supervisor.GetPage($"/teams/{team.TeamId}/caseloads")).QuerySelector("[data-testid=message-hours-link]"));
    }

    [Fact]
    public async Task TheSupervisorChangesTheHours_AndThePersonIsToldTheNewOnes_AndTheChangeIsAudited()
    {
        var world = await app.NewMessagingWorld();
        var supervisorAccount = await app.NewStaff(StaffRole.Supervisor, world.Team);
        var supervisor = await app.SignedIn(supervisorAccount);
        var url = $"/teams/{world.Team.TeamId}/message-hours";

        var response = await supervisor.PostForm(url, Form(["8:30am to 4:30pm", "08:30-16:30", "0830 to 1630", "08:30 to 16:30", "", "", "10:00 to 12:00"], "8"));
        Assert.Equal(url, await WebSession.AssertRedirect(response));
        Assert.Contains("Monday to Thursday, 8:30am to 4:30pm; Sunday, 10am to midday", (await supervisor.GetPage(url)).QuerySelector("[data-testid=notice]")!.TextContent);
        var team = await app.WithDb(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == world.Team.TeamId));
        Assert.Equal(("Mo 08:30-16:30;Tu 08:30-16:30;We 08:30-16:30;Th 08:30-16:30;Su 10:00-12:00", 8), (team.MessageReadingHours, team.MessageReplyWithinHours));
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Update && e.EntityType == "Team" && e.EntityId == world.Team.TeamId.ToString()
            && e.ActorId == supervisorAccount.Id && e.Reason!.Contains("8 reading hours"))));

        var patient = await app.SignedIn(world.Patient);
        Assert.Contains("reads messages Monday to Thursday, 8:30am to 4:30pm; Sunday, 10am to midday", (await patient.GetPage(MessagingWorld.PatientUrl)).QuerySelector("[data-testid=reading-hours]")!.TextContent);
    }

    [Fact]
    public async Task HoursThatCannotBeRead_OrNoneAtAll_OrABadReplyTime_AreShownByTheirFields_KeepingWhatWasTyped_AndNothingChanges()
    {
        var team = await app.NewTeam();
        var supervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, team));
        var url = $"/teams/{team.TeamId}/message-hours";

        var response = await supervisor.PostForm(url, Form(["09:00 to 17:00", "half nine till five"], "lots"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter Tuesday's reading hours like 09:00 to 17:00", page.QuerySelector("#Form_Tuesday-error")!.TextContent);
        Assert.Equal("half nine till five", page.QuerySelector("#Form_Tuesday")!.GetAttribute("value"));
        Assert.Contains("whole number of reading hours from 1 to 80", page.QuerySelector("#Form_ReplyWithinHours-error")!.TextContent);
        Assert.Equal("lots", page.QuerySelector("#Form_ReplyWithinHours")!.GetAttribute("value"));
        var links = page.QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Form_Tuesday", "#Form_ReplyWithinHours"], links);

        page = WebSession.Parse(await (await supervisor.PostForm(url, Form([], "16"))).Content.ReadAsStringAsync());
        Assert.Contains("at least one day", page.QuerySelector("#Form_Monday-error")!.TextContent);
        page = WebSession.Parse(await (await supervisor.PostForm(url, Form(["17:00 to 09:00"], "81"))).Content.ReadAsStringAsync());
        Assert.Contains("must stop being read after they start", page.QuerySelector("#Form_Monday-error")!.TextContent);

        var saved = await app.WithDb(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == team.TeamId));
        Assert.Equal((Domain.Messaging.ReadingHours.StandardText, 16), (saved.MessageReadingHours, saved.MessageReplyWithinHours));
    }
}
