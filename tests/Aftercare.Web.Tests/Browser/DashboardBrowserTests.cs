using Aftercare.Domain.Dashboards;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Dashboards;
using Aftercare.Web.Tests.Features.Dashboards;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aftercare.Web.Tests.Browser;

/// <summary>
/// The dashboards in Chromium: a supervisor opens the team's, changes the period and sees charts
/// and tables; the team, site and deployment dashboards have no WCAG 2.2 A/AA violation, on a desk
/// and on a phone.
/// </summary>
[Collection("browser")]
public sealed class DashboardBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task ASupervisor_OpensTheTeamDashboard_ChangesThePeriod_AndSeesChartsAndTables()
    {
        var team = await app.NewTeam();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, team);
        var administrator = await app.NewStaff(StaffRole.Administrator, null);
        var rows = new DashboardRows(app, team);
        // Twelve people last month: eight followed up in 6 hours, four in 60.
        var lastMonth = FigureRules.MonthOf(app.Clock.GetUtcNow()).AddMonths(-1);
        var start = FigureRules.StartOf(lastMonth).AddDays(3).AddHours(10);
        for (var i = 0; i < 12; i++)
        {
            var person = await rows.Person(i % 2 == 0 ? Sex.Female : Sex.Male, new DateOnly(1990 + i, 1, 1), i % 3 == 0 ? "A" : "N", "LS6 2AB");
            await rows.Pathway(person, start.AddHours(i), start.AddHours(i + (i < 8 ? 6 : 60)));
            await rows.Presentation(person, start.AddHours(i - 3));
        }
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<DashboardRollups>().RebuildAll(app.Clock.GetUtcNow(), CancellationToken.None);

        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, supervisor);
        await page.GotoAsync($"/teams/{team.TeamId}/work");
        await page.GetByRole(AriaRole.Link, new() { Name = "Team dashboard" }).ClickAsync();
        await page.WaitForURLAsync($"**/teams/{team.TeamId}/dashboard");
        var follow = page.GetByTestId("figure-followup");
        await Expect(follow.GetByTestId("headline")).ToHaveTextAsync("8 of 12 (66.7%)");
        await Expect(follow.Locator("svg[data-testid=chart]").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("followup-bands").Locator("[data-testid=part][data-label='Within 12 hours'] [data-testid=count]")).ToContainTextAsync("8");
        await Expect(page.GetByTestId("as-of")).ToContainTextAsync("Figures as of");
        await BrowserFixture.AssertAccessible(page);

        // Only this month: nothing yet, so nothing is shown as a rate.
        var thisMonth = Period.Key(FigureRules.MonthOf(app.Clock.GetUtcNow()));
        await page.GetByLabel("From", new() { Exact = true }).SelectOptionAsync(thisMonth);
        await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(thisMonth);
        await page.GetByLabel("Break each figure down by").SelectOptionAsync(EquityGroups.Sex);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show these figures" }).ClickAsync();
        await page.WaitForURLAsync($"**/teams/{team.TeamId}/dashboard?from={thisMonth}&to={thisMonth}&breakdown=sex");
        await Expect(follow.GetByTestId("headline")).ToHaveTextAsync("Fewer than 10");
        await Expect(page.GetByTestId("period")).ToHaveTextAsync(Period.Describe(FigureRules.MonthOf(app.Clock.GetUtcNow())));

        // Back to last month, by sex: both groups of six are too small, so neither is shown, and there is no gap.
        await page.GetByLabel("From", new() { Exact = true }).SelectOptionAsync(Period.Key(lastMonth));
        await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(Period.Key(lastMonth));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show these figures" }).ClickAsync();
        await Expect(follow.GetByTestId("headline")).ToHaveTextAsync("8 of 12 (66.7%)");
        var bySex = page.Locator($"[data-testid=breakdown][data-figure={Figures.FollowUp}]");
        await Expect(bySex.Locator("[data-testid=group][data-group=Female] [data-testid=share]")).ToContainTextAsync("Fewer than 10");
        await Expect(bySex.Locator("svg[data-testid=chart] title")).ToHaveTextAsync("Follow-up within 48 hours by sex");
        await Expect(bySex.GetByTestId("gap")).ToContainTextAsync("No gap can be shown");
        await BrowserFixture.AssertAccessible(page);

        // On to the site's dashboard, which adds up its teams.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Site dashboard: {team.SiteName}" }).ClickAsync();
        await Expect(page.GetByTestId("scope")).ToHaveTextAsync(team.SiteName);
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();

        // On a phone, the same page reads without a horizontal scroll and without violations.
        var phone = await app.NewPage(390, 844);
        await app.SignIn(phone, supervisor);
        await phone.GotoAsync($"/teams/{team.TeamId}/dashboard?from={Period.Key(lastMonth)}&to={Period.Key(lastMonth)}");
        await Expect(phone.GetByTestId("figure-followup").GetByTestId("headline")).ToHaveTextAsync("8 of 12 (66.7%)");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "The dashboard scrolls sideways on a phone");
        await BrowserFixture.AssertAccessible(phone);
        await phone.Context.CloseAsync();

        var admin = await app.NewPage(1280, 900);
        await app.SignIn(admin, administrator);
        await admin.GotoAsync("/admin/sites");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Deployment dashboard" }).ClickAsync();
        await admin.WaitForURLAsync("**/dashboard");
        await Expect(admin.GetByTestId("scope")).ToHaveTextAsync("All sites");
        await Expect(admin.Locator("svg[data-testid=chart]").First).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessible(admin);
        await admin.Context.CloseAsync();
    }
}
