using Aftercare.Web.Tests.Features.Supervision;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aftercare.Web.Tests.Browser;

/// <summary>
/// Supervision in Chromium (M14, hazard H55): the supervisor records a session with a reviewed
/// transcript and an action; the practitioner, on their phone, sees the action and marks it done.
/// </summary>
[Collection("browser")]
public sealed class SupervisionBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task ASupervisorRecordsASessionWithATranscriptAndAnAction_AndThePractitionerMarksItDone()
    {
        var world = await app.NewSupervisionWorld();
        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, world.Supervisor);
        await page.GotoAsync(world.TeamUrl);
        await page.GetByLabel("Practitioner supervised").SelectOptionAsync(world.Asha.Id.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Show their caseload" }).ClickAsync();
        var discussed = page.GetByLabel($"What was discussed about Robin {world.RobinFamily}");
        await Expect(discussed).ToBeVisibleAsync();

        // Nothing discussed and nothing covered: the error is shown by the cases, and what was typed is kept.
        await page.GetByLabel("What is to be done").First.FillAsync("Review Robin's safety plan with her this week");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record supervision" }).ClickAsync();
        await Expect(page.Locator(".nhsuk-error-summary[data-module=nhsuk-error-summary]")).ToContainTextAsync("Add a case discussed, or write what was covered");
        await Expect(page.GetByLabel("What is to be done").First).ToHaveValueAsync("Review Robin's safety plan with her this week");
        await BrowserFixture.AssertAccessible(page);

        await page.GetByLabel($"What was discussed about Robin {world.RobinFamily}").FillAsync("Not sleeping; the safety plan is not yet shared with her sister");
        await page.GetByLabel($"Messages with Robin {world.RobinFamily}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record supervision" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync($"Supervision with {world.Asha.Name}");
        await Expect(page.GetByTestId("review-transcript").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/persons/{world.Robin}/messages");
        await Expect(page.GetByTestId("action")).ToContainTextAsync("Review Robin's safety plan");
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();

        var phone = await app.NewPage(390, 844);
        await app.SignIn(phone, world.Asha);
        await phone.GotoAsync("/my/supervision");
        var action = phone.GetByTestId("open-action");
        await Expect(action).ToContainTextAsync("Review Robin's safety plan with her this week");
        await BrowserFixture.AssertAccessible(phone);
        await action.GetByLabel("What was done (optional)").FillAsync("Plan reviewed and shared with her sister");
        await action.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Expect(phone.GetByTestId("notice")).ToContainTextAsync("Action marked done");
        await Expect(phone.GetByTestId("no-open-actions")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("closed-action")).ToContainTextAsync("Plan reviewed and shared with her sister");
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The page is {width}px wide on a 390px phone");
        await BrowserFixture.AssertAccessible(phone);
        await phone.Context.CloseAsync();
    }
}
