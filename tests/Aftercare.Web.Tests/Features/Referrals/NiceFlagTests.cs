using System.Net;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Referrals;

/// <summary>
/// A decline on grounds NICE NG225 rules out is flagged on the referral and on the team's worklist
/// until it is resolved; it goes to a named senior clinician in one step, with what came of it
/// recorded; and it can be answered with a resubmission linked to it.
/// </summary>
[Collection("web")]
public sealed class NiceFlagTests(AftercareFactory app)
{
    public static readonly TheoryData<DeclineReason> Flagged = new(Enum.GetValues<DeclineReason>().Where(DeclineReasons.IsContraryToGuidance));
    public static readonly TheoryData<DeclineReason> NotFlagged = new(Enum.GetValues<DeclineReason>().Where(r => !DeclineReasons.IsContraryToGuidance(r)));

    private static Dictionary<string, string?> Decline(DeclineReason reason) => new()
    {
        ["Decline.Reason"] = reason.ToString(),
        ["Decline.Explanation"] = "Our service is not able to help at this time, for the reason given.",
        ["Decline.AlternativeService"] = reason == DeclineReason.NeedsBetterMetByAnotherService ? "Northgate Community Mental Health Team" : null,
    };

    private async Task<(ReferralWorld World, Referral Referral, WebSession Session)> Declined(DeclineReason reason)
    {
        var world = await app.NewReferralWorld();
        var referral = await app.NewReferral(world);
        var session = await app.SignedIn(world.Practitioner);
        var answer = $"{world.Url(referral.Id)}/answer";
        await WebSession.AssertRedirect(await session.PostForm(answer, Decline(reason), answer + "?handler=Decline"));
        return (world, referral, session);
    }

    private static AngleSharp.Dom.IElement? OnTheWorklist(AngleSharp.Dom.IDocument worklist, ReferralWorld world) =>
        worklist.QuerySelectorAll("[data-testid=nice-decline]").SingleOrDefault(li => li.TextContent.Contains(world.Family));

    [Theory]
    [MemberData(nameof(Flagged))]
    public async Task ADeclineRecordedForAReasonNiceRulesOut_IsFlaggedOnTheReferral_AndOnTheTeamsWorklist(DeclineReason reason)
    {
        var (world, referral, session) = await Declined(reason);

        var saved = await app.Saved(referral.Id);
        Assert.True(saved.IsDeclinedContraryToGuidance);
        Assert.Equal(world.Practitioner.Name, saved.DeclinedByName);
        var page = await session.GetPage(world.Url(referral.Id));
        var flag = page.QuerySelector("[data-testid=nice-flag]")!;
        Assert.Contains("Declined contrary to NICE NG225", flag.TextContent);
        Assert.Equal(DeclineReasons.Describe(reason), flag.QuerySelector("[data-testid=decline-reason]")!.TextContent);
        Assert.Contains("Our service is not able to help at this time", flag.TextContent);
        Assert.NotNull(flag.QuerySelector("[data-testid=escalate-form], [data-testid=no-senior]"));
        Assert.Contains("NICE NG225", page.QuerySelector("[data-testid=notice]")!.TextContent);

        var worklist = await session.GetPage($"/teams/{world.Team.TeamId}/work");
        var item = OnTheWorklist(worklist, world)!;
        Assert.Contains(world.Service.Name, item.TextContent);
        Assert.Contains(DeclineReasons.Describe(reason).ToLowerInvariant(), item.TextContent);
        Assert.Contains("Not escalated", item.TextContent);
        Assert.Equal(world.Url(referral.Id), item.QuerySelector("a")!.GetAttribute("href"));
        Assert.StartsWith("1 referral", worklist.QuerySelector("[data-testid=nice-declines-total]")!.TextContent);
        Assert.Contains("Contrary to NICE NG225", (await session.GetPage(world.People)).QuerySelector("[data-testid=flag]")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(NotFlagged))]
    public async Task ADeclineForAReasonAServiceMayProperlyGive_IsNotFlagged(DeclineReason reason)
    {
        var (world, referral, session) = await Declined(reason);

        var page = await session.GetPage(world.Url(referral.Id));
        Assert.Null(page.QuerySelector("[data-testid=nice-flag]"));
        Assert.Contains(DeclineReasons.Describe(reason), page.QuerySelector("[data-testid=declined]")!.TextContent);
        Assert.Null((await session.GetPage($"/teams/{world.Team.TeamId}/work")).QuerySelector("[data-testid=nice-declines]"));
        Assert.Null((await session.GetPage(world.People)).QuerySelector("[data-testid=flag]"));
    }

