using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Jobs;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Alerts;

/// <summary>
/// Duty alerts (M12, hazards H52 and H53): raised with the message that may signal danger, in its
/// transaction, for whoever is on duty (or the whole team), shown on every page of those it is for
/// without JavaScript, taken on and closed on its page, and answered "not found" to anyone else.
/// </summary>
[Collection("web")]
public sealed class DutyAlertTests(AftercareFactory app)
{
    private static int BannerCount(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("[data-testid=alert-banner]").Length;

    [Fact]
    public async Task ACrisisMessage_RaisesItsAlert_InTheMessagesTransaction_ForWhoeverIsOnDuty_WithItsEscalationTimer()
    {
        var world = await app.NewMessagingWorld();
        await app.OnDuty(world.Team, world.Practitioner);
        var patient = await app.SignedIn(world.Patient);
        await patient.Send("Had a better day today, thank you");
        await patient.Send(AlertTestData.Crisis);

        var messages = await app.MessagesOf(world.Person);
        Assert.Equal([false, true], messages.Select(m => m.RaisedAlert));
        var alert = Assert.Single(await app.WithDb(db => db.DutyAlerts.AsNoTracking().Where(a => a.PersonId == world.Person).ToListAsync()));
        Assert.Equal((messages[1].Id, new StaffId(world.Practitioner.Id), world.Team.TeamId), (alert.MessageId, alert.DutyPractitionerId, alert.TeamId));
        Assert.Equal(alert.RaisedAt.AddMinutes(DutyAlert.DefaultEscalationMinutes), alert.EscalatesAt);
        Assert.Contains(alert.Reasons, r => r.Words.Any(w => w.Contains("kill myself", StringComparison.OrdinalIgnoreCase)));
        var timer = await app.WithDb(db => db.DueWork.AsNoTracking().SingleAsync(w => w.SubjectId == alert.Id.Value));
        Assert.Equal((DueWorkKinds.AlertEscalates, alert.EscalatesAt, (DateTimeOffset?)null), (timer.Kind, timer.DueAt, timer.FiredAt));
    }

    [Fact]
    public async Task ATeamsOwnRules_FlagTheVeryNextMessage_AsTheyAreAddedAndRetired()
    {
        // The rule set is made once per team and kept (TeamRuleSets): a rule added or retired must
        // be in force, or not, for the very next message sent, never a set kept from before.
        var world = await app.NewMessagingWorld();
        var patient = await app.SignedIn(world.Patient);
        var supervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, world.Team));
        var rules = $"/teams/{world.Team.TeamId}/crisis-rules";
        async Task AddRule(string name, string phrase) =>
            await WebSession.AssertRedirect(await supervisor.PostForm(rules, new Dictionary<string, string?>
            {
                ["Phrase.Name"] = name,
                ["Phrase.Reason"] = "People from this area have gone there to end their lives.",
                ["Phrase.Phrases"] = phrase,
            }, rules + "?handler=Phrase"));
        const string Quarry = "Thinking about the old quarry again tonight";
        const string Viaduct = "Thinking about the viaduct again tonight";

        await patient.Send(Quarry);                      // 1: no team rule yet
        await AddRule("The old quarry", "old quarry");
        await patient.Send(Quarry);                      // 2: flagged by the quarry rule
        await patient.Send(Viaduct);                     // 3: no rule for it yet
        await AddRule("The viaduct", "viaduct");
        await patient.Send(Viaduct);                     // 4: flagged by the rule added a moment ago
        var quarry = await app.WithDb(db => db.TeamCrisisRules.AsNoTracking().SingleAsync(r => r.TeamId == world.Team.TeamId && r.Name == "The old quarry"));
        await WebSession.AssertRedirect(await supervisor.PostForm(rules, new Dictionary<string, string?>(), rules + $"?handler=Retire&rule={quarry.Id}"));
        await patient.Send(Quarry);                      // 5: its rule retired
        await patient.Send(Viaduct);                     // 6: still flagged

