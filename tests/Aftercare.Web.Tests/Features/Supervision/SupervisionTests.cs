using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Supervision;

/// <summary>Supervision (M14) and hazards H55 (an action lost or unseen) and H56 (a record read outside the team).</summary>
[Collection("web")]
public sealed class SupervisionTests(AftercareFactory app)
{
    [Fact]
    public async Task TheSupervisor_RecordsASession_WithTheCaseTranscriptAndAction_EachLinkedToItsRecord()
    {
        var world = await app.NewSupervisionWorld();
        var supervisor = await app.SignedIn(world.Supervisor);
        var list = await supervisor.GetPage(world.TeamUrl);
        var row = list.QuerySelector($"[data-testid=practitioner][data-id='{world.Asha.Id}']")!;
        Assert.Contains("Never recorded", row.QuerySelector("[data-testid=last-supervised]")!.TextContent);

        // The form offers Asha's caseload by name, and Robin's transcript.
        var form = await supervisor.GetPage(world.RecordUrl);
        Assert.Contains(world.RobinFamily, form.QuerySelector("[data-testid=record-form]")!.TextContent);
        Assert.NotNull(form.QuerySelector($"input[name='Form.Transcripts'][value='{world.Robin}']"));

        var sessionUrl = await supervisor.RecordSession(world);
        var page = await supervisor.GetPage(sessionUrl);
        Assert.Equal($"/persons/{world.Robin}", page.QuerySelector("[data-testid=case] a")!.GetAttribute("href"));
        Assert.Contains("safety plan not yet shared", page.QuerySelector("[data-testid=case]")!.TextContent);
        Assert.Equal($"/persons/{world.Robin}/messages", page.QuerySelector("[data-testid=review-transcript] a")!.GetAttribute("href"));
        var action = Assert.Single(page.QuerySelectorAll("[data-testid=action]"));
        Assert.Equal("Open", action.GetAttribute("data-status"));

        list = await supervisor.GetPage(world.TeamUrl);
        row = list.QuerySelector($"[data-testid=practitioner][data-id='{world.Asha.Id}']")!;
        Assert.Contains(UkTime.FormatDate(UkTime.DateOf(DateTimeOffset.UtcNow)), row.QuerySelector("[data-testid=last-supervised]")!.TextContent);
        Assert.StartsWith("1", row.QuerySelector("[data-testid=open-actions]")!.TextContent.Replace("Open actions", "").Trim());
    }