    [Fact]
    public async Task ADeclineWithoutAReasonOrTheServicesWords_IsRefusedByTheField_AndNothingIsRecorded()
    {
        var world = await app.NewReferralWorld();
        var referral = await app.NewReferral(world);
        var session = await app.SignedIn(world.Practitioner);
        var answer = $"{world.Url(referral.Id)}/answer";

        var response = await session.PostForm(answer, new Dictionary<string, string?> { ["Decline.Reason"] = "Other", ["Decline.Explanation"] = "Too risky for us" }, answer + "?handler=Decline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose the reason the service gave", page.QuerySelector("#Decline_Reason-error")!.TextContent);
        Assert.Equal("Too risky for us", page.QuerySelector("textarea[name='Decline.Explanation']")!.TextContent);

        response = await session.PostForm(answer, new Dictionary<string, string?> { ["Decline.Reason"] = nameof(DeclineReason.Age), ["Decline.Explanation"] = "" }, answer + "?handler=Decline");
        page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Write the service's reasons, in its own words", page.QuerySelector("#Decline_Explanation-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name='Decline.Reason'][value=Age][checked]"));
        Assert.Equal(ReferralStatus.Sent, (await app.Saved(referral.Id)).Status);
    }

    [Fact]
    public async Task AFlaggedDecline_IsEscalatedToANamedSeniorClinicianInOneStep_AndWhatCameOfItIsRecorded()
    {
        var (world, referral, session) = await Declined(DeclineReason.RiskOfSuicideOrSelfHarm);
        var senior = await app.NewStaff(StaffRole.Supervisor, world.Team);
        var url = world.Url(referral.Id);

        var page = await session.GetPage(url);
        var options = page.QuerySelectorAll("[data-testid=escalate-form] select[name='Escalation.SeniorClinician'] option").Select(o => o.TextContent).ToList();
        Assert.Contains(senior.Name, options);
        var none = await session.PostForm(url, new Dictionary<string, string?> { ["Escalation.SeniorClinician"] = "" }, url + "?handler=Escalate");
        Assert.Contains("Choose the senior clinician", WebSession.Parse(await none.Content.ReadAsStringAsync()).QuerySelector("#Escalation_SeniorClinician-error")!.TextContent);

        await WebSession.AssertRedirect(await session.PostForm(url, new Dictionary<string, string?>
        {
            ["Escalation.SeniorClinician"] = senior.Id.ToString(),
            ["Escalation.Note"] = "Robin wants this service; please speak to their lead.",
        }, url + "?handler=Escalate"));
        var saved = await app.Saved(referral.Id);
        var escalation = Assert.Single(saved.Escalations);
        Assert.Equal((new Aftercare.Domain.Common.StaffId(senior.Id), senior.Name, world.Practitioner.Name), (escalation.SeniorClinicianId, escalation.SeniorClinicianName, escalation.EscalatedByName));
        page = await session.GetPage(url);
        Assert.Contains($"Escalated to {senior.Name}", page.QuerySelector("[data-testid=escalated]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=escalate-form]"));
        Assert.Contains($"Escalated to {senior.Name}", OnTheWorklist(await session.GetPage($"/teams/{world.Team.TeamId}/work"), world)!.TextContent);

        // The senior clinician records that the service upheld its decline: still flagged, and can be escalated again.
        var seniorSession = await app.SignedIn(senior);
        await WebSession.AssertRedirect(await seniorSession.PostForm(url, new Dictionary<string, string?>
        {
            ["Outcome.Outcome"] = nameof(EscalationOutcome.DeclineUpheld),
            ["Outcome.Detail"] = "I spoke to their clinical lead; they will not take Robin while she has thoughts of suicide.",
        }, url + "?handler=Outcome"));
        page = await session.GetPage(url);
        Assert.Contains("The service upheld its decline", page.QuerySelector("[data-testid=escalations]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=nice-flag] [data-testid=escalate-form]"));
        Assert.Contains("Not escalated", OnTheWorklist(await session.GetPage($"/teams/{world.Team.TeamId}/work"), world)!.TextContent);

        // Escalated again and overturned: the referral goes back to the service, and leaves the worklist's flagged declines.
        await WebSession.AssertRedirect(await session.PostForm(url, new Dictionary<string, string?> { ["Escalation.SeniorClinician"] = senior.Id.ToString() }, url + "?handler=Escalate"));
        await WebSession.AssertRedirect(await seniorSession.PostForm(url, new Dictionary<string, string?>
        {
            ["Outcome.Outcome"] = nameof(EscalationOutcome.DeclineOverturned),
            ["Outcome.Detail"] = "Their medical director agreed the decline was contrary to NICE NG225.",
        }, url + "?handler=Outcome"));
        saved = await app.Saved(referral.Id);
        Assert.Equal(ReferralStatus.Sent, saved.Status);
        Assert.All(saved.Escalations, e => Assert.False(e.IsOpen));
        Assert.Equal(senior.Name, saved.Escalations.OrderBy(e => e.EscalatedAt).Last().OutcomeRecordedByName);
        page = await session.GetPage(url);
        Assert.Null(page.QuerySelector("[data-testid=nice-flag]"));
        Assert.Null(OnTheWorklist(await session.GetPage($"/teams/{world.Team.TeamId}/work"), world));
        var events = await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Referral" && e.EntityId == referral.Id.ToString() && e.Action == "update").Select(e => e.Reason).ToListAsync());
        Assert.Equal(2, events.Count(e => e!.StartsWith($"Decline contrary to NICE NG225 escalated to {senior.Name}")));
        Assert.Contains(events, e => e!.Contains("the service overturned its decline"));
    }

