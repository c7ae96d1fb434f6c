using System.Globalization;
using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Features.Referrals;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.ServiceInbox;

/// <summary>
/// The receiving service's inbox and its view of a referral: only referrals sent to its own
/// service, the letter as sent with the person's story only while they agree, every read audited
/// as the service's user, its own answers recorded as its own, and two people answering at once.
/// </summary>
[Collection("web")]
public sealed class ServiceInboxTests(AftercareFactory app)
{
    public static string Url(ReferralId referral) => $"/service/referrals/{referral}";

    private async Task<(ReferralWorld World, ServiceUserAccount Account, WebSession Session)> ServiceOfANewWorld(NarrativeSharing? sharing = null)
    {
        var world = await app.NewReferralWorld(sharing);
        var account = await app.NewServiceUser((world.Service.Id, world.Service.Name));
        var session = app.NewSession();
        await session.SignIn(account);
        return (world, account, session);
    }

    private static Dictionary<string, string?> When(string form, DateTimeOffset at)
    {
        var local = UkTime.ToLocal(at);
        return new()
        {
            [$"{form}.Date.Day"] = local.Day.ToString(CultureInfo.InvariantCulture),
            [$"{form}.Date.Month"] = local.Month.ToString(CultureInfo.InvariantCulture),
            [$"{form}.Date.Year"] = local.Year.ToString(CultureInfo.InvariantCulture),
            [$"{form}.Time"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
    }

    private static IEnumerable<string> ReferralsIn(AngleSharp.Dom.IDocument page, string group) =>
        page.QuerySelectorAll($"[data-testid={group}] [data-testid=inbox-row]").Select(r => r.GetAttribute("data-referral")!);

    [Fact]
    public async Task TheInbox_ListsOnlyWhatWasSentToTheirService_InTheGroupsATeamWorksFrom_AndAuditsEachAsRead()
    {
        var (world, account, session) = await ServiceOfANewWorld();
        var waiting = await app.NewReferral(world);
        var accepted = await app.NewReferral(world, ReferralStatus.Accepted);
        var offered = await app.NewReferral(world, ReferralStatus.FirstAppointmentOffered);
        var declined = await app.NewReferral(world, ReferralStatus.Declined);
        var draft = await app.NewReferral(world, ReferralStatus.Draft);
        var listed = await app.NewReferral(world);
        await app.WithDb(async db =>
        {
            var r = await db.Referrals.SingleAsync(x => x.Id == listed.Id);
            r.PlaceOnWaitingList(null, ReferralActor.ForStaff(new StaffId(world.Practitioner.Id), world.Practitioner.Name), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var elsewhere = await app.NewReferralWorld();
        var theirs = await app.NewReferral(elsewhere);

        var page = await session.GetPage("/service");

        Assert.Equal([waiting.Id.ToString()], ReferralsIn(page, "waiting"));
        Assert.Equal([listed.Id.ToString()], ReferralsIn(page, "waiting-list"));
        Assert.Equal(new[] { accepted.Id.ToString(), offered.Id.ToString() }.Order(), ReferralsIn(page, "accepted").Order());
        Assert.Equal([declined.Id.ToString()], ReferralsIn(page, "answered"));
        var text = page.Body!.TextContent;
        Assert.DoesNotContain(draft.Id.ToString(), page.Body!.InnerHtml);
        Assert.DoesNotContain(theirs.Id.ToString(), page.Body!.InnerHtml);
        Assert.DoesNotContain(elsewhere.Family, text);
        Assert.Null(page.QuerySelector("[data-testid=no-referrals]"));

        var row = page.QuerySelector("[data-testid=waiting] [data-testid=inbox-row]")!;
        Assert.Contains($"Robin {world.Family}", row.TextContent);
        Assert.Contains("12 April 1999", row.TextContent);
        Assert.Contains(world.Team.TeamName, row.TextContent);
        Assert.Contains("Waiting 5 hours", row.QuerySelector("[data-testid=waited]")!.TextContent);
        Assert.Equal(Url(waiting.Id), row.QuerySelector("a")!.GetAttribute("href"));

        var audited = await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.ActorId == account.Id && e.Action == AuditActions.View).ToListAsync());
        Assert.Equal(new[] { waiting, listed, accepted, offered, declined }.Select(r => r.Id.ToString()).Order(), audited.Select(e => e.EntityId!).Order());
        Assert.All(audited, e => Assert.Equal((world.Person.Value, "Service", account.Name), (e.PersonId!.Value, e.ActorRole!, e.ActorName)));
    }

    [Fact]
    public async Task AnsweredReferrals_AreMostRecentlySentFirst_TwentyAPage_AndAResubmissionSaysItFollowsTheirDecline()
    {
        var (world, _, session) = await ServiceOfANewWorld();
        var answered = new List<Referral>();
        for (var i = 0; i < 21; i++) answered.Add(await app.NewReferral(world, ReferralStatus.Declined, DeclineReason.IncompleteInformation));
        var resubmission = await app.WithDb(async db =>
        {
            var declined = await db.Referrals.SingleAsync(r => r.Id == answered[0].Id);
            var next = declined.Resubmit(new StaffId(world.Practitioner.Id), world.Practitioner.Name, DateTimeOffset.UtcNow);
            next.ReviseLetter(new Dictionary<string, string?> { [ReferralLetterDraft.ResubmissionKey] = "Here is the missing information." }, new StaffId(world.Practitioner.Id), DateTimeOffset.UtcNow);
            next.Send(null, new StaffId(world.Practitioner.Id), world.Practitioner.Name, DateTimeOffset.UtcNow);
            db.Referrals.Add(next);
            await db.SaveChangesAsync();
            return next;
        });

        var first = await session.GetPage("/service");
        var onFirst = ReferralsIn(first, "answered").ToList();
        Assert.Equal(20, onFirst.Count);
        Assert.Equal(answered[^1].Id.ToString(), onFirst[0]);
        Assert.NotNull(first.QuerySelector("[data-testid=answered-next]"));
        var second = await session.GetPage("/service?answered=2");
        // The first one is closed now, replaced by its resubmission: still answered, and the oldest sent.
        Assert.Equal([answered[0].Id.ToString()], ReferralsIn(second, "answered"));
        Assert.NotNull(second.QuerySelector("[data-testid=answered-previous]"));

        var waiting = first.QuerySelector("[data-testid=waiting] [data-testid=inbox-row]")!;
        Assert.Equal(resubmission.Id.ToString(), waiting.GetAttribute("data-referral"));
        Assert.Contains("after your earlier decline", waiting.QuerySelector("[data-testid=follows-decline]")!.TextContent);
        var page = await session.GetPage(Url(resubmission.Id));
        Assert.Contains("This referral follows your decline", page.QuerySelector("[data-testid=resubmission]")!.TextContent);
        Assert.Contains("Here is the missing information.", page.QuerySelector("[data-testid=letter]")!.TextContent);
    }

    [Fact]
    public async Task AReferral_NotSentToTheirService_IsNotFound_OnThePage_ThePdf_AndEveryAnswer()
    {
        var (world, account, session) = await ServiceOfANewWorld();
        var draft = await app.NewReferral(world, ReferralStatus.Draft);
        var elsewhere = await app.NewReferralWorld();
        var anotherServices = await app.NewReferral(elsewhere);
        // Another team's person, referred to a third service.
        var third = await app.NewReferralWorld();
        var thirdsReferral = await app.NewReferral(third);
        var token = (await session.GetPage("/service")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? WebSession.Parse(await (await session.Get("/account/sign-in")).Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");

        foreach (var (referral, family) in new[] { (draft, world.Family), (anotherServices, elsewhere.Family), (thirdsReferral, third.Family) })
        {
            foreach (var url in new[] { Url(referral.Id), Url(referral.Id) + "/pdf" })
                Assert.Equal(HttpStatusCode.NotFound, (await session.Get(url)).StatusCode);
            foreach (var handler in new[] { "Accept", "Waiting", "Decline", "Offer", "Attended" })
            {
                var response = await session.PostWithToken($"{Url(referral.Id)}?handler={handler}", token, new Dictionary<string, string?>
                {
                    ["Version"] = "0",
                    ["Decline.Reason"] = nameof(DeclineReason.OutOfArea),
                    ["Decline.Explanation"] = "Not ours",
                });
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain(family, await response.Content.ReadAsStringAsync());
            }
            var saved = await app.Saved(referral.Id);
            Assert.Equal(referral.Status, saved.Status);
            Assert.Equal(referral.History.Count, saved.History.Count);
        }
        Assert.False(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.ActorId == account.Id && e.EntityType == "Referral")));
    }

    [Fact]
    public async Task StaffAndPatients_AreAnsweredNotFound_OnTheServicesPages()
    {
        var (world, _, _) = await ServiceOfANewWorld();
        var referral = await app.NewReferral(world);
        var supervisor = await app.NewStaff(StaffRole.Supervisor, world.Team);
        var administrator = await app.NewStaff(StaffRole.Administrator, null);
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(world.Person));

        var sessions = new List<WebSession> { await app.SignedIn(world.Practitioner), await app.SignedIn(supervisor), await app.SignedIn(administrator), patient };
        foreach (var session in sessions)
            foreach (var url in new[] { "/service", Url(referral.Id), Url(referral.Id) + "/pdf" })
            {
                var response = await session.Get(url);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain(world.Family, await response.Content.ReadAsStringAsync());
            }
    }

    [Fact]
    public async Task TheReferral_ShowsTheLetterAsSent_WhoReferredAndHowToReachThem_AndTheReadsOfPageAndPdfAreAudited()
    {
        var (world, account, session) = await ServiceOfANewWorld(NarrativeSharing.CareTeamAndReferredServices);
        var referral = await app.NewReferral(world);

        var page = await session.GetPage(Url(referral.Id));
        Assert.Equal($"Referral of Robin {world.Family}", page.QuerySelector("h1")!.TextContent.Trim());
        var letter = page.QuerySelector("[data-testid=letter]")!.TextContent;
        foreach (var part in referral.PrintedLetter()) Assert.Contains(part.Text.Split('\n')[0], letter);
        Assert.Contains(ReferralTestData.Story, letter);
        Assert.Contains("Walk the dog by the canal", letter);
        var from = page.QuerySelector("[data-testid=referred-by]")!.TextContent;
        Assert.Contains(world.Practitioner.Name, from);
        Assert.Contains(world.Team.TeamName, from);
        Assert.Equal(world.Practitioner.Email, page.QuerySelector("[data-testid=referrer-email]")!.TextContent);
        Assert.Contains("Sent", page.QuerySelector("[data-testid=history]")!.TextContent);
        Assert.DoesNotContain("Drafted", page.QuerySelector("[data-testid=history]")!.TextContent);
        // Only what was shared: nothing links to the person's record.
        Assert.Empty(page.QuerySelectorAll("a[href^='/persons']"));

        var pdf = await session.Get(Url(referral.Id) + "/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = PdfText.Flat(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains(PdfText.Flatten(ReferralTestData.Story), text);
        Assert.Contains($"Robin {world.Family}", text);

        var reads = await app.WithDb(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorId == account.Id && e.EntityId == referral.Id.ToString() && e.Action == AuditActions.View).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, reads.Count);
        Assert.All(reads, e => Assert.Equal((world.Person.Value, "Service", account.Name), (e.PersonId!.Value, e.ActorRole!, e.ActorName)));
        Assert.Equal("PDF", reads[1].Reason);
    }

    [Fact]
    public async Task OnceThePersonWithdrawsTheirConsent_TheirStoryIsHidden_OnThePageAndInThePdf()
    {
        var (world, _, session) = await ServiceOfANewWorld(NarrativeSharing.CareTeamAndReferredServices);
        var referral = await app.NewReferral(world);
        Assert.Contains(ReferralTestData.Story, (await session.GetPage(Url(referral.Id))).QuerySelector("[data-testid=letter]")!.TextContent);

        await app.WithDb(async db =>
        {
            var narrative = await db.Narratives.SingleAsync(n => n.PersonId == world.Person);
            narrative.ChangeSharing(NarrativeSharing.CareTeamOnly, new StaffId(world.Practitioner.Id), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        var page = await session.GetPage(Url(referral.Id));
        Assert.DoesNotContain(ReferralTestData.Story, page.Body!.TextContent);
        Assert.Contains(Referral.StoryNotSharedNow, page.QuerySelector("[data-testid=letter]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=story-withdrawn]"));
        var text = PdfText.Flat(await (await session.Get(Url(referral.Id) + "/pdf")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("I lost my job in January", text);
        Assert.Contains(PdfText.Flatten(Referral.StoryNotSharedNow), text);
        // The rest of the letter is still as sent.
        Assert.Contains("Walk the dog by the canal", text);
    }

    [Fact]
    public async Task TheServicesAnswers_AreRecordedAsItsOwn_FromWaitingListToSeen_AndTheReferrerSeesThemAsTheServices()
    {
        var (world, account, session) = await ServiceOfANewWorld();
        var referral = await app.NewReferral(world);
        var url = Url(referral.Id);

        Assert.Equal(url, await WebSession.AssertRedirect(await session.PostForm(url, new Dictionary<string, string?> { ["Waiting.Note"] = "About four weeks" }, url + "?handler=Waiting")));
        Assert.Contains("waiting list", (await session.GetPage(url)).QuerySelector("[data-testid=notice]")!.TextContent);
        await WebSession.AssertRedirect(await session.PostForm(url, new Dictionary<string, string?> { ["Accept.Note"] = "We will ring Robin this week" }, url + "?handler=Accept"));
        var appointment = DateTimeOffset.UtcNow.AddHours(-1);
        appointment = appointment.AddTicks(-(appointment.Ticks % TimeSpan.TicksPerMinute));
        var unreadable = await session.PostForm(url, new Dictionary<string, string?>(When("Offer", appointment)) { ["Offer.Time"] = "half ten" }, url + "?handler=Offer");
        Assert.Contains("24-hour format", WebSession.Parse(await unreadable.Content.ReadAsStringAsync()).QuerySelector("#Offer_Time-error")!.TextContent);
        await WebSession.AssertRedirect(await session.PostForm(url, When("Offer", appointment), url + "?handler=Offer"));
        await WebSession.AssertRedirect(await session.PostForm(url, When("Attended", appointment), url + "?handler=Attended"));

        var saved = await app.Saved(referral.Id);
        Assert.Equal(ReferralStatus.FirstAppointmentAttended, saved.Status);
        Assert.Equal(appointment, saved.FirstContactAt);
        var answers = saved.History.OrderBy(h => h.Sequence).Skip(2).ToList();
        Assert.Equal([ReferralHistoryKind.PlacedOnWaitingList, ReferralHistoryKind.Accepted, ReferralHistoryKind.FirstAppointmentOffered, ReferralHistoryKind.FirstAppointmentAttended],
            answers.Select(h => h.Kind));
        Assert.All(answers, h => Assert.Equal((new ServiceUserId(account.Id), (StaffId?)null, account.Name), (h.ByServiceUser!.Value, h.By, h.ByName)));
        var changes = await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == referral.Id.ToString() && e.Action == AuditActions.Update).ToListAsync());
        Assert.Equal(4, changes.Count);
        Assert.All(changes, e => Assert.Equal((account.Id, "Service"), (e.ActorId!.Value, e.ActorRole!)));
        Assert.Contains($"Accepted, by {world.Service.Name} in Aftercare", changes.Select(e => e.Reason));

        // Nothing more to answer once the person has been seen.
        var page = await session.GetPage(url);
        Assert.Empty(page.QuerySelectorAll("form[data-testid$=-form]"));

        var referrer = await app.SignedIn(world.Practitioner);
        var theirs = await referrer.GetPage(world.Url(referral.Id));
        var history = theirs.QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains($"Accepted, by {account.Name}, {world.Service.Name}, in Aftercare: We will ring Robin this week", history);
        Assert.Contains($"First appointment attended, by {account.Name}, {world.Service.Name}, in Aftercare", history);
        Assert.Contains($"by {account.Name}, {world.Service.Name}, in Aftercare", theirs.QuerySelector("[data-testid=accepted]")!.TextContent);
        Assert.DoesNotContain("on the service's behalf", history);
    }

    [Fact]
    public async Task TheServicesDecline_ForARiskItMayNotRefuseOn_IsFlaggedOnTheReferralAndTheTeamsWorklist_AsTheServicesOwn()
    {
        var (world, account, session) = await ServiceOfANewWorld();
        var referral = await app.NewReferral(world);
        var url = Url(referral.Id);
        var form = (await session.GetPage(url)).QuerySelector("[data-testid=decline-form]")!;
        Assert.Contains("must not be refused because of the self-harm, risk, diagnosis, age, drug or alcohol use or a co-existing condition", form.QuerySelector("[data-testid=nice-notice]")!.TextContent);
        Assert.Contains("flagged to the referring team", form.QuerySelector("[data-testid=nice-notice]")!.TextContent);

        var empty = await session.PostForm(url, new Dictionary<string, string?> { ["Decline.Explanation"] = "Too risky for us" }, url + "?handler=Decline");
        var shown = WebSession.Parse(await empty.Content.ReadAsStringAsync());
        Assert.Contains("Choose the reason", shown.QuerySelector("#Decline_Reason-error")!.TextContent);
        Assert.Equal("Too risky for us", shown.QuerySelector("textarea[name='Decline.Explanation']")!.TextContent);

        await WebSession.AssertRedirect(await session.PostForm(url, new Dictionary<string, string?>
        {
            ["Decline.Reason"] = nameof(DeclineReason.RiskOfSuicideOrSelfHarm),
            ["Decline.Explanation"] = "We cannot offer therapy while there is an ongoing risk of suicide.",
        }, url + "?handler=Decline"));
        Assert.Contains("flagged to the referring team", (await session.GetPage(url)).QuerySelector("[data-testid=notice]")!.TextContent);

        var saved = await app.Saved(referral.Id);
        Assert.True(saved.IsDeclinedContraryToGuidance);
        Assert.True(saved.History.MaxBy(h => h.Sequence)!.IsByTheService);
        var referrer = await app.SignedIn(world.Practitioner);
        var page = await referrer.GetPage(world.Url(referral.Id));
        var flag = page.QuerySelector("[data-testid=nice-flag]")!;
        Assert.Contains("Declined contrary to NICE NG225", flag.TextContent);
        Assert.Equal($"Declined by {account.Name}, {world.Service.Name}, in Aftercare", flag.QuerySelector("[data-testid=declined-by]")!.TextContent.Trim());
        Assert.NotNull(flag.QuerySelector("[data-testid=escalate-form], [data-testid=no-senior]"));
        var worklist = await referrer.GetPage($"/teams/{world.Team.TeamId}/work");
        Assert.Contains(worklist.QuerySelectorAll("[data-testid=nice-decline]"), li => li.TextContent.Contains(world.Family) && li.TextContent.Contains(world.Service.Name));
    }

    [Fact]
    public async Task AnAnswerRecordedOnTheServicesBehalf_ReadsAsSuch_ToTheReferrerAndTheService()
    {
        var (world, _, session) = await ServiceOfANewWorld();
        var referral = await app.NewReferral(world);
        var referrer = await app.SignedIn(world.Practitioner);
        var answer = $"{world.Url(referral.Id)}/answer";
        await WebSession.AssertRedirect(await referrer.PostForm(answer, new Dictionary<string, string?>
        {
            ["Decline.Reason"] = nameof(DeclineReason.OutOfArea),
            ["Decline.Explanation"] = "Said on the phone that Robin lives outside their area.",
        }, answer + "?handler=Decline"));

        var page = await referrer.GetPage(world.Url(referral.Id));
        Assert.Equal($"Declined recorded by {world.Practitioner.Name} on the service's behalf", page.QuerySelector("[data-testid=declined-by]")!.TextContent.Trim());
        Assert.Contains($"Declined, recorded by {world.Practitioner.Name} on the service's behalf", page.QuerySelector("[data-testid=history]")!.TextContent);
        Assert.DoesNotContain("in Aftercare", page.QuerySelector("[data-testid=history]")!.TextContent);
        Assert.False((await app.Saved(referral.Id)).History.MaxBy(h => h.Sequence)!.IsByTheService);

        var theirs = await session.GetPage(Url(referral.Id));
        Assert.Contains($"Declined, recorded by {world.Practitioner.Name} on the service's behalf", theirs.QuerySelector("[data-testid=history]")!.TextContent);
        Assert.Null(theirs.QuerySelector("[data-testid=decline-form]"));
    }

    [Fact]
    public async Task TheServiceAndAPractitionerAnsweringAtOnce_TheSecondIsToldWhatTheFirstRecorded_AndKeepsTheirOwnWords()
    {
        var (world, account, session) = await ServiceOfANewWorld();
        var referral = await app.NewReferral(world);
        var url = Url(referral.Id);
        var opened = await session.GetPage(url);
        var token = opened.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var version = opened.QuerySelector("input[name=Version]")!.GetAttribute("value");

        // The practitioner records the service's acceptance, from a phone call, while the service's user is writing a decline.
        var referrer = await app.SignedIn(world.Practitioner);
        var answer = $"{world.Url(referral.Id)}/answer";
        await WebSession.AssertRedirect(await referrer.PostForm(answer, new Dictionary<string, string?>(), answer + "?handler=Accept"));
        var late = await session.PostWithToken(url + "?handler=Decline", token, new Dictionary<string, string?>
        {
            ["Version"] = version,
            ["Decline.Reason"] = nameof(DeclineReason.IncompleteInformation),
            ["Decline.Explanation"] = "We need to know more about Robin's physical health.",
        });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = WebSession.Parse(await late.Content.ReadAsStringAsync());
        Assert.Contains($"{world.Practitioner.Name} recorded \"accepted\"", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Contains("Accepted", page.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Contains("We need to know more about Robin's physical health.", page.QuerySelector("[data-testid=unsaved-answer]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=decline-form]"));
        var saved = await app.Saved(referral.Id);
        Assert.Equal(ReferralStatus.Accepted, saved.Status);
        Assert.DoesNotContain(saved.History, h => h.IsByTheService);

        // The other way round: the service answers first, and the practitioner is told it was the service, in Aftercare.
        var second = await app.NewReferral(world);
        var theirAnswer = $"{world.Url(second.Id)}/answer";
        var theirPage = await referrer.GetPage(theirAnswer);
        var theirToken = theirPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var theirVersion = theirPage.QuerySelector("input[name=Version]")!.GetAttribute("value");
        await WebSession.AssertRedirect(await session.PostForm(Url(second.Id), new Dictionary<string, string?>(), Url(second.Id) + "?handler=Accept"));
        var lateReferrer = await referrer.PostWithToken(theirAnswer + "?handler=Waiting", theirToken, new Dictionary<string, string?>
        {
            ["Version"] = theirVersion,
            ["Waiting.Note"] = "They said about six weeks",
        });
        var shown = WebSession.Parse(await lateReferrer.Content.ReadAsStringAsync());
        Assert.Contains($"{account.Name} of {world.Service.Name} answered \"accepted\" in Aftercare", shown.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner)")!.TextContent);
        Assert.Contains("They said about six weeks", shown.QuerySelector("[data-testid=unsaved-answer]")!.TextContent);
        Assert.Equal(ReferralStatus.Accepted, (await app.Saved(second.Id)).Status);
    }
}