        Assert.Equal([false, true, false, true, false, true],
            (await app.MessagesOf(world.Person)).Where(m => m.SenderKind == SenderKind.Patient).Select(m => m.RaisedAlert));
        var alerts = await app.WithDb(db => db.DutyAlerts.AsNoTracking().Where(a => a.PersonId == world.Person).OrderBy(a => a.RaisedAt).ToListAsync());
        Assert.Equal(["The old quarry", "The viaduct", "The viaduct"], alerts.Select(a => Assert.Single(a.Reasons).RuleName));
    }

    [Fact]
    public async Task TheDatabase_RefusesAFlaggedMessageWithoutItsAlert_AtCommit_AndNeverUnflagsOne()
    {
        var world = await app.NewMessagingWorld();
        await (await app.SignedIn(world.Patient)).Send("Hello");
        var conversation = await app.WithDb(db => db.Conversations.AsNoTracking().Where(c => c.PersonId == world.Person).Select(c => c.Id.Value).SingleAsync());
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();

        // A flagged message alone: the insert itself passes, the commit does not.
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO messages (id, conversation_id, sequence, sender_kind, sender_id, sender_name, body, sent_at, sent_out_of_hours, raised_alert) " +
                "VALUES (gen_random_uuid(), $1, 99, 1, $2, 'Robin', 'I want to die', now(), false, true)", conn, tx);
            insert.Parameters.Add(new() { Value = conversation });
            insert.Parameters.Add(new() { Value = world.Patient.Id });
            await insert.ExecuteNonQueryAsync();
            var refused = await Assert.ThrowsAsync<PostgresException>(() => tx.CommitAsync());
            Assert.Contains("saved only with its duty alert", refused.MessageText);
        }
        Assert.DoesNotContain(await app.MessagesOf(world.Person), m => m.Sequence == 99);

        // Through the application the two are saved together; and a flag, once saved, stays.
        await (await app.SignedIn(world.Patient)).Send(AlertTestData.Crisis);
        var flagged = (await app.MessagesOf(world.Person)).Single(m => m.RaisedAlert);
        await using var unflag = new NpgsqlCommand("UPDATE messages SET raised_alert = false WHERE id = $1", conn);
        unflag.Parameters.Add(new() { Value = flagged.Id.Value });
        Assert.Contains("kept as it was sent", (await Assert.ThrowsAsync<PostgresException>(() => unflag.ExecuteNonQueryAsync())).MessageText);
        await using var remove = new NpgsqlCommand("DELETE FROM duty_alerts WHERE message_id = $1", conn);
        remove.Parameters.Add(new() { Value = flagged.Id.Value });
        await Assert.ThrowsAsync<PostgresException>(() => remove.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task WithNobodyOnDuty_EveryClinicianOfTheTeamAndTheSupervisor_SeeTheBannerOnEveryPage_WithoutJavaScript()
    {
        var world = await app.NewMessagingWorld();
        var supervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, world.Team));
        var colleague = await app.SignedIn(await app.NewStaff(StaffRole.Practitioner, world.Team));
        var outsider = await app.SignedIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        var alert = await app.SendCrisis(world);
        Assert.Null(alert.DutyPractitionerId);

        foreach (var session in new[] { await app.SignedIn(world.Practitioner), supervisor, colleague })
        {
            foreach (var url in new[] { "/", "/work", $"/teams/{world.Team.TeamId}/duty" })
            {
                var page = await session.GetPage(url);
                Assert.Equal($"/alerts/{alert.Id}", page.QuerySelector("[data-testid=alert-banner-link]")?.GetAttribute("href"));
            }
        }
        Assert.Equal(0, BannerCount(await outsider.GetPage("/work")));

        // A second person's alert: the banner counts both and still opens the oldest first.
        var (person, pathway) = await app.NewPathway(world.Team, world.Practitioner, DateTimeOffset.UtcNow.AddDays(-1));
        var second = await app.SendCrisis(world with { Person = person, Pathway = pathway, Patient = await app.NewPatientAccount(person) });
        Assert.NotEqual(alert.Id, second.Id);
        var link = (await colleague.GetPage("/work")).QuerySelector("[data-testid=alert-banner-link]")!;
        Assert.Equal($"/alerts/{alert.Id}", link.GetAttribute("href"));
        Assert.Equal("2 crisis alerts are open: open the oldest", link.TextContent);
    }

    [Fact]
    public async Task WithSomeoneOnDuty_OnlyTheyHaveTheBanner_TheSupervisorToo_OnceItEscalates_AndTakingItOnClearsItForOthers()
    {
        var world = await app.NewMessagingWorld();
        var dutyAccount = await app.NewStaff(StaffRole.Practitioner, world.Team);
        await app.OnDuty(world.Team, dutyAccount);
        var duty = await app.SignedIn(dutyAccount);
        var named = await app.SignedIn(world.Practitioner);
        var supervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, world.Team));
        var alert = await app.SendCrisis(world);

        Assert.Equal(1, BannerCount(await duty.GetPage("/work")));
        Assert.Equal(0, BannerCount(await named.GetPage("/work")));
        Assert.Equal(0, BannerCount(await supervisor.GetPage("/work")));

        await app.WithDb(async db =>
        {
            var tracked = await db.DutyAlerts.SingleAsync(a => a.Id == alert.Id);
            Assert.True(tracked.Escalate(tracked.EscalatesAt));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(1, BannerCount(await supervisor.GetPage("/work")));

        await WebSession.AssertRedirect(await duty.PostForm($"/alerts/{alert.Id}", new Dictionary<string, string?>(), $"/alerts/{alert.Id}?handler=Take"));
        Assert.Equal(0, BannerCount(await supervisor.GetPage("/work")));
        // Whoever took it on keeps it in front of them until they record what was done.
        Assert.Equal(1, BannerCount(await duty.GetPage("/work")));
        await WebSession.AssertRedirect(await duty.PostForm($"/alerts/{alert.Id}", new Dictionary<string, string?> { ["Form.Response"] = "CalledThePerson", ["Form.Note"] = "Spoke to them; safe with their sister tonight" }, $"/alerts/{alert.Id}?handler=Respond"));
        Assert.Equal(0, BannerCount(await duty.GetPage("/work")));
    }

    [Fact]
    public async Task TheAlertPage_ShowsTheMessageWithTheMatchedWordsMarked_EachReason_WhoWasOnDuty_AndWhenItEscalates()
    {
        var world = await app.NewMessagingWorld();
        await app.OnDuty(world.Team, world.Practitioner);
        var alert = await app.SendCrisis(world, "Thanks for everything <b>Asha</b>. I'm going to kill myself tonight");
        var page = await (await app.SignedIn(world.Practitioner)).GetPage($"/alerts/{alert.Id}");

        var message = page.QuerySelector("[data-testid=alert-message]")!;
        Assert.Contains("<b>Asha</b>", message.TextContent);
        Assert.Null(message.QuerySelector("b"));
        Assert.Contains(message.QuerySelectorAll("mark"), m => m.TextContent.Contains("kill myself", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(alert.Reasons.Count, page.QuerySelectorAll("[data-testid=alert-reason]").Length);
        Assert.Contains(alert.Reasons[0].RuleName, page.QuerySelector("[data-testid=alert-reasons]")!.TextContent);
        Assert.Contains(world.Practitioner.Name, page.QuerySelector("[data-testid=alert-on-duty]")!.TextContent);
        Assert.Contains(UkTime.Format(alert.EscalatesAt), page.QuerySelector("[data-testid=alert-escalation]")!.TextContent);
        Assert.Equal(world.StaffUrl, page.QuerySelector("[data-testid=alert-conversation-link]")!.GetAttribute("href"));

        // The conversation shows the flagged message's alert; the duty page lists the team's alerts.
        var conversation = await (await app.SignedIn(world.Practitioner)).GetPage(world.StaffUrl);
        Assert.Equal($"/alerts/{alert.Id}", Assert.Single(conversation.QuerySelectorAll("[data-testid=message-alert]")).GetAttribute("href"));
        var duty = await (await app.SignedIn(world.Practitioner)).GetPage($"/teams/{world.Team.TeamId}/duty");
        Assert.Equal($"/teams/{world.Team.TeamId}/alerts", duty.QuerySelector("[data-testid=duty-alerts-link]")!.GetAttribute("href"));
        var list = await (await app.SignedIn(world.Practitioner)).GetPage($"/teams/{world.Team.TeamId}/alerts");
        Assert.Equal($"/alerts/{alert.Id}", Assert.Single(list.QuerySelectorAll("[data-testid=open-alerts] [data-testid=alert-link]")).GetAttribute("href"));
    }

    [Fact]
    public async Task RecordingWhatWasDone_NeedsAChoice_AndAReasonForNoAction_ShownInTheErrorSummary_ThenClosesIt()
    {
        var world = await app.NewMessagingWorld();
        var alert = await app.SendCrisis(world);
        var practitioner = await app.SignedIn(world.Practitioner);
        var url = $"/alerts/{alert.Id}";

        var response = await practitioner.PostForm(url, new Dictionary<string, string?>(), url + "?handler=Respond");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("#Form_Response", page.QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));
        Assert.Contains("Choose what was done", page.QuerySelector("[data-module=nhsuk-error-summary]")!.TextContent);

        response = await practitioner.PostForm(url, new Dictionary<string, string?> { ["Form.Response"] = "NoActionNeeded" }, url + "?handler=Respond");
        page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("#Form_Note", page.QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));
        Assert.Contains("Say why no action was needed", page.QuerySelector("[data-module=nhsuk-error-summary]")!.TextContent);
        Assert.True((await app.AlertOf(world.Person)).IsOpen);

        await WebSession.AssertRedirect(await practitioner.PostForm(url, new Dictionary<string, string?> { ["Form.Response"] = "NoActionNeeded", ["Form.Note"] = "They were quoting a film line; checked with them by message" }, url + "?handler=Respond"));
        var closed = await app.AlertOf(world.Person);
        Assert.Equal((DutyResponse.NoActionNeeded, new StaffId(world.Practitioner.Id)), (closed.Response, closed.RespondedBy));
        Assert.Contains("They were quoting a film line", (await practitioner.GetPage(url)).QuerySelector("[data-testid=alert-response]")!.TextContent);
    }

    [Fact]
    public async Task TwoPeopleRecordingWhatWasDoneAtOnce_OnlyOneIsSaved_AndTheSecondIsTold()
    {
        var world = await app.NewMessagingWorld();
        var alert = await app.SendCrisis(world);
        var first = await app.SignedIn(world.Practitioner);
        var second = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, world.Team));
        var url = $"/alerts/{alert.Id}";
        // Both have the page open, with its form, before either sends.
        var token = (WebSession page) => page.GetPage(url).ContinueWith(t => t.Result.QuerySelector("form[data-testid=respond-form] input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        var (t1, t2) = (await token(first), await token(second));

        var responses = await Task.WhenAll(
            first.PostWithToken(url + "?handler=Respond", t1, new Dictionary<string, string?> { ["Form.Response"] = "CalledThePerson" }),
            second.PostWithToken(url + "?handler=Respond", t2, new Dictionary<string, string?> { ["Form.Response"] = "ContactedEmergencyServices" }));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var told = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Contains("already recorded what was done", WebSession.Parse(await told.Content.ReadAsStringAsync()).QuerySelector("[data-module=nhsuk-error-summary]")!.TextContent);
        var closed = await app.AlertOf(world.Person);
        Assert.Equal(closed.Response == DutyResponse.CalledThePerson ? world.Practitioner.Id : closed.RespondedBy!.Value.Value, closed.RespondedBy!.Value.Value);
        Assert.Single(await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == alert.Id.ToString() && e.Action == "update").ToListAsync()));
    }

    [Fact]
    public async Task TheAlertAndTheTeamsAlerts_AreNotFound_ForAnotherTeam_AnAdministrator_ThePatient_AndAReceivingService()
    {
        var world = await app.NewMessagingWorld();
        var alert = await app.SendCrisis(world);
        var otherTeam = await app.NewTeam();
        var outsiders = new List<WebSession>
        {
            await app.SignedIn(await app.NewStaff(StaffRole.Practitioner, otherTeam)),
            await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, otherTeam)),
            await app.SignedIn(await app.NewStaff(StaffRole.Administrator, null)),
            await app.SignedIn(world.Patient),
        };
        var service = app.NewSession();
        await service.SignIn(await app.NewServiceUser());
        outsiders.Add(service);

        var token = (await (await app.SignedIn(world.Practitioner)).GetPage($"/alerts/{alert.Id}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        foreach (var session in outsiders)
        {
            var alertPage = await session.Get($"/alerts/{alert.Id}");
            Assert.True(alertPage.StatusCode == HttpStatusCode.NotFound, $"The alert answered {alertPage.StatusCode}");
            var list = await session.Get($"/teams/{world.Team.TeamId}/alerts");
            Assert.True(list.StatusCode == HttpStatusCode.NotFound, $"The team's alerts answered {list.StatusCode}");
            // Posting is refused as well (with whatever token they have: their own page's is not for this form).
            var post = await session.PostWithToken($"/alerts/{alert.Id}?handler=Take", token, new Dictionary<string, string?>());
            Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        }
        Assert.False((await app.AlertOf(world.Person)).IsAcknowledged);
    }

    [Fact]
    public async Task ThePatient_AfterSendingACrisisMessage_SeesTheCrisisHelpAtOnce_WithHonestWordsAboutWhoWasTold_WhateverTheHour()
    {
        var (hours, _) = MessagingTestData.NotReadingNow();
        var world = await app.NewMessagingWorld(hours);
        var patient = await app.SignedIn(world.Patient);
        Assert.Equal("/my/messages#help-now", await patient.Send(AlertTestData.Crisis));
        var page = await patient.GetPage("/my/messages");
        var help = page.QuerySelector("[data-testid=crisis-sent]")!;
        Assert.Equal(Web.Features.My.MessagesModel.NobodyOnDuty, help.QuerySelector("[data-testid=crisis-sent-told]")!.TextContent);
        Assert.NotNull(help.QuerySelector("a[href='tel:999']"));
        Assert.NotNull(help.QuerySelector("a[href='tel:116123']"));
        Assert.DoesNotContain("call you back", help.TextContent, StringComparison.OrdinalIgnoreCase);
        // The person is never shown that an alert exists, nor its reasons.
        Assert.Null(page.QuerySelector("[data-testid=message-alert]"));

        await app.OnDuty(world.Team, world.Practitioner);
        await patient.Send("I've got the pills ready");
        Assert.Equal(Web.Features.My.MessagesModel.OnDuty, (await patient.GetPage("/my/messages")).QuerySelector("[data-testid=crisis-sent-told]")!.TextContent);
        // An ordinary message does not bring it back.
        await patient.Send("Sorry, I'm with my sister now");
        Assert.Null((await patient.GetPage("/my/messages")).QuerySelector("[data-testid=crisis-sent]"));
    }
}
