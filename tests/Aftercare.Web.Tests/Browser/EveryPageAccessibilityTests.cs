using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Features.Directory;
using Aftercare.Web.Tests.Features.Referrals;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aftercare.Web.Tests.Browser;

/// <summary>The pages each role uses, opened in Chromium and checked with axe-core.</summary>
[Collection("browser")]
public sealed class EveryPageAccessibilityTests(BrowserFixture app)
{
    [Fact]
    public async Task SupervisorAndPractitionerPages_HaveNoAccessibilityViolations()
    {
        var team = await app.NewTeam();
        var (id, family) = await app.NewPerson(team, TestWorld.NewNhsNumber(), presentations: 2);
        var (theirs, theirFamily) = await app.NewPerson(await app.NewTeam(), TestWorld.NewNhsNumber());

        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, await app.NewStaff(StaffRole.Practitioner, team));
        await page.GotoAsync("/persons");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Name").FillAsync(theirFamily);
        await page.Locator("#Dob").FillAsync("12");
        await page.Locator("#Dob_Month").FillAsync("4");
        await page.Locator("#Dob_Year").FillAsync("1999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator("[data-testid=elsewhere]").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Locator("[data-testid=elsewhere] a").ClickAsync();
        await page.WaitForURLAsync($"**/persons/{theirs}/break-glass");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Why do you need to open this record?").FillAsync("Short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the record" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Why do you need to open this record?").FillAsync("Came to our ED tonight; I need their history for the assessment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the record" }).ClickAsync();
        await page.Locator("[data-testid=break-glass-banner]").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync("/persons/" + Guid.NewGuid());
        Assert.Contains("Page not found", await page.Locator("h1").InnerTextAsync());
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();

        page = await app.NewPage(1280, 900);
        await app.SignIn(page, await app.NewStaff(StaffRole.Supervisor, team));
        await page.GotoAsync($"/persons/{id}");
        Assert.Contains(family, await page.Locator("h1").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Who has looked at this record" }).ClickAsync();
        await page.Locator("[data-testid=access-log]").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync("/team/break-glass");
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"/teams/{team.TeamId}/message-hours");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Tuesday").FillAsync("half nine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save reading hours" }).ClickAsync();
        await page.Locator("#Form_Tuesday-error").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AdministratorAndAccountPages_HaveNoAccessibilityViolations()
    {
        var page = await app.NewPage(360, 740);
        await app.SignIn(page, await app.NewStaff(StaffRole.Administrator, null));
        await page.GotoAsync("/admin/sites");
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync("/admin/staff");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).First.ClickAsync();
        await page.WaitForURLAsync("**/account/signed-out");
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();

        // A new member of staff without a second factor is taken to set one up.
        page = await app.NewPage(360, 740);
        await app.SignIn(page, await app.NewStaff(StaffRole.Practitioner, await app.NewTeam(), secondFactor: false));
        await page.GotoAsync("/persons");
        await page.WaitForURLAsync("**/account/set-up-two-factor");
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReceivingServicePages_HaveNoAccessibilityViolations()
    {
        var account = await app.NewServiceUser();

        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, await app.NewStaff(StaffRole.Administrator, null));
        await page.GotoAsync($"/directory/manage/{account.ServiceId}/users");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"/directory/services/{account.ServiceId}");
        await page.Locator("[data-testid=service-users]").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();

        // Someone of the service lands on their referrals, on a phone.
        page = await app.NewPage(360, 740);
        await app.SignIn(page, account);
        await page.WaitForURLAsync("**/service");
        Assert.Equal("Referrals to " + account.ServiceName, await page.Locator("h1").InnerTextAsync());
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();

        // A service with referrals in every group: its inbox, a referral with its answers, a decline with its errors showing, and one answered.
        var world = await app.NewReferralWorld(Aftercare.Domain.Narratives.NarrativeSharing.CareTeamAndReferredServices);
        var theirs = await app.NewServiceUser((world.Service.Id, world.Service.Name));
        var sent = await app.NewReferral(world);
        await app.NewReferral(world, ReferralStatus.FirstAppointmentOffered);
        var declined = await app.NewReferral(world, ReferralStatus.Declined);
        page = await app.NewPage(360, 740);
        await app.SignIn(page, theirs);
        await page.WaitForURLAsync("**/service");
        await page.GetByTestId("answered").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"/service/referrals/{sent.Id}");
        await page.GetByTestId("decline-form").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Decline the referral" }).ClickAsync();
        await page.Locator("#Decline_Reason-error").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"/service/referrals/{declined.Id}");
        await page.GetByTestId("declined").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AssessmentAndStoryPages_HaveNoAccessibilityViolations_AndSignOffLocksTheAssessment()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var page = await app.NewPage(360, 740);
        await app.SignIn(page, await app.NewStaff(StaffRole.Practitioner, team));
        await page.GotoAsync($"/persons/{person}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start the psychosocial assessment" }).First.ClickAsync();
        await page.WaitForURLAsync("**/assessment");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("What happened and what the person intended").FillAsync("Took tablets after losing her job; wanted to sleep");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and sign off" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Safety formulation").FillAsync("Less safe alone at night; her sister and her dog keep her going");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and sign off" }).ClickAsync();
        await page.Locator("[data-testid=signed-sections]").WaitForAsync();
        Assert.Contains("Signed off", await page.Locator("[data-testid=status]").InnerTextAsync());
        await BrowserFixture.AssertAccessible(page);

        await page.GotoAsync($"/persons/{person}/narrative");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Their story, in their words").FillAsync("I was fine until the winter. Then everything got heavy.");
        await page.GetByLabel("Only my care team").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save their story" }).ClickAsync();
        await page.Locator("[data-testid=story]").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReferralPages_HaveNoAccessibilityViolations()
    {
        var world = await app.NewReferralWorld();
        var colleague = await app.NewStaff(StaffRole.Practitioner, world.Team);
        await app.NewStaff(StaffRole.Supervisor, world.Team);
        var draft = await app.NewReferral(world, ReferralStatus.Draft, draft: r => r.NameContributor(colleague.Name, Discipline.Psychiatry, null,
            new StaffId(colleague.Id), new StaffId(world.Practitioner.Id), world.Practitioner.Name, DateTimeOffset.UtcNow.AddHours(-6)));
        var sent = await app.NewReferral(world);
        var declined = await app.NewReferral(world, ReferralStatus.Declined);

        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, world.Practitioner);
        await page.GotoAsync(world.People);
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Refer to a service" }).ClickAsync();
        await page.WaitForURLAsync("**/referrals/new");
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"{world.People}/new?service={world.Service.Id}");
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync(world.Url(declined.Id));
        await page.GetByTestId("escalate-form").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Escalate to a senior clinician" }).ClickAsync();
        await page.Locator("#Escalation_SeniorClinician-error").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"{world.Url(sent.Id)}/answer");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record that it was declined" }).ClickAsync();
        await page.Locator("#Decline_Reason-error").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync(world.Url(draft.Id));
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"{world.Url(draft.Id)}/letter");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the letter" }).ClickAsync();
        await page.GetByTestId("saved").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"{world.Url(draft.Id)}/contributors");
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"/teams/{world.Team.TeamId}/work");
        await page.GetByTestId("nice-declines").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();

        page = await app.NewPage(360, 740);
        await app.SignIn(page, colleague);
        await page.GotoAsync("/referrals/contributions");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Add your part to the letter for Robin {world.Family}" }).ClickAsync();
        await page.WaitForURLAsync("**/contributors/*");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add my part" }).ClickAsync();
        await page.Locator("#Form_Part-error").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ServiceDirectoryPages_HaveNoAccessibilityViolations()
    {
        var area = DirectoryTestData.UniqueAuthority();
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Talking Space "), area, "LS6") with
        {
            Exclusions = ["Needs a same-day crisis response"],
            TypicalWaitDays = 21,
            Hours = Aftercare.Domain.Directory.OpeningHours.Create(Aftercare.Domain.Directory.OpeningHours.ReadDay(DayOfWeek.Monday, "09:00 to 17:00"), "Closed on bank holidays"),
        });

        var page = await app.NewPage(360, 740);
        await app.SignIn(page, await app.NewStaff(StaffRole.Administrator, null));
        await page.GotoAsync("/directory/manage");
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync("/directory/manage/add");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Areas covered").FillAsync("LS6X9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the service" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync($"/directory/manage/{service.Id}");
        await BrowserFixture.AssertAccessible(page);
        await page.GotoAsync("/directory/manage/import");
        await BrowserFixture.AssertAccessible(page);
        await page.Locator("#Form_File").SetInputFilesAsync(new FilePayload { Name = "broken.json", MimeType = "application/json", Buffer = "[ { \"id\": "u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the file" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("not valid JSON at line 1", await page.Locator(".nhsuk-error-summary").InnerTextAsync());
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();

        page = await app.NewPage(1280, 900);
        await app.SignIn(page, await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        await page.GotoAsync("/directory");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Where the person lives").FillAsync(area);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator("[data-testid=results]").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Link, new() { Name = service.Name }).ClickAsync();
        await page.Locator("[data-testid=criteria]").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();
    }
}
