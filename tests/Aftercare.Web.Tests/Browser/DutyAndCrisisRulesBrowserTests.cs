using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aftercare.Web.Tests.Browser;

/// <summary>The duty rota and the crisis rules, as a supervisor uses them, checked with axe-core, errors showing too.</summary>
[Collection("browser")]
public sealed class DutyAndCrisisRulesBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task ASupervisorSetsUpDuty_AndTriesAMessageAgainstTheRules_OnPagesWithNoAccessibilityViolations()
    {
        var team = await app.NewTeam();
        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, await app.NewStaff(StaffRole.Supervisor, team));

        await page.GotoAsync($"/teams/{team.TeamId}/duty");
        await page.Locator("[data-testid=nobody-on-duty]").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Minutes an alert may wait before it goes to the supervisor").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Take duty now" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await page.Locator("[data-testid=on-duty-now]").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Crisis rules" }).ClickAsync();
        await page.WaitForURLAsync("**/crisis-rules");
        await page.GetByLabel("A message to check against the rules").FillAsync("this is goodbye, thank you for everything x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the message" }).ClickAsync();
        await page.Locator("[data-testid=try-match]").First.WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Locator("[data-testid=phrase-form]").GetByLabel("Name").FillAsync("Local place");
        await page.Locator("[data-testid=phrase-form]").GetByRole(AriaRole.Button, new() { Name = "Add the phrase rule" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();
    }
}
