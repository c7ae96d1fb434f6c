using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Messages;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Messages;

/// <summary>The care team reads a person's messages, and those who answer them reply.</summary>
[Collection("web")]
public sealed class ConversationPageTests(AftercareFactory app)
{
    [Fact]
    public async Task TheNamedPractitioner_SeesWhenEachMessageWasSentAndWhetherOutOfHours_Replies_AndThePersonIsNoLongerWaiting()
    {
        var (hours, _) = MessagingTestData.NotReadingNow();
        var world = await app.NewMessagingWorld(hours);
        var patient = await app.SignedIn(world.Patient);
        await patient.Send("Rough night <b>again</b> 😞");
        var practitioner = await app.SignedIn(world.Practitioner);

        var record = await practitioner.GetPage($"/persons/{world.Person}");
        Assert.Equal(world.StaffUrl, record.QuerySelector("[data-testid=record-messages-link]")!.GetAttribute("href"));
        var page = await practitioner.GetPage(world.StaffUrl);
        var messages = page.QuerySelectorAll("[data-testid=message]");
        Assert.Equal(2, messages.Length);
        Assert.Equal("Robin", messages[0].QuerySelector(".app-message__from")!.TextContent);
        // The person's words as written: markup in them is text, never HTML.
        Assert.Equal("Rough night <b>again</b> 😞", messages[0].QuerySelector(".app-message__body")!.TextContent);
        Assert.Empty(messages[0].QuerySelectorAll(".app-message__body b"));
        Assert.NotNull(messages[0].QuerySelector("[data-testid=out-of-hours]"));
        Assert.Matches(@"\d{1,2} \w+ \d{4} at \d{2}:\d{2}", messages[0].QuerySelector("time")!.TextContent);
        Assert.Equal("Automatic reply", messages[1].QuerySelector(".app-message__from")!.TextContent);
        Assert.Null(messages[1].QuerySelector("[data-testid=out-of-hours]"));
        Assert.NotNull(page.QuerySelector("[data-testid=reply-form]"));

        // The team answers even while it is not reading: the wait is over, and the patient sees who replied.
        Assert.Equal($"{world.StaffUrl}#latest", await practitioner.Reply(world, "I'm here now. Shall I ring you at 10?"));
        var conversation = await app.WithDb(db => db.Conversations.AsNoTracking().SingleAsync(c => c.PersonId == world.Person));
        Assert.Null(conversation.AwaitingReplySince);
        var reply = (await app.MessagesOf(world.Person)).Last();
        Assert.Equal((SenderKind.Staff, world.Practitioner.Id, world.Practitioner.Name, false), (reply.SenderKind, reply.SenderId, reply.SenderName, reply.SentOutOfHours));
        var theirs = await patient.GetPage(MessagingWorld.PatientUrl);
        Assert.Equal(world.Practitioner.Name, theirs.QuerySelectorAll("[data-testid=message]").Last().QuerySelector(".app-message__from")!.TextContent);
        Assert.Null(theirs.QuerySelector("[data-testid=expected-reply]"));
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.View && e.EntityType == "Conversation"
            && e.ActorId == world.Practitioner.Id && e.PersonId == world.Person.Value)));
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Create && e.EntityType == "Message"
            && e.EntityId == reply.Id.ToString() && e.ActorId == world.Practitioner.Id)));
    }

    [Fact]
    public async Task TheHeaderCountsConversationsWithUnreadMessages_AndMyWorkListsThoseWaiting_UntilOpenedAndAnswered()
    {
        var world = await app.NewMessagingWorld();
        var practitioner = await app.SignedIn(world.Practitioner);
        Assert.Equal(0, MessagingTestData.HeaderCount(await practitioner.GetPage("/work")));

        var patient = await app.SignedIn(world.Patient);
        await patient.Send("Hello");
        await patient.Send("Are you there?");
        var work = await practitioner.GetPage("/work");
        Assert.Equal(1, MessagingTestData.HeaderCount(work));
        Assert.Equal("/work#messages", work.QuerySelector("[data-testid=messages-link]")!.GetAttribute("href"));
        var waiting = Assert.Single(work.QuerySelectorAll("[data-testid=waiting-conversation]"));
        Assert.Contains($"Robin {world.Family}", waiting.TextContent);
        Assert.Contains("New to you", waiting.TextContent);
        Assert.Matches(@"Waiting\s+\d+ min, since \d", waiting.QuerySelector("[data-testid=waited]")!.TextContent);
        Assert.Equal(world.StaffUrl, waiting.QuerySelector("a[href$='/messages']")!.GetAttribute("href"));

        // Opening the conversation marks it read for them: the count goes; the person still waits.
        await practitioner.GetPage(world.StaffUrl);
        work = await practitioner.GetPage("/work");
        Assert.Equal(0, MessagingTestData.HeaderCount(work));
        waiting = Assert.Single(work.QuerySelectorAll("[data-testid=waiting-conversation]"));
        Assert.DoesNotContain("New to you", waiting.TextContent);

        await practitioner.Reply(world, "Yes, I'm here.");
        work = await practitioner.GetPage("/work");
        Assert.Empty(work.QuerySelectorAll("[data-testid=waiting-conversation]"));
        Assert.NotNull(work.QuerySelector("[data-testid=no-messages-waiting]"));
    }

    [Fact]
    public async Task AColleagueOfTheTeam_ReadsTheConversation_IsToldWhoReplies_AndCannotPostAReply()
    {
        var world = await app.NewMessagingWorld();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, world.Team);
        var colleague = await app.NewStaff(StaffRole.Practitioner, world.Team);
        await (await app.SignedIn(world.Patient)).Send("Hi");
        var session = await app.SignedIn(colleague);

        var page = await session.GetPage(world.StaffUrl);
        Assert.Single(page.QuerySelectorAll("[data-testid=message]"));
        Assert.Null(page.QuerySelector("[data-testid=reply-form]"));
        var note = page.QuerySelector("[data-testid=read-only]")!.TextContent;
        Assert.Contains($"{world.Practitioner.Name}, named practitioner", note);
        Assert.Contains($"{supervisor.Name}, the team's supervisor", note);
        // Not one of the people they answer: nothing counted in their header.
        Assert.Equal(0, MessagingTestData.HeaderCount(page));

        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? (await session.GetPage("/persons/register")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var response = await session.PostWithToken(world.StaffUrl, token, new Dictionary<string, string?> { ["Form.Body"] = "I'll answer" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(await app.MessagesOf(world.Person));
    }

    [Fact]
    public async Task APractitionerCoveringNow_AndTheTeamsSupervisor_Reply()
    {
        var world = await app.NewMessagingWorld();
        var covering = await app.NewStaff(StaffRole.Practitioner, world.Team);
        var supervisor = await app.NewStaff(StaffRole.Supervisor, world.Team);
        await app.ArrangeCover(world, covering);
        await (await app.SignedIn(world.Patient)).Send("Is Asha away?");

        var cover = await app.SignedIn(covering);
        // Covering, they answer this person now: the conversation counts in their header, and
        // "my work" lists the person waiting, though they are named on none of their pathways.
        var work = await cover.GetPage("/work");
        Assert.Equal(1, MessagingTestData.HeaderCount(work));
        var waiting = Assert.Single(work.QuerySelectorAll("[data-testid=waiting-conversation]"));
        Assert.Contains($"Robin {world.Family}", waiting.TextContent);
        Assert.Contains("New to you", waiting.TextContent);
        Assert.Equal(world.StaffUrl, waiting.QuerySelector("a[href$='/messages']")!.GetAttribute("href"));
        Assert.Equal(1, MessagingTestData.HeaderCount(await cover.GetPage("/persons")));
        await cover.Reply(world, "Yes, I'm covering this week.");
        await (await app.SignedIn(supervisor)).Reply(world, "And I'm Asha's supervisor, if you need us.");

        Assert.Equal([SenderKind.Patient, SenderKind.Staff, SenderKind.Staff], (await app.MessagesOf(world.Person)).Select(m => m.SenderKind));
        var note = (await (await app.SignedIn(await app.NewStaff(StaffRole.Practitioner, world.Team))).GetPage(world.StaffUrl)).QuerySelector("[data-testid=read-only]")!.TextContent;
        Assert.Contains($"{covering.Name}, covering until", note);
    }

    [Fact]
    public async Task AnEmptyReply_IsShownWithItsError_AndWhenCareHasEnded_TheTranscriptIsReadOnly()
    {
        var world = await app.NewMessagingWorld();
        await (await app.SignedIn(world.Patient)).Send("Thanks for the session");
        var practitioner = await app.SignedIn(world.Practitioner);

        var response = await practitioner.PostForm(world.StaffUrl, new Dictionary<string, string?> { ["Form.Body"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Write your message", page.QuerySelector("#Form_Body-error")!.TextContent);
        Assert.Single(page.QuerySelectorAll("[data-testid=message]"));

        await app.EndCare(world);
        page = await practitioner.GetPage(world.StaffUrl);
        Assert.Contains("care pathway is not active", page.QuerySelector("[data-testid=read-only]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=reply-form]"));
        Assert.Single(page.QuerySelectorAll("[data-testid=message]"));
    }

    [Fact]
    public async Task SearchingTheTranscript_FindsWordsInAnyCase_MarksEachMatch_AndPagesTheResults()
    {
        var world = await app.NewMessagingWorld();
        await using (var scope = app.Scope())
        {
            var conversations = scope.ServiceProvider.GetRequiredService<Conversations>();
            var access = (await scope.ServiceProvider.GetRequiredService<CareAccess>().Conversation(null, PatientMessagesTests.PatientPrincipal(world), auditRead: false, default))!;
            for (var i = 1; i <= 25; i++) await conversations.Send(access, i % 2 == 0 ? $"Went for a WALK today ({i})" : $"Stayed in ({i}), no walk. 100% tired_", default);
        }
        var practitioner = await app.SignedIn(world.Practitioner);

        var page = await practitioner.GetPage($"{world.StaffUrl}?q=walk");
        Assert.Contains("25 messages match", page.QuerySelector("[data-testid=results-heading]")!.TextContent);
        var found = page.QuerySelectorAll("[data-testid=message]");
        Assert.Equal(20, found.Length);
        Assert.Contains("(25)", found[0].QuerySelector(".app-message__body")!.TextContent);
        Assert.Equal("walk", found[0].QuerySelector("mark")!.TextContent);
        Assert.Equal("WALK", found[1].QuerySelector("mark")!.TextContent);
        var more = page.QuerySelector("[data-testid=older-results]")!.GetAttribute("href");
        Assert.Equal($"{world.StaffUrl}?q=walk&p=2", more);
        Assert.Equal(5, (await practitioner.GetPage(more!)).QuerySelectorAll("[data-testid=message]").Length);

        // What is typed is searched for as it is: % and _ are characters, not wildcards.
        page = await practitioner.GetPage($"{world.StaffUrl}?q={Uri.EscapeDataString("100% tired_")}");
        Assert.Contains("13 messages match", page.QuerySelector("[data-testid=results-heading]")!.TextContent);
        page = await practitioner.GetPage($"{world.StaffUrl}?q={Uri.EscapeDataString("0%")}");
        Assert.Contains("13 messages match", page.QuerySelector("[data-testid=results-heading]")!.TextContent);
        page = await practitioner.GetPage($"{world.StaffUrl}?q=%25%25");
        Assert.Contains("0 messages match", page.QuerySelector("[data-testid=results-heading]")!.TextContent);
    }

    [Fact]
    public async Task UnderBreakGlass_APractitionerOfAnotherTeam_ReadsTheConversation_ButNeverReplies()
    {
        var world = await app.NewMessagingWorld();
        await (await app.SignedIn(world.Patient)).Send("Hello");
        var outsider = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var session = await app.SignedIn(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get(world.StaffUrl)).StatusCode);
        await WebSession.AssertRedirect(await session.PostForm($"/persons/{world.Person}/break-glass",
            new Dictionary<string, string?> { ["Form.Reason"] = "Came to our ED tonight and I need to see their recent contact" }));

        var page = await session.GetPage(world.StaffUrl);
        Assert.NotNull(page.QuerySelector("[data-testid=break-glass-banner]"));
        Assert.Single(page.QuerySelectorAll("[data-testid=message]"));
        Assert.Null(page.QuerySelector("[data-testid=reply-form]"));
        var token = (await session.GetPage("/persons/register")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        Assert.Equal(HttpStatusCode.NotFound, (await session.PostWithToken(world.StaffUrl, token, new Dictionary<string, string?> { ["Form.Body"] = "Hi" })).StatusCode);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.EntityType == "Conversation" && e.ActorId == outsider.Id && e.Reason == "Opened under break-glass access")));
    }

    [Fact]
    public async Task EarlierMessages_AreOnePageBack_AndTheLatestPageIsLive()
    {
        var world = await app.NewMessagingWorld();
        await using (var scope = app.Scope())
        {
            var conversations = scope.ServiceProvider.GetRequiredService<Conversations>();
            var access = (await scope.ServiceProvider.GetRequiredService<CareAccess>().Conversation(null, PatientMessagesTests.PatientPrincipal(world), auditRead: false, default))!;
            for (var i = 1; i <= 51; i++) await conversations.Send(access, $"Note {i}", default);
        }
        var practitioner = await app.SignedIn(world.Practitioner);

        var page = await practitioner.GetPage(world.StaffUrl);
        Assert.Equal(50, page.QuerySelectorAll("[data-testid=message]").Length);
        var live = page.QuerySelector("[data-live-conversation]")!;
        Assert.Equal((world.Person.ToString(), "51", "staff"), (live.GetAttribute("data-live-conversation"), live.GetAttribute("data-live-last"), live.GetAttribute("data-live-viewer")));
        Assert.NotNull(page.QuerySelector("script[src='/js/live.js']"));
        var earlier = await practitioner.GetPage(page.QuerySelector("[data-testid=earlier]")!.GetAttribute("href")!);
        Assert.Equal("Note 1", Assert.Single(earlier.QuerySelectorAll("[data-testid=message] .app-message__body")).TextContent);
        // An earlier page joins no conversation; live.js is there still, for the duty alerts every clinician's page hears.
        Assert.Null(earlier.QuerySelector("[data-live-conversation]"));
        Assert.NotNull(earlier.QuerySelector("[data-live-alerts]"));
    }
}
