using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Aftercare.Web.Tests.Browser;

/// <summary>A practitioner's first minutes with a person, in a real browser, on a desktop and on a phone.</summary>
[Collection("browser")]
public sealed class RegisterAndRecordTests(BrowserFixture app)
{
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(360, 740)]
    public async Task Practitioner_SignsIn_RegistersAPerson_RecordsAPresentation_AndSeesItOnTheTimeline(int width, int height)
    {
        var team = await app.NewTeam();
        var account = await app.NewStaff(StaffRole.Practitioner, team);
        var page = await app.NewPage(width, height);
        var family = TestWorld.Unique("Okafor");

        await page.GotoAsync("/account/sign-in");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/account/two-factor**");
        await BrowserFixture.AssertAccessible(page);
        await page.GetByLabel("Enter your security code").FillAsync(Totp.Code(account.TotpKey!, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await BrowserFixture.AssertAccessible(page);
        Assert.Contains(account.Name, await page.Locator("[data-testid=signed-in-as]").InnerTextAsync());

        await page.GotoAsync("/persons/register");
        // Submitting nothing shows the error summary, and it is accessible too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.StartsWith("Error:", await page.TitleAsync());
        await BrowserFixture.AssertAccessible(page);

        await page.GetByLabel("Given name").FillAsync("Amara");
        await page.GetByLabel("Family name").FillAsync(family);
        await page.GetByLabel("Pronouns (optional)").FillAsync("she/her");
        await page.Locator("#Form_DateOfBirth").FillAsync("9");
        await page.Locator("#Form_DateOfBirth_Month").FillAsync("11");
        await page.Locator("#Form_DateOfBirth_Year").FillAsync("2004");
        await page.GetByLabel("Sex").SelectOptionAsync("Female");
        await page.GetByLabel("What matters to them (optional)").FillAsync("Finishing my nursing course 💙");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await page.WaitForURLAsync("**/persons/*");
        Assert.Contains($"Amara {family}", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Finishing my nursing course 💙", await page.ContentAsync());
        await BrowserFixture.AssertAccessible(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Record a presentation" }).ClickAsync();
        await page.WaitForURLAsync("**/presentations/new");
        await BrowserFixture.AssertAccessible(page);
        var arrived = UkTime.ToLocal(DateTimeOffset.UtcNow).AddHours(-2);
        await page.GetByLabel("Hospital").SelectOptionAsync(new SelectOptionValue { Label = team.SiteName });
        await page.Locator("#Form_ArrivedDate").FillAsync(arrived.Day.ToString());
        await page.Locator("#Form_ArrivedDate_Month").FillAsync(arrived.Month.ToString());
        await page.Locator("#Form_ArrivedDate_Year").FillAsync(arrived.Year.ToString());
        await page.GetByLabel("Time of arrival").FillAsync(arrived.ToString("HH:mm"));
        await page.GetByLabel("What happened, in the person's words").FillAsync("I took my mum's tablets because I couldn't see a way out.");
        await page.GetByLabel("Method").SelectOptionAsync("SelfPoisoning");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save presentation" }).ClickAsync();

        await page.WaitForURLAsync(u => !u.Contains("/presentations/new"));
        var timeline = page.Locator("[data-testid=timeline]");
        Assert.Contains("I took my mum's tablets because I couldn't see a way out.", await timeline.InnerTextAsync());
        Assert.Contains(arrived.ToString("HH:mm"), await timeline.InnerTextAsync());
        await BrowserFixture.AssertAccessible(page);

        if (width <= 400)
        {
            // Nothing wider than the phone's screen: no sideways scrolling on a 360-pixel page.
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"The record page is {scrollWidth}px wide on a {width}px screen");
        }

        // Over real Kestrel the audit trail records where the request came from.
        var ip = await app.WithDb(db => db.AuditEvents.Where(a => a.ActorId == account.Id && a.Action == "view").Select(a => a.IpAddress).FirstAsync());
        Assert.Equal("127.0.0.1", ip);
        await page.Context.CloseAsync();
    }
}
