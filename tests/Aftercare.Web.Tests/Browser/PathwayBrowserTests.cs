using Aftercare.Domain.Sessions;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Features.My;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aftercare.Web.Tests.Browser;

/// <summary>
/// The care pathway in Chromium: the practitioner signs off the assessment, finds the 48-hour
/// check-in in their work, records it and the first session, and sees the chart; the person, on
/// their phone, sees who looks after them and what comes next, and rates their session.
/// </summary>
[Collection("browser")]
public sealed class PathwayBrowserTests(BrowserFixture app)
{
    private const int PhoneWidth = 360;

    [Fact]
    public async Task Practitioner_SignsOff_FindsTheCheckInInTheirWork_RecordsItAndTheFirstSession_AndSeesTheChart()
    {
        var team = await app.NewTeam();
        var (person, family) = await app.NewPerson(team);
        var presentation = await app.WithDb(db => db.Presentations.Where(p => p.PersonId == person).Select(p => p.Id).FirstAsync());
        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, await app.NewStaff(StaffRole.Practitioner, team));

        await page.GotoAsync($"/persons/{person}/presentations/{presentation}/assessment");
        await page.GetByLabel("What happened and what the person intended").FillAsync("Took tablets after losing her job; wanted everything to stop");
        await page.GetByLabel("Safety formulation").FillAsync("Safer with her partner at home; less safe alone at night");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and sign off" }).ClickAsync();
        await page.GetByTestId("pathway-started").WaitForAsync();

        await page.GotoAsync("/work");
        var item = page.GetByTestId("work-item").Filter(new() { HasText = family }).Filter(new() { HasText = "Check-in call" });
        await Expect(item).ToHaveCountAsync(1);
        await BrowserFixture.AssertAccessible(page);
        await item.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Record") }).ClickAsync();
        await page.WaitForURLAsync("**/record");
        await Expect(page.Locator("h1")).ToContainTextAsync("Record the check-in call");
        await BrowserFixture.AssertAccessible(page);

        // Saving with nothing chosen shows the errors by the fields, accessibly.
        await page.GetByLabel("Notes", new() { Exact = true }).FillAsync("Rang at the agreed time");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await Expect(page.GetByLabel("Notes", new() { Exact = true })).ToHaveValueAsync("Rang at the agreed time");
        await BrowserFixture.AssertAccessible(page);

        await page.GetByRole(AriaRole.Group, new() { Name = "How", Exact = true }).GetByLabel("Phone").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Did the person attend?" }).GetByLabel("Attended").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync($"**/persons/{person}/pathway");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("recorded as attended");
        await Expect(page.GetByTestId("contact-check-in")).ToContainTextAsync("Done");