    [Fact]
    public async Task ASupervisor_CannotEscalateToThemselves_AndATeamWithNoOtherSenior_IsToldSo()
    {
        var world = await app.NewReferralWorld();
        var referral = await app.NewReferral(world, ReferralStatus.Declined);
        var supervisor = await app.NewStaff(StaffRole.Supervisor, world.Team);
        var session = await app.SignedIn(supervisor);
        var page = await session.GetPage(world.Url(referral.Id));
        Assert.Null(page.QuerySelector("[data-testid=escalate-form]"));
        Assert.NotNull(page.QuerySelector("[data-testid=no-senior]"));
        var refused = await session.PostForm(world.Url(referral.Id), new Dictionary<string, string?> { ["Escalation.SeniorClinician"] = supervisor.Id.ToString() },
            world.Url(referral.Id) + "?handler=Escalate");
        Assert.Contains("Choose a senior clinician other than yourself", WebSession.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner)")!.TextContent);
        Assert.Empty((await app.Saved(referral.Id)).Escalations);
    }

    [Fact]
    public async Task AFlaggedDecline_IsResubmitted_AsANewDraftLinkedBothWays_ThatMustAnswerTheDeclineBeforeItIsSent()
    {
        var (world, referral, session) = await Declined(DeclineReason.Diagnosis);
        var url = world.Url(referral.Id);
        var letter = await WebSession.AssertRedirect(await session.PostForm(url, new Dictionary<string, string?>(), url + "?handler=Resubmit"));
        var next = ReferralTestData.FromLocation(letter);
        Assert.NotEqual(referral.Id, next);

        var original = await app.Saved(referral.Id);
        var resubmission = await app.Saved(next);
        Assert.Equal((ReferralStatus.Closed, ReferralClosure.SupersededByResubmission, next), (original.Status, original.Closure, original.ResubmittedAs!.Value));
        Assert.Equal((ReferralStatus.Draft, referral.Id), (resubmission.Status, resubmission.ResubmissionOf!.Value));
        var page = await session.GetPage(letter);
        Assert.Contains("Your reasons for declining, answered", page.QuerySelector("label[for='Form_Sections_Resubmission_']")!.TextContent);
        Assert.Equal(url, (await session.GetPage(world.Url(next))).QuerySelector("[data-testid=resubmission-of]")!.GetAttribute("href"));
        Assert.Equal(world.Url(next), (await session.GetPage(url)).QuerySelector("[data-testid=resubmitted-as]")!.GetAttribute("href"));
        Assert.Null(OnTheWorklist(await session.GetPage($"/teams/{world.Team.TeamId}/work"), world));

        var fields = page.QuerySelectorAll("textarea[name^='Form.Sections']").ToDictionary(t => t.GetAttribute("name")!, t => (string?)t.TextContent);
        var refused = await session.PostForm(letter, fields, letter + "?handler=Send");
        Assert.Contains("Complete \"Your reasons for declining, answered\"", WebSession.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("#Form_Sections_Resubmission_-error")!.TextContent);
        fields["Form.Sections[Resubmission]"] = "Robin's diagnosis does not decide whether talking therapy can help her; NICE NG225 says it must not.";
        await WebSession.AssertRedirect(await session.PostForm(letter, fields, letter + "?handler=Send"));
        Assert.Equal(ReferralStatus.Sent, (await app.Saved(next)).Status);
    }

    [Fact]
    public async Task TheTeamWorklist_ListsTheTenLongestStandingFlaggedDeclines_AndCountsThemAll_OnlyForItsOwnTeam()
    {
        var world = await app.NewReferralWorld();
        for (var i = 0; i < 12; i++) await app.NewReferral(world, ReferralStatus.Declined, i % 2 == 0 ? DeclineReason.Age : DeclineReason.AlcoholOrDrugUse);
        await app.NewReferral(world, ReferralStatus.Declined, DeclineReason.OutOfArea);
        var session = await app.SignedIn(world.Practitioner);

        var worklist = await session.GetPage($"/teams/{world.Team.TeamId}/work");
        Assert.Equal(10, worklist.QuerySelectorAll("[data-testid=nice-decline]").Length);
        Assert.StartsWith("12 referrals", worklist.QuerySelector("[data-testid=nice-declines-total]")!.TextContent);
        Assert.Contains("the 10 standing longest are listed", worklist.QuerySelector("[data-testid=nice-declines-total]")!.TextContent);
        Assert.NotNull(worklist.QuerySelector("[data-testid=total]"));

        var other = await app.NewReferralWorld();
        Assert.Null((await (await app.SignedIn(other.Practitioner)).GetPage($"/teams/{other.Team.TeamId}/work")).QuerySelector("[data-testid=nice-declines]"));
    }
}
