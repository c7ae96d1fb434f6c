using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aftercare.Web.Tests.Browser;

/// <summary>
/// The safety plan in Chromium, as people use it: the practitioner writes it in the ED and hands
/// over a code, the person takes it onto their phone, changes it and shares it, and two people
/// saving at once lose nothing.
/// </summary>
[Collection("browser")]
public sealed class SafetyPlanBrowserTests(BrowserFixture app)
{
    private const int PhoneWidth = 360;

    [Fact]
    public async Task Practitioner_WritesAndReordersThePlan_InvitesThePerson_AndDownloadsItWithTheCode()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, await app.NewStaff(StaffRole.Practitioner, team));

        await page.GotoAsync($"/persons/{person}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Their safety plan" }).ClickAsync();
        await page.WaitForURLAsync($"**/persons/{person}/safety-plan");
        await page.GetByRole(AriaRole.Link, new() { Name = "Write the plan" }).ClickAsync();
        await page.WaitForURLAsync("**/safety-plan/edit");
        await BrowserFixture.AssertAccessible(page);

        await Entry(page, "Entry 1 of Warning signs").FillAsync("Staying in bed all day");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another to Warning signs" }).ClickAsync();
        // The form comes back with a second line, and what was typed is still there.
        await Entry(page, "Entry 2 of Warning signs").FillAsync("Not answering my phone");
        await Expect(Entry(page, "Entry 1 of Warning signs")).ToHaveValueAsync("Staying in bed all day");
        await Entry(page, "Entry 1 of Things I can do on my own").FillAsync("Walk the dog round the park");
        await Entry(page, "Who or what 1 of People I can ask for help").FillAsync("My sister Jo");
        await Entry(page, "Phone number for entry 1 of People I can ask for help").FillAsync("07700 900123");
        await Entry(page, "Entry 1 of Reasons for living").FillAsync("My little brother");

        await page.GetByRole(AriaRole.Button, new() { Name = "Move up entry 2 of Warning signs" }).ClickAsync();
        await Expect(Entry(page, "Entry 1 of Warning signs")).ToHaveValueAsync("Not answering my phone");
        await Expect(Entry(page, "Entry 2 of Warning signs")).ToHaveValueAsync("Staying in bed all day");
        await Expect(Entry(page, "Phone number for entry 1 of People I can ask for help")).ToHaveValueAsync("07700 900123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();

        await page.WaitForURLAsync($"**/persons/{person}/safety-plan");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("version 1");
        await Expect(page.GetByTestId("plan-version")).ToContainTextAsync("Version 1");
        Assert.Equal(["Not answering my phone", "Staying in bed all day"], await EntriesOf(page, "Warning signs that a crisis may be coming"));
        Assert.Equal(["Walk the dog round the park"], await EntriesOf(page, "Things I can do on my own to take my mind off things"));
        Assert.Equal(["My little brother"], await EntriesOf(page, "My reasons for living"));
        var call = page.GetByRole(AriaRole.Region, new() { Name = "People I can ask for help" }).GetByRole(AriaRole.Link, new() { Name = "07700 900123" });
        await Expect(call).ToHaveAttributeAsync("href", "tel:07700900123");
        await BrowserFixture.AssertAccessible(page);

        var plain = await Download(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        AssertHoldsThePlan(plain);
        Assert.Contains("My sister Jo", plain);
        Assert.Contains("07700 900123", plain);

        await page.GetByRole(AriaRole.Button, new() { Name = "Invite them" }).ClickAsync();
        var code = (await page.GetByTestId("invitation-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        Assert.DoesNotContain(code, plain);
        await BrowserFixture.AssertAccessible(page);

        var withCode = await Download(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Download the plan with the code on it (PDF)" }).ClickAsync());
        AssertHoldsThePlan(withCode);
        Assert.Contains(code, withCode);
        Assert.Contains("/account/patient-invitation", withCode);
        await page.Context.CloseAsync();

        static void AssertHoldsThePlan(string pdf)
        {
            Assert.Contains("Robin", pdf);
            var first = pdf.IndexOf("Not answering my phone", StringComparison.Ordinal);
            var second = pdf.IndexOf("Staying in bed all day", StringComparison.Ordinal);
            Assert.True(first >= 0 && second > first, "The warning signs are missing from the PDF or out of order:\n" + pdf);
            Assert.Contains("Walk the dog round the park", pdf);
            Assert.Contains("My little brother", pdf);
            Assert.Contains("116 123", pdf);
        }
    }

    [Fact]
    public async Task ThePerson_SetsUpTheirAccountOnAPhone_ChangesASection_AndThePractitionerSeesTheirVersion()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var staff = await app.NewPage(1280, 900);
        await app.SignIn(staff, practitioner);
        await WritePlan(staff, person, ("Entry 1 of Warning signs", "Shutting myself in my room"), ("Entry 1 of Things I can do on my own", "Play my guitar"));
        await staff.GetByRole(AriaRole.Button, new() { Name = "Invite them" }).ClickAsync();
        var code = (await staff.GetByTestId("invitation-code").InnerTextAsync()).Trim();

        var phone = await app.NewPage(PhoneWidth, 740);
        await phone.GotoAsync("/account/patient-invitation");
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);
        await phone.GetByLabel("Your code").FillAsync(code);
        await phone.GetByLabel("Your email address").FillAsync(TestWorld.Unique("robin.") + "@example.com");
        await phone.GetByLabel("Choose a password").FillAsync(TestWorld.Password);
        await phone.GetByLabel("Type the password again").FillAsync(TestWorld.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Set up my account" }).ClickAsync();

        await phone.WaitForURLAsync("**/my");
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Hello, Robin");
        var help = phone.GetByTestId("crisis-help");
        await Expect(help).ToBeInViewportAsync();
        foreach (var (name, href) in new[] { ("call 999", "tel:999"), ("Call NHS 111", "tel:111"), ("Call Samaritans on 116 123", "tel:116123"), ("Text SHOUT to 85258", "sms:85258?body=SHOUT") })
        {
            var link = help.GetByRole(AriaRole.Link, new() { Name = name });
            await Expect(link).ToHaveAttributeAsync("href", href);
            var box = await link.BoundingBoxAsync();
            Assert.True(box is { Height: >= 44 }, $"\"{name}\" is {box?.Height}px high: too small to tap");
        }
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);

        await phone.Locator("main").GetByRole(AriaRole.Link, new() { Name = "My safety plan" }).ClickAsync();
        await phone.WaitForURLAsync("**/my/plan");
        Assert.Equal(["Play my guitar"], await EntriesOf(phone, "Things I can do on my own to take my mind off things"));
        await Expect(phone.GetByTestId("crisis-help")).ToBeVisibleAsync();
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);

        await phone.GetByRole(AriaRole.Link, new() { Name = "Change Things I can do on my own" }).ClickAsync();
        await phone.WaitForURLAsync("**/my/plan/edit?section=ThingsICanDo");
        // Only the section chosen is in the form.
        await Expect(phone.Locator("textarea")).ToHaveCountAsync(2);
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);
        await Entry(phone, "Entry 2 of Things I can do on my own").FillAsync("Ring Nana for a chat");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();

        await phone.WaitForURLAsync("**/my/plan");
        await Expect(phone.GetByTestId("notice")).ToContainTextAsync("version 2");
        await Expect(phone.GetByTestId("plan-version")).ToContainTextAsync("Last changed by you");
        Assert.Equal(["Play my guitar", "Ring Nana for a chat"], await EntriesOf(phone, "Things I can do on my own to take my mind off things"));

        await phone.GotoAsync("/my/plan/history");
        await Expect(phone.GetByTestId("versions")).ToContainTextAsync("(the person)");
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);
        await phone.GotoAsync("/my/sharing");
        await Expect(phone.GetByTestId("crisis-help")).ToBeVisibleAsync();
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);

        await staff.ReloadAsync();
        await Expect(staff.GetByTestId("plan-version")).ToContainTextAsync("Version 2");
        Assert.Equal(["Play my guitar", "Ring Nana for a chat"], await EntriesOf(staff, "Things I can do on my own to take my mind off things"));
        await Expect(staff.GetByTestId("account-active")).ToBeVisibleAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "History and changes" }).ClickAsync();
        var rows = staff.GetByTestId("versions").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("td").Nth(0)).ToContainTextAsync("2");
        await Expect(rows.Nth(0).Locator("td").Nth(1)).ToContainTextAsync("Robin");
        await Expect(rows.Nth(0).Locator("td").Nth(1)).ToContainTextAsync("(the person)");
        await Expect(rows.Nth(1).Locator("td").Nth(1)).ToContainTextAsync(practitioner.Name);
        await phone.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoPeopleSavingTheSameVersion_LoseNothing_TheSecondSeesWhatTheFirstChanged()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var staff = await app.NewPage(1280, 900);
        await app.SignIn(staff, practitioner);
        await WritePlan(staff, person, ("Entry 1 of Warning signs", "Drinking more"), ("Entry 1 of Reasons for living", "My cat Biscuit"));
        var phone = await app.NewPage(PhoneWidth, 740);
        await SignIn(phone, await app.NewPatientAccount(person));

        // Both open the editor at version 1.
        await phone.GotoAsync("/my/plan/edit");
        await staff.GotoAsync($"/persons/{person}/safety-plan/edit");
        await Entry(staff, "Entry 2 of Reasons for living").FillAsync("Seeing my niece grow up");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await staff.WaitForURLAsync($"**/persons/{person}/safety-plan");
        await Expect(staff.GetByTestId("plan-version")).ToContainTextAsync("Version 2");

        await Entry(phone, "Entry 2 of Reasons for living").FillAsync("Finishing my art course");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        var merge = phone.GetByTestId("merge");
        await Expect(merge).ToContainTextAsync($"{practitioner.Name} saved this plan while you were editing it");
        await Expect(merge.GetByTestId("plan-diff")).ToContainTextAsync("Added: Seeing my niece grow up");
        Assert.DoesNotContain("Finishing my art course", await merge.GetByTestId("plan-diff").InnerTextAsync());
        var reasons = phone.Locator("textarea[name^='Form.ReasonsForLiving']");
        await Expect(reasons.Filter(new() { HasText = "Seeing my niece grow up" })).ToHaveCountAsync(1);
        var values = await reasons.EvaluateAllAsync<string[]>("all => all.map(t => t.value)");
        Assert.Contains("My cat Biscuit", values);
        Assert.Contains("Seeing my niece grow up", values);
        Assert.Contains("Finishing my art course", values);
        await Expect(Entry(phone, "Entry 1 of Warning signs")).ToHaveValueAsync("Drinking more");
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);

        await phone.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await phone.WaitForURLAsync("**/my/plan");
        await Expect(phone.GetByTestId("notice")).ToContainTextAsync("version 3");

        await staff.ReloadAsync();
        await Expect(staff.GetByTestId("plan-version")).ToContainTextAsync("Version 3");
        var saved = await EntriesOf(staff, "My reasons for living");
        Assert.Equal(3, saved.Length);
        Assert.Equal("My cat Biscuit", saved[0]);
        Assert.Contains("Seeing my niece grow up", saved);
        Assert.Contains("Finishing my art course", saved);
        Assert.Equal(["Drinking more"], await EntriesOf(staff, "Warning signs that a crisis may be coming"));
        await phone.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task ThePerson_SharesALink_TheReaderSeesThePlanReadOnly_AndNothingOnceItIsStopped()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var staff = await app.NewPage(1280, 900);
        await app.SignIn(staff, await app.NewStaff(StaffRole.Practitioner, team));
        await WritePlan(staff, person, ("Entry 1 of Warning signs", "Not sleeping for days"), ("Who or what 1 of People I can ask for help", "Auntie Pat"),
            ("Phone number for entry 1 of People I can ask for help", "07700 900456"));
        await staff.Context.CloseAsync();

        var phone = await app.NewPage(PhoneWidth, 740);
        await SignIn(phone, await app.NewPatientAccount(person));
        await phone.GotoAsync("/my/sharing");
        await phone.GetByLabel("Who are you sharing it with?").FillAsync("Auntie Pat");
        await phone.GetByLabel("1 week").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Make a link" }).ClickAsync();
        var address = (await phone.GetByTestId("share-link").InnerTextAsync()).Trim();
        Assert.StartsWith(app.BaseUrl + "/shared-plan/", address);
        await Expect(phone.GetByTestId("new-link")).ToContainTextAsync("Your link for Auntie Pat");
        await Expect(phone.GetByTestId("links")).ToContainTextAsync("Not opened yet");
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);

        var reader = await app.NewPage(PhoneWidth, 740);
        var response = await reader.GotoAsync(address);
        Assert.Equal(200, response!.Status);
        await Expect(reader.Locator("h1")).ToHaveTextAsync("Robin's safety plan");
        await Expect(reader.GetByTestId("plan")).ToContainTextAsync("Not sleeping for days");
        await Expect(reader.GetByTestId("plan").GetByRole(AriaRole.Link, new() { Name = "07700 900456" })).ToHaveAttributeAsync("href", "tel:07700900456");
        await Expect(reader.GetByTestId("crisis-help").GetByRole(AriaRole.Link, new() { Name = "Call Samaritans on 116 123" })).ToBeVisibleAsync();
        // Read only: no form, no field, no button, no link to change anything, and no one signed in.
        await Expect(reader.Locator("main form, main textarea, main input, main button")).ToHaveCountAsync(0);
        await Expect(reader.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Change") })).ToHaveCountAsync(0);
        await Expect(reader.Locator("a[href*='/edit'], a[href^='/my']")).ToHaveCountAsync(0);
        await Expect(reader.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        await AssertFitsThePhone(reader);
        await BrowserFixture.AssertAccessible(reader);

        // Back to the page (not a reload, which would post the form again and make a second link).
        await phone.GotoAsync("/my/sharing");
        await Expect(phone.GetByTestId("links")).ToContainTextAsync("Opened 1 time");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Stop this link for Auntie Pat" }).ClickAsync();
        await Expect(phone.GetByTestId("notice")).ToHaveTextAsync("The link for Auntie Pat no longer works.");
        await Expect(phone.GetByTestId("links")).ToContainTextAsync("Stopped on");
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Stop this link" })).ToHaveCountAsync(0);

        response = await reader.ReloadAsync();
        Assert.Equal(404, response!.Status);
        await Expect(reader.Locator("h1")).ToHaveTextAsync("Page not found");
        var body = await reader.Locator("body").InnerTextAsync();
        foreach (var word in new[] { "Not sleeping for days", "07700 900456", "Robin", "Auntie Pat" })
            Assert.DoesNotContain(word, body);
        await reader.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    /// <summary>A field of the plan editor by its whole label, such as "Entry 2 of Warning signs".</summary>
    private static ILocator Entry(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>The entries of one section of the plan as shown, in order.</summary>
    private static async Task<string[]> EntriesOf(IPage page, string heading)
    {
        var section = page.GetByTestId("plan").GetByRole(AriaRole.Region, new() { Name = heading, Exact = true });
        await Expect(section).ToBeVisibleAsync();
        return [.. (await section.Locator(".app-own-words-inline").AllInnerTextsAsync()).Select(t => t.Trim())];
    }

    /// <summary>The practitioner writes a first plan in the editor and saves it; the page ends on the plan.</summary>
    private static async Task WritePlan(IPage page, PersonId person, params (string Label, string Text)[] entries)
    {
        await page.GotoAsync($"/persons/{person}/safety-plan/edit");
        foreach (var (label, text) in entries)
            await Entry(page, label).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await page.WaitForURLAsync($"**/persons/{person}/safety-plan");
        await Expect(page.GetByTestId("plan-version")).ToContainTextAsync("Version 1");
    }

    /// <summary>A person signs in with their email address and password and reaches their own pages.</summary>
    private static async Task SignIn(IPage page, PatientAccount account)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/my");
    }

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

    /// <summary>Does what starts a download, and reads the PDF that arrives back as text.</summary>
    private static async Task<string> Download(IPage page, Func<Task> start)
    {
        var download = await page.RunAndWaitForDownloadAsync(start);
        Assert.Equal("safety-plan.pdf", download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        return PdfText.Flat(bytes);
    }
}
