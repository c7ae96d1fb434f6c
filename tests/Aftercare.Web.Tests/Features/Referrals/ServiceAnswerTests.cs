using System.Globalization;
using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Referrals;

/// <summary>
/// The service's answer, recorded by the practitioner on its behalf: accepted, on the waiting list,
/// the first appointment offered and attended (the first aftercare contact, with the time from
/// arriving at hospital), or closed with its outcome; and two people recording at once.
/// </summary>
[Collection("web")]
public sealed class ServiceAnswerTests(AftercareFactory app)
{
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

    private static DateTimeOffset ToTheMinute(DateTimeOffset at) => at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMinute));

    [Fact]
    public async Task WaitingListAcceptedOfferedAndSeen_AreRecordedWithWhoRecordedThem_AndTheTimeToFirstContactIsShown()
    {
        var world = await app.NewReferralWorld();
        var referral = await app.NewReferral(world);
        var session = await app.SignedIn(world.Practitioner);
        var url = world.Url(referral.Id);
        var answer = $"{url}/answer";

        Assert.Contains("Not yet", (await session.GetPage(url)).QuerySelector("[data-testid=time-to-first-contact]")!.TextContent);
        await WebSession.AssertRedirect(await session.PostForm(answer, new Dictionary<string, string?> { ["Waiting.Note"] = "About six weeks" }, answer + "?handler=Waiting"));
        await WebSession.AssertRedirect(await session.PostForm(answer, new Dictionary<string, string?>(), answer + "?handler=Accept"));
        var appointment = ToTheMinute(DateTimeOffset.UtcNow.AddHours(-1));
        await WebSession.AssertRedirect(await session.PostForm(answer, When("Offer", appointment), answer + "?handler=Offer"));

        // The time they were seen is offered as the appointment's; one in the future is refused by the field.
        var page = await session.GetPage(answer);
        Assert.Equal(UkTime.ToLocal(appointment).ToString("HH:mm", CultureInfo.InvariantCulture), page.QuerySelector("input[name='Attended.Time']")!.GetAttribute("value"));
        var future = await session.PostForm(answer, When("Attended", DateTimeOffset.UtcNow.AddDays(1)), answer + "?handler=Attended");
        Assert.Contains("That time is in the future", WebSession.Parse(await future.Content.ReadAsStringAsync()).QuerySelector("#Attended_Date-error")!.TextContent);
        var unreadable = await session.PostForm(answer, new Dictionary<string, string?>(When("Attended", appointment)) { ["Attended.Time"] = "half ten" }, answer + "?handler=Attended");
        Assert.Contains("24-hour format", WebSession.Parse(await unreadable.Content.ReadAsStringAsync()).QuerySelector("#Attended_Time-error")!.TextContent);
        await WebSession.AssertRedirect(await session.PostForm(answer, When("Attended", appointment), answer + "?handler=Attended"));

        var saved = await app.Saved(referral.Id);
        Assert.Equal(ReferralStatus.FirstAppointmentAttended, saved.Status);
        Assert.Equal(appointment, saved.FirstContactAt);
        Assert.Equal(appointment - saved.PresentationArrivedAt, saved.TimeFromPresentationToFirstContact);
        Assert.Equal([ReferralHistoryKind.PlacedOnWaitingList, ReferralHistoryKind.Accepted, ReferralHistoryKind.FirstAppointmentOffered, ReferralHistoryKind.FirstAppointmentAttended],
            saved.History.OrderBy(h => h.Sequence).Skip(2).Select(h => h.Kind));
        Assert.All(saved.History, h => Assert.Equal(world.Practitioner.Name, h.ByName));
        page = await session.GetPage(url);
        Assert.Contains("days", page.QuerySelector("[data-testid=time-to-first-contact]")!.TextContent);
        Assert.Contains(UkTime.Format(appointment), page.QuerySelector("[data-testid=time-to-first-contact]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=actions]"));
        // A finished referral has nothing more to record.
        Assert.Equal(url, (await session.Get(answer)).Headers.Location!.OriginalString);
        var reasons = await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == referral.Id.ToString() && e.Action == "update").Select(e => e.Reason).ToListAsync());
        Assert.Contains($"First appointment attended, recorded on behalf of {world.Service.Name}", reasons);
    }

    [Fact]
    public async Task AReferralIsClosedOnlyWithItsOutcome_AndAWithdrawalWithItsReason()
    {
        var world = await app.NewReferralWorld();
        var referral = await app.NewReferral(world);
        var session = await app.SignedIn(world.Practitioner);
        var answer = $"{world.Url(referral.Id)}/answer";

        var none = await session.PostForm(answer, new Dictionary<string, string?>(), answer + "?handler=Close");
        Assert.Contains("Choose the outcome", WebSession.Parse(await none.Content.ReadAsStringAsync()).QuerySelector("#Close_Outcome-error")!.TextContent);
        var noReason = await session.PostForm(answer, new Dictionary<string, string?> { ["Close.Outcome"] = nameof(ReferralClosure.WithdrawnByReferrer) }, answer + "?handler=Close");
        Assert.Contains("Give the reason for withdrawing", WebSession.Parse(await noReason.Content.ReadAsStringAsync()).QuerySelector("#Close_Detail-error")!.TextContent);
        Assert.DoesNotContain(nameof(ReferralClosure.SupersededByResubmission), (await session.GetPage(answer)).QuerySelector("[data-testid=close-form]")!.InnerHtml);

        await WebSession.AssertRedirect(await session.PostForm(answer, new Dictionary<string, string?>
        {
            ["Close.Outcome"] = nameof(ReferralClosure.WithdrawnByReferrer),
            ["Close.Detail"] = "Robin has chosen her GP's counsellor instead",
        }, answer + "?handler=Close"));
        var saved = await app.Saved(referral.Id);
        Assert.Equal((ReferralStatus.Closed, ReferralClosure.WithdrawnByReferrer), (saved.Status, saved.Closure!.Value));
        Assert.Contains("GP's counsellor", (await session.GetPage(world.Url(referral.Id))).QuerySelector("[data-testid=closed]")!.TextContent);
    }

    [Fact]
    public async Task TwoPeopleRecordingTheServicesAnswerAtOnce_TheSecondIsToldWhatTheFirstRecorded_AndNothingOfTheirsIsSaved()
    {
        var world = await app.NewReferralWorld();
        var referral = await app.NewReferral(world);
        var first = await app.SignedIn(world.Practitioner);
        var colleague = await app.NewStaff(StaffRole.Supervisor, world.Team);
        var second = await app.SignedIn(colleague);
        var answer = $"{world.Url(referral.Id)}/answer";
        var opened = await second.GetPage(answer);
        var token = opened.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var version = opened.QuerySelector("input[name=Version]")!.GetAttribute("value");

        await WebSession.AssertRedirect(await first.PostForm(answer, new Dictionary<string, string?>(), answer + "?handler=Accept"));
        var late = await second.PostWithToken(answer + "?handler=Decline", token, new Dictionary<string, string?>
        {
            ["Version"] = version,
            ["Decline.Reason"] = nameof(DeclineReason.RiskOfSuicideOrSelfHarm),
            ["Decline.Explanation"] = "Too risky for talking therapy",
        });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = WebSession.Parse(await late.Content.ReadAsStringAsync());
        Assert.Contains($"{world.Practitioner.Name} recorded \"accepted\"", page.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner)")!.TextContent);
        Assert.Contains("Accepted", page.QuerySelector("[data-testid=status]")!.TextContent);
        var saved = await app.Saved(referral.Id);
        Assert.Equal(ReferralStatus.Accepted, saved.Status);
        Assert.False(saved.IsContraryToGuidance);
    }

    [Fact]
    public async Task TwoPeopleChangingTheSameDraft_TheSecondSeesWhatTheFirstSaved_AndKeepsTheirOwnText()
    {
        var world = await app.NewReferralWorld();
        var referral = await app.NewReferral(world, ReferralStatus.Draft);
        var first = await app.SignedIn(world.Practitioner);
        var supervisor = await app.NewStaff(StaffRole.Supervisor, world.Team);
        var second = await app.SignedIn(supervisor);
        var letter = $"{world.Url(referral.Id)}/letter";
        var opened = await second.GetPage(letter);
        var token = opened.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var fields = opened.QuerySelectorAll("textarea[name^='Form.Sections']").ToDictionary(t => t.GetAttribute("name")!, t => (string?)t.TextContent);
        fields["Version"] = opened.QuerySelector("input[name=Version]")!.GetAttribute("value");

        var theirs = new Dictionary<string, string?>(fields) { ["Form.Sections[Criterion3]"] = "Robin can get to Eccles by tram." };
        theirs.Remove("Version");
        await WebSession.AssertRedirect(await first.PostForm(letter, theirs, letter + "?handler=Save"));
        var mine = new Dictionary<string, string?>(fields) { ["Form.Sections[Criterion3]"] = "Robin's brother will drive her to Eccles." };
        var late = await second.PostWithToken(letter + "?handler=Save", token, mine);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = WebSession.Parse(await late.Content.ReadAsStringAsync());
        Assert.Contains($"{world.Practitioner.Name} changed this referral", page.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner)")!.TextContent);
        Assert.Equal("Robin's brother will drive her to Eccles.", page.QuerySelector("textarea[name='Form.Sections[Criterion3]']")!.TextContent);
        Assert.Contains("by tram", page.QuerySelector("[data-testid=their-text-Criterion3]")!.TextContent);
        Assert.Equal("Robin can get to Eccles by tram.", (await app.Saved(referral.Id)).Letter.Find("Criterion3")!.Text);

        // Saved again on the version just shown, it goes through.
        mine["Version"] = page.QuerySelector("input[name=Version]")!.GetAttribute("value");
        mine["Form.Sections[Criterion3]"] = "Robin can get to Eccles by tram, or her brother will drive her.";
        await WebSession.AssertRedirect(await second.PostWithToken(letter + "?handler=Save", token, mine));
        Assert.Equal("Robin can get to Eccles by tram, or her brother will drive her.", (await app.Saved(referral.Id)).Letter.Find("Criterion3")!.Text);
    }

    [Fact]
    public async Task AColleaguesPartSavedAsTheLetterIsSent_IsRefused_AndWhatTheyWroteIsShownNotLost()
    {
        var world = await app.NewReferralWorld();
        var colleague = await app.NewStaff(StaffRole.Practitioner, world.Team);
        var referral = await app.NewReferral(world, ReferralStatus.Draft, draft: r =>
        {
            var c = r.NameContributor(colleague.Name, Discipline.Psychology, null, new StaffId(colleague.Id), new StaffId(world.Practitioner.Id), world.Practitioner.Name, DateTimeOffset.UtcNow.AddHours(-6));
            r.AddContribution(c.Id, "First thoughts.", new StaffId(colleague.Id), colleague.Name, DateTimeOffset.UtcNow.AddHours(-6));
        });
        var theirs = await app.SignedIn(colleague);
        var part = $"{world.Url(referral.Id)}/contributors/{referral.Contributors.Single().Id}";
        var opened = await theirs.GetPage(part);
        var token = opened.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var version = opened.QuerySelector("input[name=Version]")!.GetAttribute("value");

        var referrer = await app.SignedIn(world.Practitioner);
        var letter = $"{world.Url(referral.Id)}/letter";
        var page = await referrer.GetPage(letter);
        await WebSession.AssertRedirect(await referrer.PostForm(letter,
            page.QuerySelectorAll("textarea[name^='Form.Sections']").ToDictionary(t => t.GetAttribute("name")!, t => (string?)t.TextContent), letter + "?handler=Send"));

        var late = await theirs.PostWithToken(part, token, new Dictionary<string, string?> { ["Version"] = version, ["Form.Part"] = "Second, fuller thoughts." });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var shown = WebSession.Parse(await late.Content.ReadAsStringAsync());
        Assert.Contains("This letter was sent while you were writing", shown.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner)")!.TextContent);
        Assert.Contains("Second, fuller thoughts.", shown.QuerySelector("[data-testid=unsaved-part]")!.TextContent);
        Assert.Equal("First thoughts.", (await app.Saved(referral.Id)).Contributors.Single().Part);
    }
}
