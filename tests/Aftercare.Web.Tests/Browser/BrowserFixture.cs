using System.Net;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aftercare.Web.Tests.Browser;

/// <summary>
/// The application on a real Kestrel port on loopback, and Debian's Chromium driven by
/// Playwright. Pages are checked with axe-core (from npm) for WCAG 2.2 A and AA.
/// </summary>
public sealed class BrowserFixture : AftercareFactory
{
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public BrowserFixture() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("AFTERCARE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    protected override async Task CloseAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
    }

    public async Task<IPage> NewPage(int width, int height)
    {
        // Bypassing the page's CSP lets the test inject axe-core; the application's own pages never need it.
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = true,
            Locale = "en-GB",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real pages, with the second factor when the account has one.</summary>
    public Task SignIn(IPage page, StaffAccount account) => SignIn(page, account.Email, account.Password, account.TotpKey);

    /// <summary>Someone of a receiving service, signing in as staff do.</summary>
    public Task SignIn(IPage page, ServiceUserAccount account) => SignIn(page, account.Email, account.Password, account.TotpKey);

    private static async Task SignIn(IPage page, string email, string password, string? totpKey)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (totpKey is not null)
        {
            try
            {
                await page.WaitForURLAsync("**/account/two-factor**");
            }
            catch (TimeoutException e)
            {
                // Say where the browser was left and what the page said, so that a sign-in that
                // did not go through can be told from one that was slow.
                var said = await page.Locator(".nhsuk-error-summary").AllInnerTextsAsync();
                throw new TimeoutException($"Signing in as {email} did not reach the two-factor page: the browser is on {page.Url}, which says: {string.Join(" / ", said)}", e);
            }
            await page.GetByLabel("Enter your security code").FillAsync(Totp.Code(totpKey, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }
        await page.WaitForLoadStateAsync();
    }

    /// <summary>Runs axe-core on the page and fails with the violations, if any, of WCAG 2.0/2.1/2.2 A and AA.</summary>
    public static async Task AssertAccessible(IPage page)
    {
        var axe = Environment.GetEnvironmentVariable("AFTERCARE_AXE")
                  ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../node_modules/axe-core/axe.min.js"));
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axe });
        var violations = await page.EvaluateAsync<string[]>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        Assert.True(violations.Length == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", violations));
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
