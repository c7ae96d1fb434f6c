using System.Net;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Referrals;

/// <summary>
/// From the person's record to the letter in the service's hands: a service chosen from the
/// directory, the letter drafted from the record, changed part by part, a colleague's part added,
/// sent (and fixed), and printed with each of the service's criteria answered under its heading.
/// </summary>
[Collection("web")]
public sealed class ReferralLetterJourneyTests(AftercareFactory app)
{
    private static string Section(AngleSharp.Dom.IDocument page, string key) =>
        page.QuerySelector($"textarea[name='Form.Sections[{key}]']")?.TextContent ?? throw new InvalidOperationException($"No box for {key}");

    private static Dictionary<string, string?> Sections(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("textarea[name^='Form.Sections']").ToDictionary(t => t.GetAttribute("name")!, t => (string?)t.TextContent);

    private static async Task<string> ErrorSummary(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        return page.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner)")?.TextContent ?? "";
    }

    /// <summary>Drafts a referral through the pages, as a practitioner does from the record; answers the letter's address.</summary>
    private static async Task<string> Draft(WebSession session, ReferralWorld world)
    {
        var list = await session.GetPage(world.People);
        Assert.Equal($"{world.People}/new", list.QuerySelector("a.nhsuk-button")!.GetAttribute("href"));
        var choose = $"{world.People}/new?service={world.Service.Id}";
        var response = await session.PostForm(choose, new Dictionary<string, string?> { ["Form.Service"] = world.Service.Id.ToString(), ["Form.Presentation"] = world.Presentation.ToString() });
        var letter = await WebSession.AssertRedirect(response);
        Assert.EndsWith("/letter", letter);
        return letter;
    }

    [Fact]
    public async Task ADraft_IsChangedPartByPart_ACollegueAddsTheirPart_ItIsSent_AndThePdfAnswersEachCriterion_WithoutTheStoryTheyDidNotShare()
    {
        var world = await app.NewReferralWorld(NarrativeSharing.CareTeamOnly);
        var colleague = await app.NewStaff(StaffRole.Practitioner, world.Team);
        var session = await app.SignedIn(world.Practitioner);

        // Choosing the service shows what the letter will answer, and that the story stays out.
        var chosen = await session.GetPage($"{world.People}/new?service={world.Service.Id}");
        Assert.Equal(ReferralTestData.Criteria, chosen.QuerySelectorAll("[data-testid=criteria] li").Select(li => li.TextContent.Trim()));
        Assert.Contains("not included", chosen.QuerySelector("[data-testid=story]")!.TextContent);

        var letterUrl = await Draft(session, world);
        var id = ReferralTestData.FromLocation(letterUrl);
        var page = await session.GetPage(letterUrl);
        Assert.Contains("drafted the letter", page.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.StartsWith($"Dear colleagues at {world.Service.Name},", Section(page, "Introduction"));
        Assert.Contains("Robin is ", Section(page, "Criterion1"));
        Assert.Equal("", Section(page, "Criterion2").Trim());
        Assert.Equal("", Section(page, "Criterion3").Trim());
        Assert.Contains("Criterion 3: Able to attend appointments in Eccles", page.QuerySelector("label[for='Form_Sections_Criterion3_']")!.TextContent);
        Assert.Null(page.QuerySelector("textarea[name='Form.Sections[Narrative]']"));
        Assert.DoesNotContain("lost my job", page.Body!.TextContent);

        // Saved part by part: what is typed is kept as typed.
        var fields = Sections(page);
        fields["Form.Sections[Criterion2]"] = "Robin is registered with Northgate Medical Centre.";
        fields["Form.Sections[Introduction]"] = Section(page, "Introduction") + "\n\nRobin would like to be seen in the mornings.";
        Assert.EndsWith("/letter", await WebSession.AssertRedirect(await session.PostForm(letterUrl, fields, letterUrl + "?handler=Save")));
        var saved = await app.Saved(id);
        Assert.Equal("Robin is registered with Northgate Medical Centre.", saved.Letter.Find("Criterion2")!.Text);
        Assert.EndsWith("seen in the mornings.", saved.Letter.Find("Introduction")!.Text);
        Assert.Equal(new Aftercare.Domain.Common.StaffId(world.Practitioner.Id), saved.LastEditedBy);

        // A criterion left unanswered stops the letter going, by its box; what was typed is saved all the same.
        page = await session.GetPage(letterUrl);
        fields = Sections(page);
        fields["Form.Sections[Closing]"] = Section(page, "Closing").Replace("With best wishes", "With thanks");
        var refused = await session.PostForm(letterUrl, fields, letterUrl + "?handler=Send");
        Assert.Contains("Criterion 3: Able to attend appointments in Eccles", await ErrorSummary(refused));
        var shown = WebSession.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("#Form_Sections_Criterion3_", shown.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner) a")!.GetAttribute("href"));
        Assert.NotNull(shown.QuerySelector("#Form_Sections_Criterion3_-error"));
        Assert.Contains("saved", shown.QuerySelector("[data-testid=saved]")!.TextContent);
        saved = await app.Saved(id);
        Assert.Equal(ReferralStatus.Draft, saved.Status);
        Assert.Contains("With thanks", saved.Letter.Find("Closing")!.Text);

        // A colleague from another discipline is named; the letter waits for their part.
        var contributors = $"{world.Url(id)}/contributors";
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostForm(contributors, new Dictionary<string, string?>
        {
            ["Form.Colleague"] = colleague.Id.ToString(),
            ["Form.Discipline"] = nameof(Discipline.Psychiatry),
            ["Form.Role"] = "Consultant liaison psychiatrist",
        }, contributors + "?handler=Name")).StatusCode);
        page = await session.GetPage(letterUrl);
        fields = Sections(page);
        fields["Form.Sections[Criterion3]"] = "Robin lives a short bus ride from Eccles and can come weekly.";
        refused = await session.PostForm(letterUrl, fields, letterUrl + "?handler=Send");
        Assert.Contains($"{colleague.Name} has not added their part yet", await ErrorSummary(refused));

