using System.Net;
using System.Text.Json;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Messages;

/// <summary>Hazard H54: the supervisor's notes on a transcript are for the team, kept as written, and never reach the person.</summary>
[Collection("web")]
public sealed class SupervisorNoteTests(AftercareFactory app)
{
    private const string NoteWords = "Good boundary-setting here; follow up the sleep issue in supervision";

    [Fact]
    public async Task TheSupervisorsNote_IsReadByTheTeam_AndNeverReachesThePatient_OnAPageOrThroughTheHub()
    {
        var world = await app.NewMessagingWorld();
        var patient = await app.SignedIn(world.Patient);
        await patient.Send("Still not sleeping");
        var supervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, world.Team));
        await WebSession.AssertRedirect(await supervisor.PostForm(world.StaffUrl,
            new Dictionary<string, string?> { ["Note.Body"] = NoteWords, ["Note.AboutMessage"] = "1" }, world.StaffUrl + "?handler=Note"));

        var practitionerPage = await (await app.SignedIn(world.Practitioner)).GetPage(world.StaffUrl);
        var note = Assert.Single(practitionerPage.QuerySelectorAll("[data-testid=note]"));
        Assert.Contains(NoteWords, note.TextContent);
        Assert.Contains("about message 1", note.TextContent);
        // A practitioner reads notes but does not write them.
        Assert.Null(practitionerPage.QuerySelector("[data-testid=note-form]"));

        foreach (var url in new[] { "/my/messages", "/my", "/my/plan" })
        {
            var html = await (await patient.Get(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("boundary-setting", html);
            Assert.DoesNotContain("Supervision", html);
        }
        // Through the hub: what a patient's page is sent when it catches up is messages only.
        await using var scope = app.Scope();
        var live = app.Server.CreateWebSocketClient();
        live.ConfigureRequest = r => r.Headers.Cookie = string.Join("; ", patient.Cookies.Select(c => $"{c.Key}={c.Value}"));
        var socket = await live.ConnectAsync(new UriBuilder(app.Server.BaseAddress) { Scheme = "ws", Path = Web.Live.LiveHub.Path }.Uri, CancellationToken.None);
        await using var page = await LiveClient.ConnectAsync(socket);
        await page.InvokeAsync("Join", world.Person.Value);
        var after = await page.InvokeAsync("After", world.Person.Value, 0);
        Assert.DoesNotContain("boundary-setting", after.GetRawText());
        await patient.Send("Thanks");
        await Task.Delay(300);
        Assert.DoesNotContain(page.Received, e => JsonSerializer.Serialize(e.Arguments).Contains("boundary-setting"));
    }

    [Fact]
    public async Task AnOverLongNote_IsRefusedBesideTheField_WithWhatWasWrittenKeptToShorten()
    {
        var world = await app.NewMessagingWorld();
        await (await app.SignedIn(world.Patient)).Send("Hello");
        var supervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, world.Team));
        var tooLong = "Reviewed the week's messages. " + new string('x', Domain.Messaging.SupervisorNote.MaxBodyLength);

        var refused = await supervisor.PostForm(world.StaffUrl,
            new Dictionary<string, string?> { ["Note.Body"] = tooLong, ["Note.AboutMessage"] = "1" }, world.StaffUrl + "?handler=Note");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = WebSession.Parse(await refused.Content.ReadAsStringAsync());
        var summary = page.QuerySelector("[data-module=nhsuk-error-summary] a")!;
        Assert.Equal("#Note_Body", summary.GetAttribute("href"));
        Assert.Contains("4,000 characters or fewer", summary.TextContent);
        // What the supervisor wrote comes back to be shortened, not lost, and the message it was about stays chosen.
        Assert.Equal(tooLong, page.QuerySelector("textarea#Note_Body")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("input#Note_AboutMessage")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDb(db => db.SupervisorNotes.CountAsync(n => n.PersonId == world.Person)));
    }

    [Fact]
    public async Task OnlyTheTeamsSupervisorAddsANote_AndNotesAreKeptAsWritten()
    {
        var world = await app.NewMessagingWorld();
        await (await app.SignedIn(world.Patient)).Send("Hello");
        var practitioner = await app.SignedIn(world.Practitioner);
        var token = (await practitioner.GetPage(world.StaffUrl)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var refused = await practitioner.PostWithToken(world.StaffUrl + "?handler=Note", token, new Dictionary<string, string?> { ["Note.Body"] = "Not mine to write" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var otherSupervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam()));
        Assert.Equal(HttpStatusCode.NotFound, (await otherSupervisor.Get(world.StaffUrl)).StatusCode);

        var supervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, world.Team));
        var empty = await supervisor.PostForm(world.StaffUrl, new Dictionary<string, string?> { ["Note.Body"] = "" }, world.StaffUrl + "?handler=Note");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("#Note_Body", WebSession.Parse(await empty.Content.ReadAsStringAsync()).QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));
        var wrongMessage = await supervisor.PostForm(world.StaffUrl, new Dictionary<string, string?> { ["Note.Body"] = "About nothing", ["Note.AboutMessage"] = "40" }, world.StaffUrl + "?handler=Note");
        Assert.Equal("#Note_AboutMessage", WebSession.Parse(await wrongMessage.Content.ReadAsStringAsync()).QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));
        await WebSession.AssertRedirect(await supervisor.PostForm(world.StaffUrl, new Dictionary<string, string?> { ["Note.Body"] = NoteWords }, world.StaffUrl + "?handler=Note"));
        Assert.Equal(1, await app.WithDb(db => db.SupervisorNotes.CountAsync(n => n.PersonId == world.Person)));

        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[] { "UPDATE supervisor_notes SET body = 'changed' WHERE person_id = $1", "DELETE FROM supervisor_notes WHERE person_id = $1" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.Add(new() { Value = world.Person.Value });
            Assert.Contains("kept as written", (await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync())).MessageText);
        }
    }
}