        await page.GetByTestId("contact-session-1").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Record") }).ClickAsync();
        await page.WaitForURLAsync("**/record");
        await Expect(page.Locator("h1")).ToContainTextAsync("Record the session at 1 week");
        await page.GetByRole(AriaRole.Group, new() { Name = "How", Exact = true }).GetByLabel("In person").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Did the person attend?" }).GetByLabel("Attended").CheckAsync();
        await page.GetByLabel("Their best hopes from our work together").FillAsync("To feel like myself again");
        await page.GetByRole(AriaRole.Group, new() { Name = "Where they put themselves on the scale" }).GetByLabel("4", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("The next small step").FillAsync("Go for a walk with my partner on Saturday");
        await page.GetByRole(AriaRole.Group, new() { Name = "What was adapted" }).GetByLabel("Substance use").CheckAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await page.WaitForURLAsync($"**/persons/{person}/pathway");
        var chart = page.GetByTestId("progress-chart").GetByRole(AriaRole.Img);
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("Scale from 4 at the first to 4 at the latest"));
        await Expect(page.GetByTestId("progress-table").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("progress-table").Locator("tbody tr").Nth(1).Locator("td").First).ToHaveTextAsync("4");
        await Expect(page.GetByTestId("sessions")).ToContainTextAsync("Go for a walk with my partner on Saturday");
        await BrowserFixture.AssertAccessible(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AMissedCheckIn_StaysOpen_ThePractitionerRecordsATryToReachThem_ThenClosesItWithAReason()
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var (person, _) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-3));
        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, practitioner);

        await page.GotoAsync($"/persons/{person}/pathway");
        await page.GetByTestId("contact-check-in").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Record") }).ClickAsync();
        await page.WaitForURLAsync("**/record");
        await page.GetByRole(AriaRole.Group, new() { Name = "How", Exact = true }).GetByLabel("Phone").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Did the person attend?" }).GetByLabel("Missed").CheckAsync();
        await page.GetByLabel("Notes", new() { Exact = true }).FillAsync("Rang twice, no answer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await page.WaitForURLAsync($"**/persons/{person}/pathway");
        var missed = page.GetByTestId("missed-check-in");
        await Expect(missed).ToContainTextAsync("No try to get back in touch is recorded yet");
        await Expect(page.GetByTestId("contact-check-in")).Not.ToContainTextAsync("Done");
        await missed.Locator("summary").ClickAsync();
        await BrowserFixture.AssertAccessible(page);
        // Without saying how, the form comes back on a page of its own with the error by the field.
        await missed.GetByLabel("What happened").FillAsync("Left a voicemail asking her to ring us");
        await missed.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Save this try") }).ClickAsync();
        await page.WaitForURLAsync("**/re-engagement");
        await Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Choose how you tried to get in touch");
        await Expect(page.GetByLabel("What happened")).ToHaveValueAsync("Left a voicemail asking her to ring us");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Phone call").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync($"**/persons/{person}/pathway");
        await Expect(page.GetByTestId("missed-check-in").GetByTestId("attempts")).ToContainTextAsync("Left a voicemail asking her to ring us");

        await page.GetByTestId("missed-check-in").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^close it") }).ClickAsync();
        await page.WaitForURLAsync("**/close");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the contact" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Why will it not happen?").FillAsync("Her GP says she has moved to Leeds; referred to the team there");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the contact" }).ClickAsync();
        await page.WaitForURLAsync($"**/persons/{person}/pathway");
        await Expect(page.GetByTestId("contact-check-in")).ToContainTextAsync("moved to Leeds");
        await Expect(page.GetByTestId("re-engagement")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ThePerson_OnTheirPhone_SeesTheirPractitionerAndNextAppointment_AndRatesTheirSession()
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var (person, pathway) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddDays(-8));
        await MyCareTests.RecordSession(app, pathway, "check-in", practitioner, ContactOutcome.Attended, DateTimeOffset.UtcNow.AddDays(-7));
        await MyCareTests.RecordSession(app, pathway, "session-1", practitioner, ContactOutcome.Attended, DateTimeOffset.UtcNow.AddHours(-3), scale: 5);

        var phone = await app.NewPage(PhoneWidth, 740);
        var account = await app.NewPatientAccount(person);
        await phone.GotoAsync("/account/sign-in");
        await phone.GetByLabel("Email address").FillAsync(account.Email);
        await phone.GetByLabel("Password").FillAsync(account.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await phone.WaitForURLAsync("**/my");

        await Expect(phone.GetByTestId("my-practitioner")).ToContainTextAsync(practitioner.Name);
        var next = phone.GetByTestId("my-appointments").Locator("li").First;
        await Expect(next).ToContainTextAsync("A session with");
        await Expect(next).ToContainTextAsync("Between");
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);

        await phone.GetByRole(AriaRole.Link, new() { Name = "Tell us how your last session went" }).ClickAsync();
        await phone.WaitForURLAsync("**/rating");
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);
        await Choose(phone, "Did you feel heard, understood and respected?", "8");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await phone.Locator(".nhsuk-error-summary").WaitForAsync();
        await Expect(phone.GetByRole(AriaRole.Group, new() { Name = "Did you feel heard, understood and respected?" }).GetByLabel("8", new() { Exact = true })).ToBeCheckedAsync();
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);

        await Choose(phone, "Did we work on what you wanted to work on?", "7");
        await Choose(phone, "Did the way your practitioner worked suit you?", "9");
        await Choose(phone, "Overall, was the session right for you?", "10");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await phone.WaitForURLAsync("**/my");
        await Expect(phone.GetByTestId("notice")).ToContainTextAsync("Thank you");
        await Expect(phone.GetByTestId("rate-session")).ToHaveCountAsync(0);
        await AssertFitsThePhone(phone);
        var rating = await app.WithDb(db => db.CareSessions.Where(s => s.PersonId == person && s.Alliance != null).Select(s => s.Alliance).SingleAsync());
        Assert.Equal(10, rating!.Overall);
        Assert.True(rating.EnteredByPerson);
        await phone.Context.CloseAsync();
    }

    private static Task Choose(IPage page, string question, string number) =>
        page.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel(number, new() { Exact = true }).CheckAsync();

    /// <summary>Nothing wider than the phone's screen: no sideways scrolling.</summary>
    private static async Task AssertFitsThePhone(IPage page)
    {
        var width = page.ViewportSize!.Width;
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth <= width) return;
        var wide = await page.EvaluateAsync<string[]>(
            """
            width => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > width + 0.5)
              .map(e => `${e.tagName.toLowerCase()}${[...e.classList].map(c => '.' + c).join('')} to ${Math.round(e.getBoundingClientRect().right)}px`)
              .slice(0, 8)
            """, width);
        Assert.Fail($"{page.Url} is {scrollWidth}px wide on a {width}px screen:\n" + string.Join("\n", wide));
    }
}