        // Only the colleague can write their part: the referrer is not offered the box, and a post is refused.
        var contributorId = (await app.Saved(id)).Contributors.Single().Id;
        var partUrl = $"{world.Url(id)}/contributors/{contributorId}";
        Assert.NotNull((await session.GetPage(partUrl)).QuerySelector("[data-testid=not-yours]"));
        var form = await session.GetPage(letterUrl);
        Assert.Contains($"Only {colleague.Name} can write their part", await ErrorSummary(await session.PostWithToken(partUrl,
            form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"),
            new Dictionary<string, string?> { ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value"), ["Form.Part"] = "Written by someone else" })));

        var theirs = await app.SignedIn(colleague);
        var waiting = await theirs.GetPage("/referrals/contributions");
        var item = Assert.Single(waiting.QuerySelectorAll("[data-testid=waiting-item]"), r => r.TextContent.Contains(world.Family));
        Assert.Contains(world.Service.Name, item.TextContent);
        Assert.Equal(partUrl, item.QuerySelector("a[href$='" + contributorId + "']")!.GetAttribute("href"));
        Assert.NotNull((await theirs.GetPage(world.Url(id))).QuerySelector("[data-testid=my-part-waiting]"));
        const string Part = "I saw Robin on the ward. Her low mood began after the loss of her job; she has no psychotic symptoms and wants talking therapy.";
        await WebSession.AssertRedirect(await theirs.PostForm(partUrl, new Dictionary<string, string?> { ["Form.Part"] = Part }));
        Assert.DoesNotContain((await theirs.GetPage("/referrals/contributions")).QuerySelectorAll("[data-testid=waiting-item]"), r => r.TextContent.Contains(world.Family));

        // Sent: fixed from now on, with who and when.
        page = await session.GetPage(letterUrl);
        var sent = await WebSession.AssertRedirect(await session.PostForm(letterUrl, Sections(page), letterUrl + "?handler=Send"));
        Assert.Equal(world.Url(id), sent);
        saved = await app.Saved(id);
        Assert.Equal(ReferralStatus.Sent, saved.Status);
        Assert.Equal(world.Practitioner.Name, saved.SentByName);
        Assert.Equal(Part, saved.Contributors.Single().Part);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Get(letterUrl)).StatusCode);
        var referralPage = await session.GetPage(world.Url(id));
        Assert.Contains("Sent", referralPage.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Contains("can no longer change", referralPage.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Contains(Part, referralPage.QuerySelector("[data-testid=letter]")!.TextContent);
        Assert.Null(referralPage.QuerySelector("a[href$='/letter']"));

        // The PDF: every criterion under its heading with its answer, the colleague's part under their name, and not the story.
        var response = await session.Get($"{world.Url(id)}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = PdfText.Flat(pdf);
        for (var i = 0; i < ReferralTestData.Criteria.Length; i++)
            Assert.Contains($"Criterion {i + 1}: {ReferralTestData.Criteria[i]}", text);
        Assert.Contains("Robin is registered with Northgate Medical Centre.", text);
        Assert.Contains("can come weekly.", text);
        Assert.Contains($"From {colleague.Name}, Consultant liaison psychiatrist {PdfText.Flatten(Part)}", text);
        Assert.True(text.IndexOf("Consultant liaison psychiatrist", StringComparison.Ordinal) < text.IndexOf("With thanks", StringComparison.Ordinal),
            "A colleague's part comes before the closing");
        Assert.Contains($"Referral: Robin {world.Family}, born 12 April 1999", text);
        Assert.Contains("Private and confidential", text);
        Assert.DoesNotContain("lost my job", text);
        Assert.DoesNotContain("In Robin's own words", text);
        Assert.Contains($"Referral of Robin {world.Family} to {world.Service.Name}", PdfText.Info(pdf)["Title"]);

        var events = await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Referral" && e.EntityId == id.ToString()).ToListAsync());
        Assert.Single(events, e => e.Action == "create" && e.ActorId == world.Practitioner.Id);
        Assert.Contains(events, e => e.Action == "update" && e.Reason!.StartsWith("Letter sent to"));
        Assert.Contains(events, e => e.Action == "update" && e.ActorId == colleague.Id && e.Reason!.Contains("added their part"));
        Assert.Contains(events, e => e.Action == "view" && e.Reason == "PDF" && e.PersonId == world.Person.Value);
        Assert.Contains(events, e => e.Action == "view" && e.ActorId == colleague.Id && e.Reason == "Listed as waiting for my part of the letter");
    }

    [Fact]
    public async Task WhenThePersonAgreedServicesMayReadTheirStory_TheLetterAndPdfCarryItWordForWord()
    {
        var world = await app.NewReferralWorld(NarrativeSharing.CareTeamAndReferredServices);
        var session = await app.SignedIn(world.Practitioner);
        Assert.Contains("is included", (await session.GetPage($"{world.People}/new?service={world.Service.Id}")).QuerySelector("[data-testid=story]")!.TextContent);

        var letterUrl = await Draft(session, world);
        var page = await session.GetPage(letterUrl);
        Assert.Contains($"“{ReferralTestData.Story}”", Section(page, "Narrative"));
        var fields = Sections(page);
        fields["Form.Sections[Criterion2]"] = "Registered at Northgate Medical Centre.";
        fields["Form.Sections[Criterion3]"] = "Can travel to Eccles.";
        await WebSession.AssertRedirect(await session.PostForm(letterUrl, fields, letterUrl + "?handler=Send"));

        var id = ReferralTestData.FromLocation(letterUrl);
        var text = PdfText.Flat(await (await session.Get($"{world.Url(id)}/pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains(PdfText.Flatten($"“{ReferralTestData.Story}”"), text);
        Assert.Contains("In Robin's own words", text);
    }

    [Fact]
    public async Task ARewordedQuotation_IsPointedOut_AndADraftIsNeverPrinted()
    {
        var world = await app.NewReferralWorld();
        var session = await app.SignedIn(world.Practitioner);
        var letterUrl = await Draft(session, world);
        var id = ReferralTestData.FromLocation(letterUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"{world.Url(id)}/pdf")).StatusCode);

        var page = await session.GetPage(letterUrl);
        Assert.Null(page.QuerySelector("[data-testid=quotes-to-check]"));
        var fields = Sections(page);
        fields["Form.Sections[SafetyPlan]"] = Section(page, "SafetyPlan").Replace("“Walk the dog by the canal”", "“Walk the dog along the river”");
        await WebSession.AssertRedirect(await session.PostForm(letterUrl, fields, letterUrl + "?handler=Save"));
        Assert.Equal(["Walk the dog along the river"], (await session.GetPage(letterUrl)).QuerySelectorAll("[data-testid=quotes-to-check] li").Select(li => li.TextContent));
    }

    [Fact]
    public async Task AColleagueOutsideTheTeam_HasTheirPartRecordedByStaff_OrIsTakenOffTheLetterWithTheReason()
    {
        var world = await app.NewReferralWorld();
        var session = await app.SignedIn(world.Practitioner);
        var referral = await app.NewReferral(world, ReferralStatus.Draft);
        var contributors = $"{world.Url(referral.Id)}/contributors";

        var missing = await session.PostForm(contributors, new Dictionary<string, string?> { ["Form.Name"] = "Dr Ana Costa", ["Form.Discipline"] = "" }, contributors + "?handler=Name");
        Assert.Contains("Choose the contributor's discipline", await ErrorSummary(missing));
        Assert.Equal("Dr Ana Costa", WebSession.Parse(await missing.Content.ReadAsStringAsync()).QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));

        foreach (var (name, discipline) in new[] { ("Dr Ana Costa", "GeneralPractice"), ("Sam Idowu", "SubstanceUse") })
            await WebSession.AssertRedirect(await session.PostForm(contributors, new Dictionary<string, string?> { ["Form.Name"] = name, ["Form.Discipline"] = discipline }, contributors + "?handler=Name"));
        var saved = await app.Saved(referral.Id);
        var gp = saved.Contributors.Single(c => c.Name == "Dr Ana Costa");
        var worker = saved.Contributors.Single(c => c.Name == "Sam Idowu");
        Assert.Null(gp.StaffId);

        await WebSession.AssertRedirect(await session.PostForm($"{world.Url(referral.Id)}/contributors/{gp.Id}",
            new Dictionary<string, string?> { ["Form.Part"] = "Robin has been registered here for ten years and attends regularly." }));
        var noReason = await session.PostForm(contributors, new Dictionary<string, string?> { ["Remove.Contributor"] = worker.Id.ToString(), ["Remove.Reason"] = " " }, contributors + "?handler=Remove");
        Assert.Contains("Give the reason for removing them", await ErrorSummary(noReason));
        Assert.NotNull(WebSession.Parse(await noReason.Content.ReadAsStringAsync()).QuerySelector("#Remove_Reason-error"));
        await WebSession.AssertRedirect(await session.PostForm(contributors, new Dictionary<string, string?>
        {
            ["Remove.Contributor"] = worker.Id.ToString(),
            ["Remove.Reason"] = "On leave for three weeks; Robin should not wait",
        }, contributors + "?handler=Remove"));

        saved = await app.Saved(referral.Id);
        gp = saved.Contributors.Single(c => c.Name == "Dr Ana Costa");
        Assert.Equal(world.Practitioner.Name, gp.PartWrittenByName);
        Assert.Equal("On leave for three weeks; Robin should not wait", saved.Contributors.Single(c => c.Name == "Sam Idowu").RemovalReason);
        Assert.Empty(saved.ContributorsStillToAdd);
        var page = await session.GetPage(contributors);
        Assert.Contains("Removed", page.QuerySelectorAll("[data-testid=contributor]").Single(li => li.TextContent.Contains("Sam Idowu")).TextContent);
    }
}
