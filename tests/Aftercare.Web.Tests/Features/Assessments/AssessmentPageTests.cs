using System.Net;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Assessments;

[Collection("web")]
public sealed class AssessmentPageTests(AftercareFactory app)
{
    private async Task<(WebSession Session, Guid PersonId, Guid PresentationId, string Url, TeamAtSite Team)> Setup()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var presentation = await app.WithDb(db => db.Presentations.Where(p => p.PersonId == person).Select(p => p.Id.Value).FirstAsync());
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        return (session, person.Value, presentation, $"/persons/{person}/presentations/{presentation}/assessment", team);
    }

    private static Dictionary<string, string?> Sections(string happened, string? formulation) => new()
    {
        ["Form.WhatHappenedAndIntent"] = happened,
        ["Form.StrengthsAndCoping"] = "Plays guitar; her sister helps",
        ["Form.SafetyFormulation"] = formulation,
    };

    [Fact]
    public async Task ADraft_IsSavedAsWritten_ThenSignedOff_AndCannotChangeAfterwards()
    {
        var (session, personId, presentationId, url, _) = await Setup();
        var response = await session.PostForm(url, Sections("She took 20 tablets after a row; she wanted to sleep", null), url + "?handler=Save");
        Assert.Equal(url, await WebSession.AssertRedirect(response));
        var page = await session.GetPage(url);
        Assert.Contains("Draft saved", page.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Equal("She took 20 tablets after a row; she wanted to sleep", page.QuerySelector("textarea[name='Form.WhatHappenedAndIntent']")!.TextContent);

        // Signing off without a safety formulation keeps the draft and says what is missing.
        response = await session.PostForm(url, Sections("She took 20 tablets after a row; she wanted to sleep", null), url + "?handler=SignOff");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var summary = shown.QuerySelector(".nhsuk-error-summary")!.TextContent;
        Assert.True(summary.Contains("Write the safety formulation before signing off"), summary);

        response = await session.PostForm(url, Sections("She took 20 tablets after a row; she wanted to sleep", "Less safe when alone and drinking; safer with her sister"), url + "?handler=SignOff");
        await WebSession.AssertRedirect(response);
        page = await session.GetPage(url);
        Assert.Contains("Signed off", page.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Null(page.QuerySelector("textarea[name='Form.WhatHappenedAndIntent']"));

        // A save posted to a signed-off assessment changes nothing.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        response = await session.PostWithToken(url + "?handler=Save", token, Sections("Rewritten afterwards", "Rewritten"));
        var refused = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("cannot be changed", refused.QuerySelector(".nhsuk-error-summary")!.TextContent);
        // What they typed is still in front of them, to copy into an addendum.
        Assert.Contains("Rewritten afterwards", refused.QuerySelector("[data-testid=unsaved-text]")!.TextContent);
        var stored = await app.WithDb(db => db.Assessments.Where(a => a.PresentationId == new Domain.Common.PresentationId(presentationId)).FirstAsync());
        Assert.Equal(AssessmentStatus.SignedOff, stored.Status);
        Assert.Equal("She took 20 tablets after a row; she wanted to sleep", stored.Sections.WhatHappenedAndIntent);

        // A correction is an addendum, with who and when.
        response = await session.PostForm(url, new Dictionary<string, string?> { ["Addendum"] = "Her sister says it was 30 tablets." }, url + "?handler=Addendum");
        await WebSession.AssertRedirect(response);
        page = await session.GetPage(url);
        Assert.Contains("Her sister says it was 30 tablets.", page.QuerySelector("[data-testid=addenda]")!.TextContent);
        var actions = await app.WithDb(db => db.AuditEvents.Where(a => a.PersonId == personId && a.EntityType == "Assessment").Select(a => a.Action + ":" + a.Reason).ToListAsync());
        Assert.Contains("update:Signed off", actions);
        Assert.Contains("update:Addendum added", actions);
        Assert.Contains(actions, a => a.StartsWith("view"));
    }

    [Fact]
    public async Task TwoPeopleSavingTheSameDraft_TheSecondSeesTheFirstsText_AndLosesNothing()
    {
        var (first, _, presentationId, url, team) = await Setup();
        await first.PostForm(url, Sections("First version", null), url + "?handler=Save");
        var second = app.NewSession();
        await second.SignIn(await app.NewStaff(StaffRole.Practitioner, team));

        // Both open the draft; the first saves; then the second saves what they had.
        var secondPage = await second.GetPage(url);
        var secondToken = secondPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var secondVersion = secondPage.QuerySelector("input[name=Version]")!.GetAttribute("value");
        await first.PostForm(url, Sections("First person's update", null), url + "?handler=Save");
        var fields = Sections("Second person's words", null);
        fields["Version"] = secondVersion;
        var response = await second.PostWithToken(url + "?handler=Save", secondToken, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("while you were writing", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("Second person's words", page.QuerySelector("textarea[name='Form.WhatHappenedAndIntent']")!.TextContent);
        Assert.Contains("First person's update", page.QuerySelector("[data-testid=their-text-WhatHappenedAndIntent]")!.TextContent);
        var stored = await app.WithDb(db => db.Assessments.Where(a => a.PresentationId == new Domain.Common.PresentationId(presentationId)).Select(a => a.Sections).FirstAsync());
        Assert.Equal("First person's update", stored.WhatHappenedAndIntent);

        // Saving again from the page they were shown succeeds.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        fields = Sections("Both people's words combined", null);
        fields["Version"] = page.QuerySelector("input[name=Version]")!.GetAttribute("value");
        await WebSession.AssertRedirect(await second.PostWithToken(url + "?handler=Save", token, fields));
    }

    [Fact]
    public async Task ASectionTooLong_IsExplained_AndTheTextIsKept()
    {
        var (session, _, _, url, _) = await Setup();
        var longText = new string('a', AssessmentSections.MaxSectionLength + 1);
        var response = await session.PostForm(url, Sections("Kept words", longText), url + "?handler=Save");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("20,000 characters or fewer", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("Kept words", page.QuerySelector("textarea[name='Form.WhatHappenedAndIntent']")!.TextContent);
    }

    [Fact]
    public async Task TheAssessment_ForAnotherTeamOrAnAdministrator_IsNotFound()
    {
        var (_, _, _, url, _) = await Setup();
        foreach (var (role, team) in new[] { (StaffRole.Practitioner, await app.NewTeam()), (StaffRole.Supervisor, await app.NewTeam()), (StaffRole.Administrator, (TeamAtSite?)null) })
        {
            var other = app.NewSession();
            await other.SignIn(await app.NewStaff(role, team));
            Assert.Equal(HttpStatusCode.NotFound, (await other.Get(url)).StatusCode);
        }
        // A presentation of someone else under this person's address is not found either.
        var (session, personId, _, _, team2) = await Setup();
        var (otherPerson, _) = await app.NewPerson(team2);
        var otherPresentation = await app.WithDb(db => db.Presentations.Where(p => p.PersonId == otherPerson).Select(p => p.Id.Value).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{personId}/presentations/{otherPresentation}/assessment")).StatusCode);
    }
}
