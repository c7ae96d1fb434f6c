using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aftercare.Web.Tests.Browser;

/// <summary>
/// Caseloads, handover and cover in Chromium, as a supervisor and practitioners use them: the
/// limit set, a leaver's caseload handed over above it (confirmed), the work on the receiving
/// practitioner's list; cover arranged and the named practitioner changed from the pathway page.
/// </summary>
[Collection("browser")]
public sealed class CaseloadBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task Supervisor_SetsTheLimit_HandsOverACaseloadAboveIt_AndTheReceivingPractitionerSeesTheWork()
    {
        var team = await app.NewTeam();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, team);
        var asha = await app.NewStaff(StaffRole.Practitioner, team);
        var ben = await app.NewStaff(StaffRole.Practitioner, team);
        var (overdue, _) = await app.NewPathway(team, asha, DateTimeOffset.UtcNow.AddHours(-49));
        await app.NewPathway(team, asha, DateTimeOffset.UtcNow.AddHours(-3));
        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, supervisor);

        await page.GotoAsync($"/teams/{team.TeamId}/work");
        await page.GetByRole(AriaRole.Link, new() { Name = "Caseloads" }).ClickAsync();
        await page.WaitForURLAsync($"**/teams/{team.TeamId}/caseloads");
        await Expect(page.GetByTestId("limit")).ToContainTextAsync("not set a caseload limit");
        await BrowserFixture.AssertAccessible(page);

        var limit = page.GetByLabel("Caseload limit (active people for each practitioner)");
        await limit.FillAsync("two");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save limit and video link" }).ClickAsync();
        await Expect(page.Locator(".nhsuk-error-summary[data-module=nhsuk-error-summary]")).ToContainTextAsync("whole number");
        await Expect(limit).ToHaveValueAsync("two");
        await BrowserFixture.AssertAccessible(page);
        await limit.FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save limit and video link" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("caseload limit 1 (was no limit)");
        await Expect(page.Locator($"[data-testid=caseload-row][data-practitioner='{asha.Id}'] [data-testid=state]")).ToContainTextAsync("Above the limit");

        // Asha leaves: her two people go to Ben, which takes him above the limit of 1.
        await page.GetByLabel("Hand over the people of").SelectOptionAsync(asha.Id.ToString());
        await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(ben.Id.ToString());
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Asha has left the team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hand over the caseload" }).ClickAsync();
        await Expect(page.Locator(".nhsuk-error-summary[data-module=nhsuk-error-summary]")).ToContainTextAsync("2 active people against a limit of 1");
        await Expect(page.GetByLabel("Reason", new() { Exact = true })).ToHaveValueAsync("Asha has left the team");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("I confirm this goes above the limit, and I give the reason below").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Hand over the caseload" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync($"2 people and their 14 open contacts handed to {ben.Name}");
        await Expect(page.Locator($"[data-testid=caseload-row][data-practitioner='{ben.Id}'] [data-testid=active]")).ToContainTextAsync("2");
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();

        var bens = await app.NewPage(1280, 900);
        await app.SignIn(bens, ben);
        await Expect(bens.GetByTestId("overdue-banner")).ToContainTextAsync("You have 1 overdue contact");
        await bens.GotoAsync("/work");
        await Expect(bens.GetByTestId("overdue")).ToContainTextAsync("Check-in call");
        Assert.Equal(2, await bens.GetByTestId("work-item").Filter(new() { HasText = "Check-in call" }).CountAsync());
        await Expect(bens.GetByTestId("overdue").GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", $"/persons/{overdue}/pathway");
        await bens.Context.CloseAsync();
    }

    [Fact]
    public async Task APractitioner_ArrangesCover_AndChangesTheNamedPractitioner_FromThePathwayPage()
    {
        var team = await app.NewTeam();
        var asha = await app.NewStaff(StaffRole.Practitioner, team);
        var ben = await app.NewStaff(StaffRole.Practitioner, team);
        var cara = await app.NewStaff(StaffRole.Practitioner, team);
        var (person, _) = await app.NewPathway(team, asha, DateTimeOffset.UtcNow.AddHours(-3));
        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, asha);

        await page.GotoAsync($"/persons/{person}/pathway");
        await page.GetByRole(AriaRole.Link, new() { Name = "Arrange cover" }).ClickAsync();
        await page.WaitForURLAsync("**/pathway/cover");
        await BrowserFixture.AssertAccessible(page);
        var until = UkTime.ToLocal(DateTimeOffset.UtcNow.AddDays(7));
        await page.GetByLabel("Who covers").SelectOptionAsync(ben.Id.ToString());
        await page.Locator("#Form_UntilDate").FillAsync(until.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#Form_UntilDate_Month").FillAsync(until.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#Form_UntilDate_Year").FillAsync(until.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Time the cover ends").FillAsync("17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Arrange cover" }).ClickAsync();
        // No reason: the form comes back with the error and everything typed.
        await Expect(page.Locator(".nhsuk-error-summary[data-module=nhsuk-error-summary]")).ToContainTextAsync("Give the reason");
        await Expect(page.GetByLabel("Time the cover ends")).ToHaveValueAsync("17:00");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Asha on annual leave");
        await page.GetByRole(AriaRole.Button, new() { Name = "Arrange cover" }).ClickAsync();

        await page.WaitForURLAsync($"**/persons/{person}/pathway");
        await Expect(page.GetByTestId("cover")).ToContainTextAsync($"{ben.Name} until {UkTime.FormatDate(DateOnly.FromDateTime(until))} at 17:00");
        await Expect(page.GetByTestId("cover-arranged")).ToContainTextAsync("Asha on annual leave");
        await BrowserFixture.AssertAccessible(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Change the named practitioner" }).ClickAsync();
        await page.WaitForURLAsync("**/pathway/named-practitioner");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("New named practitioner").SelectOptionAsync(cara.Id.ToString());
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Cara knows her from a previous admission");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change the named practitioner" }).ClickAsync();
        await page.WaitForURLAsync($"**/persons/{person}/pathway");
        await Expect(page.GetByTestId("named-practitioner")).ToHaveTextAsync(cara.Name);
        // The cover arranged for Asha's absence ends with the handover.
        await Expect(page.GetByTestId("cover")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
