using Aftercare.Web.Security;
using Aftercare.Web.Tests.Features.Messages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aftercare.Web.Tests.Browser;

/// <summary>
/// Messages in Chromium: a person on their phone writes to their team outside its reading hours,
/// and the practitioner's page, already open, shows it at once, under the application's own
/// content security policy, with the header's count following; both pages are checked with axe,
/// with their errors showing.
/// </summary>
[Collection("browser")]
public sealed class MessagingBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task APatientOnTheirPhone_SendsAMessage_AndThePractitionersOpenPageShowsItWithoutAReload()
    {
        var (hours, opens) = MessagingTestData.NotReadingNow();
        var world = await app.NewMessagingWorld(hours);

        // The practitioner's page runs under the real content security policy: nothing is bypassed.
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB" });
        var desk = await context.NewPageAsync();
        var refused = new List<string>();
        // (The design system's stylesheet asks for its fonts from another site, which the policy refuses as it should.)
        desk.Console += (_, m) => { if (m.Text.Contains("Content Security Policy") && !m.Text.StartsWith("Loading the font")) refused.Add(m.Text); };
        var sockets = new List<string>();
        desk.WebSocket += (_, ws) => sockets.Add(ws.Url);
        await app.SignIn(desk, world.Practitioner);
        var response = await desk.GotoAsync($"/persons/{world.Person}/messages");
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        await Expect(desk.Locator("body")).ToHaveAttributeAsync("data-live", "connected");
        await desk.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await Expect(desk.GetByTestId("messages-count")).ToBeHiddenAsync();
        await AssertAccessible(desk);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await desk.Locator("#Form_Body-error").WaitForAsync();
        await AssertAccessible(desk);
        await desk.GotoAsync($"/persons/{world.Person}/messages");
        await Expect(desk.Locator("body")).ToHaveAttributeAsync("data-live", "connected");
        await desk.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        var phone = await app.NewPage(390, 844);
        await phone.GotoAsync("/account/sign-in");
        await phone.GetByLabel("Email address").FillAsync(world.Patient.Email);
        await phone.GetByLabel("Password").FillAsync(world.Patient.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await phone.WaitForURLAsync("**/my");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Messages with your care team" }).ClickAsync();
        await phone.WaitForURLAsync("**/my/messages");
        await Expect(phone.GetByTestId("closed-notice")).ToContainTextAsync($"it will be read from {opens.DayOfWeek} at 9am");
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await phone.Locator("#Form_Body-error").WaitForAsync();
        await BrowserFixture.AssertAccessible(phone);

        const string words = "Walked the long way round the park 🌳 feeling a bit better 🙂";
        await phone.GetByLabel("Your message").FillAsync(words);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(phone.GetByTestId("notice")).ToContainTextAsync("Your message has been sent");
        await Expect(phone.GetByTestId("message").Last).ToContainTextAsync("Your message will be read from");
        await AssertFitsThePhone(phone);
        await BrowserFixture.AssertAccessible(phone);

        // On the practitioner's open page: the message, marked out of hours, the automatic reply after
        // it, and the header's count, all without a reload.
        var arrived = desk.GetByTestId("message").Filter(new() { HasText = words });
        await Expect(arrived).ToHaveCountAsync(1, new() { Timeout = 5000 });
        await Expect(arrived.Locator(".app-message__body")).ToHaveTextAsync(words);
        await Expect(arrived.GetByTestId("out-of-hours")).ToBeVisibleAsync();
        await Expect(desk.GetByTestId("message").Last).ToContainTextAsync("Automatic reply");
        await Expect(desk.GetByTestId("messages-count")).ToHaveTextAsync("1");
        Assert.True(await desk.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The practitioner's page reloaded");
        await AssertAccessible(desk);

        Assert.Contains(sockets, url => url.Contains("/hubs/live"));
        Assert.Empty(refused);

        // The header's link leads to "my work", where the conversation waits for a reply.
        await desk.GetByTestId("messages-link").ClickAsync();
        await Expect(desk.GetByTestId("waiting-conversation")).ToContainTextAsync(world.Family);
        await AssertAccessible(desk);
        await context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    /// <summary>
    /// axe-core on a page that keeps its content security policy: evaluated through the browser's
    /// developer protocol, which the policy does not govern, rather than added as a script tag.
    /// </summary>
    private static async Task AssertAccessible(IPage page)
    {
        var axe = Environment.GetEnvironmentVariable("AFTERCARE_AXE")
                  ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../node_modules/axe-core/axe.min.js"));
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var violations = await page.EvaluateAsync<string[]>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        Assert.True(violations.Length == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", violations));
    }

    /// <summary>Nothing wider than the phone's screen: no sideways scrolling.</summary>
    private static async Task AssertFitsThePhone(IPage page)
    {
        var width = page.ViewportSize!.Width;
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide on a {width}px screen");
    }
}