    [Fact]
    public async Task TheForm_RefusesASessionWithNothingCovered_AFutureDate_AndAnActionWithoutWords_NextToEachField()
    {
        var world = await app.NewSupervisionWorld();
        var supervisor = await app.SignedIn(world.Supervisor);
        var tomorrow = UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(1);
        var response = await supervisor.PostForm(world.RecordUrl, new Dictionary<string, string?>
        {
            ["Form.Practitioner"] = world.Asha.Id.ToString(),
            ["Form.HeldOn.Day"] = tomorrow.Day.ToString(),
            ["Form.HeldOn.Month"] = tomorrow.Month.ToString(),
            ["Form.HeldOn.Year"] = tomorrow.Year.ToString(),
            ["Form.Kind"] = "OneToOne",
            ["Form.Covered"] = "Wellbeing",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("#Form_HeldOn", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));

        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var fields = new Dictionary<string, string?>
        {
            ["Form.Practitioner"] = world.Asha.Id.ToString(),
            ["Form.HeldOn.Day"] = today.Day.ToString(),
            ["Form.HeldOn.Month"] = today.Month.ToString(),
            ["Form.HeldOn.Year"] = today.Year.ToString(),
            ["Form.Kind"] = "Group",
        };
        response = await supervisor.PostForm(world.RecordUrl, fields);
        Assert.Equal("#Form_Cases", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));

        fields["Form.Covered"] = "Reflective practice";
        fields["Form.Actions[0].Text"] = "";
        fields["Form.Actions[1].DueOn.Day"] = today.Day.ToString();
        fields["Form.Actions[1].DueOn.Month"] = today.Month.ToString();
        fields["Form.Actions[1].DueOn.Year"] = today.Year.ToString();
        response = await supervisor.PostForm(world.RecordUrl, fields);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("#Form_Actions_1__Text", page.QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#Form_Actions_1__Text"));
        Assert.Equal(0, await app.WithDb(db => db.SupervisionSessions.CountAsync(s => s.PractitionerId == new StaffId(world.Asha.Id))));
    }

    [Fact]
    public async Task ThePractitioner_SeesTheirOpenAction_AndMarksItDone_ButNotAnothersAction()
    {
        var world = await app.NewSupervisionWorld();
        var supervisor = await app.SignedIn(world.Supervisor);
        var sessionUrl = await supervisor.RecordSession(world);

        var asha = await app.SignedIn(world.Asha);
        var mine = await asha.GetPage("/my/supervision");
        var open = Assert.Single(mine.QuerySelectorAll("[data-testid=open-action]"));
        Assert.Contains("Review Robin's safety plan", open.TextContent);
        Assert.Contains(world.RobinFamily, open.TextContent);
        var actionId = open.GetAttribute("data-id");
        // Asha reads her own session; Ben reads neither it nor her actions.
        await asha.GetPage(sessionUrl);
        var ben = await app.SignedIn(world.Ben);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.Get(sessionUrl)).StatusCode);
        Assert.Empty((await ben.GetPage("/my/supervision")).QuerySelectorAll("[data-testid=open-action]"));
        var benToken = (await ben.GetPage($"/teams/{world.Team.TeamId}/duty")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        Assert.Equal(HttpStatusCode.NotFound, (await ben.PostWithToken($"/my/supervision?handler=Done&action={actionId}", benToken,
            new Dictionary<string, string?> { ["Done.Note"] = "Not mine" })).StatusCode);

        await WebSession.AssertRedirect(await asha.PostForm("/my/supervision", new Dictionary<string, string?> { ["Done.Note"] = "Plan shared with her sister" },
            $"/my/supervision?handler=Done&action={actionId}"));
        mine = await asha.GetPage("/my/supervision");
        Assert.Empty(mine.QuerySelectorAll("[data-testid=open-action]"));
        Assert.Contains("Plan shared with her sister", Assert.Single(mine.QuerySelectorAll("[data-testid=closed-action]")).TextContent);
        var page = await supervisor.GetPage(sessionUrl);
        Assert.Equal("Done", page.QuerySelector("[data-testid=action]")!.GetAttribute("data-status"));
        Assert.Contains(world.Asha.Name, page.QuerySelector("[data-testid=action]")!.TextContent);
    }

