using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Live;
using Aftercare.Web.Tests.Features.Alerts;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aftercare.Web.Tests.Browser;

/// <summary>A second application on a Kestrel port of its own, over the browser fixture's database: another web node.</summary>
public sealed class KestrelNode : AftercareFactory
{
    public string BaseUrl { get; private set; } = "";

    public KestrelNode(string database) : base(database) => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }
}

/// <summary>
/// A duty alert in Chromium (hazard H52): a person on their phone writes something that may
/// signal danger through one node, and the alert appears within two seconds on the duty
/// practitioner's page, already open, served by the other node; its page is checked with axe with
/// an error showing.
/// </summary>
[Collection("browser")]
public sealed class AlertBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task ACrisisMessageFromAPhone_AppearsOnTheDutyPractitionersOpenPageOnTheOtherNode_WithinTwoSeconds()
    {
        var world = await app.NewMessagingWorld();
        var dutyAccount = await app.NewStaff(StaffRole.Practitioner, world.Team);
        await app.OnDuty(world.Team, dutyAccount);
        var other = new KestrelNode(app.DatabaseName);
        await ((IAsyncLifetime)other).InitializeAsync();
        try
        {
            foreach (var node in new AftercareFactory[] { app, other })
            {
                var listener = node.Services.GetRequiredService<LiveListener>();
                for (var waited = 0; !listener.IsListening; waited += 50)
                {
                    Assert.True(waited < 20_000, "A node did not start listening");
                    await Task.Delay(50);
                }
            }

            // The duty practitioner is on an ordinary page of the other node: "my work".
            var deskContext = await app.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = other.BaseUrl,
                ViewportSize = new() { Width = 1280, Height = 900 },
                BypassCSP = true,
                Locale = "en-GB",
            });
            var desk = await deskContext.NewPageAsync();
            await app.SignIn(desk, dutyAccount);
            await desk.GotoAsync("/work");
            await Expect(desk.Locator("body")).ToHaveAttributeAsync("data-live", "connected");
            await Expect(desk.GetByTestId("alert-banner")).ToHaveCountAsync(0);
            await desk.EvaluateAsync("() => { window.stillTheSamePage = true; }");

            var phone = await app.NewPage(390, 844);
            await phone.GotoAsync("/account/sign-in");
            await phone.GetByLabel("Email address").FillAsync(world.Patient.Email);
            await phone.GetByLabel("Password").FillAsync(world.Patient.Password);
            await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await phone.WaitForURLAsync("**/my");
            await phone.GotoAsync("/my/messages");
            await phone.GetByLabel("Your message").FillAsync(AlertTestData.Crisis);
            await phone.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();

            await Expect(desk.GetByTestId("alert-banner-live")).ToBeVisibleAsync(new() { Timeout = 2000 });
            Assert.True(await desk.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The practitioner's page was reloaded");
            await Expect(desk.GetByTestId("alert-banner-live")).ToContainTextAsync("New crisis alert");

            // The person sees the crisis help first, on their phone.
            await phone.WaitForURLAsync("**/my/messages#help-now");
            await Expect(phone.GetByTestId("crisis-sent")).ToBeVisibleAsync();
            await Expect(phone.GetByTestId("crisis-sent")).ToContainTextAsync("on duty for urgent messages");
            await BrowserFixture.AssertAccessible(phone);

            // The alert's page, with an error showing, is accessible.
            await desk.GetByTestId("alert-banner-live").ClickAsync();
            await desk.WaitForURLAsync("**/alerts/**");
            await Expect(desk.GetByTestId("alert-message").Locator("mark").First).ToBeVisibleAsync();
            await AssertAccessibleWithError(desk);
            await desk.GetByRole(AriaRole.Button, new() { Name = "I'm taking this on" }).ClickAsync();
            await Expect(desk.GetByTestId("alert-taken-on")).ToContainTextAsync(dutyAccount.Name);
            await deskContext.CloseAsync();
        }
        finally
        {
            await ((IAsyncLifetime)other).DisposeAsync();
        }
    }

    private static async Task AssertAccessibleWithError(IPage desk)
    {
        await desk.GetByRole(AriaRole.Button, new() { Name = "Record and close the alert" }).ClickAsync();
        await desk.Locator("#Form_Response-error").WaitForAsync();
        await BrowserFixture.AssertAccessible(desk);
    }
}
