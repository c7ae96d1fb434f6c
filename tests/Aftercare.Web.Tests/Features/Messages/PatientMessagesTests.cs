using System.Net;
using Aftercare.Domain.Messaging;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Messages;

/// <summary>The person writes to their care team from their own pages, and is told honestly when it will be read.</summary>
[Collection("web")]
public sealed class PatientMessagesTests(AftercareFactory app)
{
    [Fact]
    public async Task AMessageSentWhileTheTeamReads_IsKeptAsWritten_WithEmoji_AndThePersonIsToldWhenToExpectAReply()
    {
        var world = await app.NewMessagingWorld();
        var patient = await app.SignedIn(world.Patient);

        var page = await patient.GetPage(MessagingWorld.PatientUrl);
        Assert.Null(page.QuerySelector("[data-testid=closed-notice]"));
        Assert.NotNull(page.QuerySelector("[data-testid=no-messages]"));
        Assert.Contains("reads messages every day, at any time", page.QuerySelector("[data-testid=reading-hours]")!.TextContent);

        Assert.Equal("/my/messages#latest", await patient.Send("  Walked the long way round the park 🌳\nFelt a bit better 🙂  "));

        var message = Assert.Single(await app.MessagesOf(world.Person));
        Assert.Equal(("Walked the long way round the park 🌳\nFelt a bit better 🙂", SenderKind.Patient, world.Patient.Id, false),
            (message.Body, message.SenderKind, message.SenderId, message.SentOutOfHours));
        page = await patient.GetPage(MessagingWorld.PatientUrl);
        var shown = Assert.Single(page.QuerySelectorAll("[data-testid=message]"));
        Assert.Equal("You", shown.QuerySelector(".app-message__from")!.TextContent);
        Assert.Equal(message.Body, shown.QuerySelector(".app-message__body")!.TextContent);
        Assert.StartsWith("Expect a reply by ", page.QuerySelector("[data-testid=expected-reply]")!.TextContent.Trim());
        // The home page says it too, with a link to the messages.
        var home = await patient.GetPage("/my");
        Assert.StartsWith("Expect a reply by ", home.QuerySelector("[data-testid=my-messages] [data-testid=expected-reply]")!.TextContent.Trim());
        Assert.Equal("/my/messages", home.QuerySelector("[data-testid=my-messages] a")!.GetAttribute("href"));
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Create && e.EntityType == "Message" && e.EntityId == message.Id.ToString()
            && e.ActorId == world.Patient.Id && e.PersonId == world.Person.Value)));
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.View && e.EntityType == "Conversation"
            && e.ActorId == world.Patient.Id && e.PersonId == world.Person.Value)));
    }

    [Fact]
    public async Task BeforeWritingOutOfHours_ThePersonIsToldWhenItWillBeRead_WithTheCrisisHelp_AndTheirMessageIsAnsweredAutomaticallyOnce()
    {
        var (hours, opens) = MessagingTestData.NotReadingNow();
        var world = await app.NewMessagingWorld(hours);
        var patient = await app.SignedIn(world.Patient);

        var page = await patient.GetPage(MessagingWorld.PatientUrl);
        var notice = page.QuerySelector("[data-testid=closed-notice]")!;
        Assert.Contains($"If you send a message now, it will be read from {MessagingTestData.Day(opens)} at 9am.", notice.TextContent);
        var help = notice.QuerySelectorAll("[data-testid=help-now] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["tel:999", "tel:111", "tel:116123", "sms:85258?body=SHOUT"], help);
        // The notice comes before the form.
        Assert.True(page.QuerySelector("[data-testid=message-form]")!.CompareDocumentPosition(notice).HasFlag(AngleSharp.Dom.DocumentPositions.Preceding));

        await patient.Send("Can't sleep");
        await patient.Send("Still awake");

        var messages = await app.MessagesOf(world.Person);
        Assert.Equal([SenderKind.Patient, SenderKind.AutomaticReply, SenderKind.Patient], messages.Select(m => m.SenderKind));
        Assert.All(messages.Where(m => m.SenderKind == SenderKind.Patient), m => Assert.True(m.SentOutOfHours));
        page = await patient.GetPage(MessagingWorld.PatientUrl);
        var automatic = page.QuerySelectorAll("[data-testid=message]")[1];
        Assert.Equal("Automatic reply", automatic.QuerySelector(".app-message__from")!.TextContent);
        var said = automatic.QuerySelector(".app-message__body")!.TextContent;
        Assert.Contains($"Your team reads messages {MessagingTestData.Day(opens)}, 9am to 5pm. Your message will be read from {MessagingTestData.Day(opens)} at 9am.", said);
        foreach (var line in new[] { "999", "NHS 111", "option 2", "116 123", "SHOUT to 85258" }) Assert.Contains(line, said);
        // Read on that day: two days of 8 reading hours later is the next week's, at 5pm.
        Assert.Contains("Expect a reply by", page.QuerySelector("[data-testid=expected-reply]")!.TextContent);
    }

    [Fact]
    public async Task AnEmptyOrTooLongMessage_IsShownWithItsError_KeepingWhatWasTyped_AndNothingIsSent()
    {
        var world = await app.NewMessagingWorld();
        var patient = await app.SignedIn(world.Patient);

        var response = await patient.PostForm(MessagingWorld.PatientUrl, new Dictionary<string, string?> { ["Form.Body"] = "   " });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("Write your message", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("#Form_Body", page.QuerySelector(".nhsuk-error-summary a")!.GetAttribute("href"));
        Assert.Contains("Write your message", page.QuerySelector("#Form_Body-error")!.TextContent);

        var tooLong = new string('a', 4001) + " 🙂";
        response = await patient.PostForm(MessagingWorld.PatientUrl, new Dictionary<string, string?> { ["Form.Body"] = tooLong });
        page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("4,000 characters or fewer", page.QuerySelector("#Form_Body-error")!.TextContent);
        Assert.Equal(tooLong, page.QuerySelector("#Form_Body")!.TextContent);
        Assert.Empty(await app.MessagesOf(world.Person));
    }

    [Fact]
    public async Task WhenTheirCareHasEnded_ThePersonIsToldNobodyIsReading_WithTheCrisisHelp_AndCannotSend_ButKeepsTheirMessages()
    {
        var world = await app.NewMessagingWorld();
        var patient = await app.SignedIn(world.Patient);
        await patient.Send("Thank you for everything");
        var token = (await patient.GetPage(MessagingWorld.PatientUrl)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        await app.EndCare(world);

        var page = await patient.GetPage(MessagingWorld.PatientUrl);
        var notice = page.QuerySelector("[data-testid=not-reading]")!;
        Assert.Contains("nobody is reading messages here and you cannot send one", notice.TextContent);
        Assert.Equal(4, notice.QuerySelectorAll("[data-testid=help-now] a").Length);
        Assert.Null(page.QuerySelector("[data-testid=message-form]"));
        Assert.Single(page.QuerySelectorAll("[data-testid=message]"));

        // A form kept open from before is refused with the reason, and nothing is saved.
        var response = await patient.PostWithToken(MessagingWorld.PatientUrl, token, new Dictionary<string, string?> { ["Form.Body"] = "Hello?" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not reading messages now", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Single(await app.MessagesOf(world.Person));
    }

    [Fact]
    public async Task ThePersonsHomePage_CountsTheRepliesTheyHaveNotRead_UntilTheyOpenTheirMessages()
    {
        var world = await app.NewMessagingWorld();
        var patient = await app.SignedIn(world.Patient);
        await patient.Send("Are we still on for Thursday?");
        var practitioner = await app.SignedIn(world.Practitioner);
        await practitioner.Reply(world, "Yes, 2pm as planned.");
        await practitioner.Reply(world, "I'll ring you first.");

        var home = await patient.GetPage("/my");
        Assert.Equal("2 new replies from your team.", home.QuerySelector("[data-testid=unread-replies]")!.TextContent);
        Assert.Null(home.QuerySelector("[data-testid=my-messages] [data-testid=expected-reply]"));

        var page = await patient.GetPage(MessagingWorld.PatientUrl);
        Assert.Equal(world.Practitioner.Name, page.QuerySelectorAll("[data-testid=message]")[1].QuerySelector(".app-message__from")!.TextContent);
        Assert.Equal("No new replies.", (await patient.GetPage("/my")).QuerySelector("[data-testid=unread-replies]")!.TextContent);
    }

    [Fact]
    public async Task TheLatest50AreShown_NewestAtTheBottom_WithALinkToEarlierOnes()
    {
        var world = await app.NewMessagingWorld();
        await using (var scope = app.Scope())
        {
            var conversations = scope.ServiceProvider.GetRequiredService<Aftercare.Web.Features.Messages.Conversations>();
            var access = await scope.ServiceProvider.GetRequiredService<CareAccess>().Conversation(null, PatientPrincipal(world), auditRead: false, default);
            for (var i = 1; i <= 55; i++) await conversations.Send(access!, $"Message {i}", default);
        }
        var patient = await app.SignedIn(world.Patient);

        var page = await patient.GetPage(MessagingWorld.PatientUrl);
        var bodies = page.QuerySelectorAll("[data-testid=message] .app-message__body").Select(b => b.TextContent).ToList();
        Assert.Equal(50, bodies.Count);
        Assert.Equal(("Message 6", "Message 55"), (bodies[0], bodies[^1]));
        Assert.Equal("/my/messages?before=6", page.QuerySelector("[data-testid=earlier]")!.GetAttribute("href"));
        Assert.Equal("55", page.QuerySelector("[data-live-conversation]")!.GetAttribute("data-live-last"));

        var earlier = await patient.GetPage("/my/messages?before=6");
        Assert.Equal(["Message 1", "Message 2", "Message 3", "Message 4", "Message 5"],
            earlier.QuerySelectorAll("[data-testid=message] .app-message__body").Select(b => b.TextContent));
        Assert.Null(earlier.QuerySelector("[data-testid=earlier]"));
        Assert.NotNull(earlier.QuerySelector("[data-testid=latest]"));
        // An earlier page is not live: nothing would be added at its end.
        Assert.Null(earlier.QuerySelector("[data-live-conversation]"));
    }

    public static System.Security.Claims.ClaimsPrincipal PatientPrincipal(MessagingWorld world) =>
        new(new System.Security.Claims.ClaimsIdentity(
        [
            new(System.Security.Claims.ClaimTypes.NameIdentifier, world.Patient.Id.ToString()),
            new(System.Security.Claims.ClaimTypes.Role, AftercareClaims.PatientRole),
            new(AftercareClaims.Person, world.Person.ToString()),
            new(AftercareClaims.DisplayName, "Robin"),
        ], "test"));
}