    [Fact]
    public async Task TheSupervisor_AddsAnAddendum_AndTheDatabaseRefusesToChangeOrRemoveASessionOrAnAction()
    {
        var world = await app.NewSupervisionWorld();
        var supervisor = await app.SignedIn(world.Supervisor);
        var sessionUrl = await supervisor.RecordSession(world);
        var empty = await supervisor.PostForm(sessionUrl, new Dictionary<string, string?> { ["Form.Text"] = " " });
        Assert.Equal("#Form_Text", WebSession.Parse(await empty.Content.ReadAsStringAsync()).QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));
        await WebSession.AssertRedirect(await supervisor.PostForm(sessionUrl, new Dictionary<string, string?> { ["Form.Text"] = "Her sister is now a named contact" }));
        Assert.Contains("Her sister is now a named contact", (await supervisor.GetPage(sessionUrl)).QuerySelector("[data-testid=addendum]")!.TextContent);
        // The practitioner reads the addendum but cannot add one.
        var asha = await app.SignedIn(world.Asha);
        Assert.Null((await asha.GetPage(sessionUrl)).QuerySelector("[data-testid=addendum-form]"));
        var token = (await asha.GetPage($"/teams/{world.Team.TeamId}/duty")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        Assert.Equal(HttpStatusCode.NotFound, (await asha.PostWithToken(sessionUrl, token, new Dictionary<string, string?> { ["Form.Text"] = "Mine" })).StatusCode);

        var sessionId = Guid.Parse(sessionUrl[(sessionUrl.LastIndexOf('/') + 1)..]);
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[]
        {
            "UPDATE supervision_sessions SET covered = 'changed' WHERE id = $1",
            "DELETE FROM supervision_sessions WHERE id = $1",
            "UPDATE supervision_cases SET discussed = 'changed' WHERE supervision_session_id = $1",
            "DELETE FROM supervision_addenda WHERE supervision_session_id = $1",
            "DELETE FROM supervision_actions WHERE supervision_session_id = $1",
            "UPDATE supervision_actions SET text = 'changed' WHERE supervision_session_id = $1",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.Add(new() { Value = sessionId });
            var refused = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal("42501", refused.SqlState);
        }
        // Closed once, then never reopened.
        await using (var close = new NpgsqlCommand("UPDATE supervision_actions SET status = 2, closed_at = now(), closed_by = $2, closed_by_name = 'x' WHERE supervision_session_id = $1", conn))
        {
            close.Parameters.Add(new() { Value = sessionId });
            close.Parameters.Add(new() { Value = world.Asha.Id });
            Assert.Equal(1, await close.ExecuteNonQueryAsync());
        }
        await using var reopen = new NpgsqlCommand("UPDATE supervision_actions SET status = 1, closed_at = NULL, closed_by = NULL, closed_by_name = NULL WHERE supervision_session_id = $1", conn);
        reopen.Parameters.Add(new() { Value = sessionId });
        Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => reopen.ExecuteNonQueryAsync())).SqlState);
    }

    [Fact]
    public async Task TheSupervisor_ClosesAnActionAsNoLongerNeeded_OnlyWithWhy()
    {
        var world = await app.NewSupervisionWorld();
        var supervisor = await app.SignedIn(world.Supervisor);
        var sessionUrl = await supervisor.RecordSession(world);
        var action = await app.WithDb(db => db.SupervisionActions.Where(a => a.PractitionerId == new StaffId(world.Asha.Id)).Select(a => a.Id.Value).SingleAsync());
        var close = $"{sessionUrl}?handler=Close&action={action}";
        var refused = await supervisor.PostForm(sessionUrl, new Dictionary<string, string?> { ["done"] = "false", ["note"] = " " }, close);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal($"#Close_{action:N}", WebSession.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));
        await WebSession.AssertRedirect(await supervisor.PostForm(sessionUrl, new Dictionary<string, string?> { ["done"] = "false", ["note"] = "Robin has moved out of area; the new team has the plan" }, close));
        var page = await supervisor.GetPage(sessionUrl);
        Assert.Equal("NoLongerNeeded", page.QuerySelector("[data-testid=action]")!.GetAttribute("data-status"));
        Assert.Contains("moved out of area", page.QuerySelector("[data-testid=action]")!.TextContent);
        // Kept, with its history of who agreed and who closed it.
        var history = await app.WithDb(db => db.SupervisionActions.Where(a => a.Id == new SupervisionActionId(action)).SelectMany(a => a.History).CountAsync());
        Assert.Equal(2, history);
        Assert.Empty((await (await app.SignedIn(world.Asha)).GetPage("/my/supervision")).QuerySelectorAll("[data-testid=open-action]"));
    }

    [Fact]
    public async Task ReadingASession_OrAPractitionersCaseload_IsAuditedForEachPersonShown()
    {
        var world = await app.NewSupervisionWorld();
        var supervisor = await app.SignedIn(world.Supervisor);
        var sessionUrl = await supervisor.RecordSession(world);
        var sessionId = sessionUrl[(sessionUrl.LastIndexOf('/') + 1)..];
        await supervisor.GetPage(world.RecordUrl);
        await supervisor.GetPage(sessionUrl);
        var reads = await app.WithDb(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorId == world.Supervisor.Id && e.Action == "view").Select(e => new { e.EntityType, e.EntityId, e.PersonId }).ToListAsync());
        Assert.Contains(reads, r => r.EntityType == "SupervisionCaseload" && r.PersonId == world.Robin.Value);
        Assert.Contains(reads, r => r.EntityType == "SupervisionSession" && r.EntityId == sessionId && r.PersonId == world.Robin.Value);
        Assert.Contains(reads, r => r.EntityType == "SupervisionSession" && r.EntityId == sessionId && r.PersonId == null);
        // Robin's access log (who has looked at her record) lists the supervisor's reading of the session.
        Assert.Contains(await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.PersonId == world.Robin.Value).Select(e => e.EntityType).ToListAsync()),
            t => t == "SupervisionSession");
    }

    [Fact]
    public async Task SupervisionPages_AreNotFound_ForEveryoneOutsideTheirReach()
    {
        var world = await app.NewSupervisionWorld();
        var sessionUrl = await (await app.SignedIn(world.Supervisor)).RecordSession(world);
        var otherSupervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam()));
        var administrator = await app.SignedIn(await app.NewStaff(StaffRole.Administrator, null));
        var asha = await app.SignedIn(world.Asha);
        var ben = await app.SignedIn(world.Ben);
        var patient = await app.SignedIn(world.RobinAccount);
        var service = app.NewSession();
        await service.SignIn(await app.NewServiceUser());

        foreach (var (who, session) in new[] { ("another team's supervisor", otherSupervisor), ("an administrator", administrator), ("a practitioner", asha), ("a patient", patient), ("a receiving service", service) })
        {
            Assert.True(HttpStatusCode.NotFound == (await session.Get(world.TeamUrl)).StatusCode, $"{world.TeamUrl} for {who}");
            Assert.True(HttpStatusCode.NotFound == (await session.Get(world.RecordUrl)).StatusCode, $"{world.RecordUrl} for {who}");
        }
        foreach (var (who, session) in new[] { ("another team's supervisor", otherSupervisor), ("an administrator", administrator), ("another practitioner", ben), ("a patient", patient), ("a receiving service", service) })
            Assert.True(HttpStatusCode.NotFound == (await session.Get(sessionUrl)).StatusCode, $"{sessionUrl} for {who}");
        foreach (var (who, session) in new[] { ("an administrator", administrator), ("a patient", patient), ("a receiving service", service) })
            Assert.True(HttpStatusCode.NotFound == (await session.Get("/my/supervision")).StatusCode, $"/my/supervision for {who}");
        // A post to record is refused alike: the practitioner cannot record supervision.
        var token = (await asha.GetPage("/my/supervision")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        Assert.Equal(HttpStatusCode.NotFound, (await asha.PostWithToken(world.TeamUrl, token, new Dictionary<string, string?> { ["Form.Practitioner"] = world.Asha.Id.ToString() })).StatusCode);
        Assert.Equal(1, await app.WithDb(db => db.SupervisionSessions.CountAsync(s => s.TeamId == world.Team.TeamId)));
    }

    [Fact]
    public async Task TheForm_OffersOnlyThePractitionersOwnPeople_AndRefusesAnyoneElse()
    {
        var world = await app.NewSupervisionWorld();
        var other = await app.NewMessagingWorld();
        var supervisor = await app.SignedIn(world.Supervisor);
        var form = await supervisor.GetPage(world.RecordUrl);
        Assert.DoesNotContain(other.Family, form.Body!.TextContent);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var response = await supervisor.PostForm(world.RecordUrl, new Dictionary<string, string?>
        {
            ["Form.Practitioner"] = world.Asha.Id.ToString(),
            ["Form.HeldOn.Day"] = today.Day.ToString(),
            ["Form.HeldOn.Month"] = today.Month.ToString(),
            ["Form.HeldOn.Year"] = today.Year.ToString(),
            ["Form.Kind"] = "OneToOne",
            ["Form.Cases[0].PersonId"] = other.Person.ToString(),
            ["Form.Cases[0].Discussed"] = "Someone else's patient",
        });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.WithDb(db => db.SupervisionSessions.CountAsync(s => s.TeamId == world.Team.TeamId)));
    }
}
