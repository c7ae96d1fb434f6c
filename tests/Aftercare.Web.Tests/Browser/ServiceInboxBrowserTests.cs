using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Features.Referrals;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aftercare.Web.Tests.Browser;

/// <summary>
/// A referral from the liaison team to a service that answers in Aftercare, in Chromium: the
/// practitioner and the service's user each in their own browser.
/// </summary>
[Collection("browser")]
public sealed class ServiceInboxBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task TheServiceDeclinesForRiskInAftercare_TheTeamSeesTheNiceFlagEscalatesAndResubmits_AndTheServiceAcceptsTheResubmission()
    {
        var world = await app.NewReferralWorld();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, world.Team);
        var account = await app.NewServiceUser((world.Service.Id, world.Service.Name));
        var person = $"Robin {world.Family}";

        // The practitioner finds the service, answers each of its criteria and sends the letter.
        var practitioner = await app.NewPage(1280, 900);
        await app.SignIn(practitioner, world.Practitioner);
        await practitioner.GotoAsync(world.People);
        await practitioner.GetByRole(AriaRole.Link, new() { Name = "Refer to a service" }).ClickAsync();
        await practitioner.WaitForURLAsync("**/referrals/new");
        await practitioner.GetByLabel("Where the person lives").FillAsync(world.Service.LocalAuthorities[0]);
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await practitioner.GetByRole(AriaRole.Link, new() { Name = $"Refer to {world.Service.Name}" }).ClickAsync();
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Draft the referral letter" }).ClickAsync();
        await practitioner.WaitForURLAsync("**/letter");
        await AnswerEmpty(practitioner, "textarea[name^='Form.Sections[Criterion']", "Yes: Robin lives nearby and wants this help.");
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Send the letter" }).ClickAsync();
        await Expect(practitioner.GetByTestId("status")).ToContainTextAsync("Sent");
        var referralUrl = new Uri(practitioner.Url).AbsolutePath;

        // The service's user, in a browser of their own, finds it waiting and declines it for risk.
        var service = await app.NewPage(1280, 900);
        await app.SignIn(service, account);
        await service.WaitForURLAsync("**/service");
        await service.GetByTestId("waiting").GetByRole(AriaRole.Link, new() { Name = person }).ClickAsync();
        await service.WaitForURLAsync("**/service/referrals/*");
        await Expect(service.GetByTestId("letter")).ToContainTextAsync("Yes: Robin lives nearby and wants this help.");
        await Expect(service.GetByTestId("nice-notice")).ToContainTextAsync("flagged to the referring team");
        await service.GetByLabel(DeclineReasons.Describe(DeclineReason.RiskOfSuicideOrSelfHarm)).CheckAsync();
        await service.GetByLabel("Your reasons, in your own words").FillAsync("We cannot offer therapy while there is an ongoing risk of suicide.");
        await service.GetByRole(AriaRole.Button, new() { Name = "Decline the referral" }).ClickAsync();
        await Expect(service.GetByTestId("notice")).ToContainTextAsync("flagged to the referring team");
        await Expect(service.GetByTestId("status")).ToContainTextAsync("Declined");

        // The practitioner sees the NICE NG225 flag, answered by the service itself, here and on the team's worklist.
        await practitioner.GotoAsync(referralUrl);
        await Expect(practitioner.GetByTestId("nice-flag")).ToContainTextAsync("Declined contrary to NICE NG225");
        await Expect(practitioner.GetByTestId("declined-by")).ToHaveTextAsync($"Declined by {account.Name}, {world.Service.Name}, in Aftercare");
        await practitioner.GotoAsync($"/teams/{world.Team.TeamId}/work");
        await Expect(practitioner.GetByTestId("nice-decline").Filter(new() { HasText = world.Family })).ToContainTextAsync(world.Service.Name);

        // Escalates it to the team's senior clinician, and records what came of it.
        await practitioner.GotoAsync(referralUrl);
        await practitioner.GetByLabel("Senior clinician").SelectOptionAsync(new SelectOptionValue { Label = supervisor.Name });
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Escalate to a senior clinician" }).ClickAsync();
        await Expect(practitioner.GetByTestId("escalated")).ToContainTextAsync(supervisor.Name);
        await practitioner.GetByLabel(EscalationOutcomes.Describe(EscalationOutcome.ReferralResubmitted)).CheckAsync();
        await practitioner.GetByLabel("What happened").FillAsync($"{supervisor.Name} spoke to the service lead, who asked for a fuller picture of Robin's safety plan.");
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Record what came of it" }).ClickAsync();
        await Expect(practitioner.GetByTestId("escalations")).ToContainTextAsync("The referral is to be resubmitted");

        // Resubmits, answering the decline, and sends it.
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Resubmit the referral" }).ClickAsync();
        await practitioner.WaitForURLAsync("**/letter");
        await AnswerEmpty(practitioner, $"textarea[name='Form.Sections[{ReferralLetterDraft.ResubmissionKey}]']",
            "NICE NG225 says access must not be refused because of risk. Robin's safety plan is attached and her sister is with her in the evenings.");
        await AnswerEmpty(practitioner, "textarea[name^='Form.Sections[Criterion']", "Yes: Robin lives nearby and wants this help.");
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Send the letter" }).ClickAsync();
        await Expect(practitioner.GetByTestId("status")).ToContainTextAsync("Sent");
        var resubmissionUrl = new Uri(practitioner.Url).AbsolutePath;
        Assert.NotEqual(referralUrl, resubmissionUrl);

        // The service sees the resubmission following its decline, and accepts it.
        await service.GotoAsync("/service");
        var waiting = service.GetByTestId("waiting").GetByTestId("inbox-row");
        await Expect(waiting).ToHaveCountAsync(1);
        await Expect(waiting.GetByTestId("follows-decline")).ToContainTextAsync("after your earlier decline");
        await BrowserFixture.AssertAccessible(service);
        await waiting.GetByRole(AriaRole.Link, new() { Name = person }).ClickAsync();
        await Expect(service.GetByTestId("resubmission")).ToContainTextAsync("follows your decline");
        await Expect(service.GetByTestId("letter")).ToContainTextAsync("her sister is with her in the evenings");
        await service.GetByLabel("Anything the referring team should know (optional)").FillAsync("We will ring Robin this week to offer a first appointment.");
        await service.GetByRole(AriaRole.Button, new() { Name = "Accept the referral" }).ClickAsync();
        await Expect(service.GetByTestId("notice")).ToContainTextAsync("You accepted the referral");
        await BrowserFixture.AssertAccessible(service);

        // The practitioner sees it accepted, answered by the service itself.
        await practitioner.GotoAsync(resubmissionUrl);
        await Expect(practitioner.GetByTestId("status")).ToContainTextAsync("Accepted");
        await Expect(practitioner.GetByTestId("accepted")).ToContainTextAsync($"by {account.Name}, {world.Service.Name}, in Aftercare");
        await Expect(practitioner.GetByTestId("history")).ToContainTextAsync("We will ring Robin this week");
        await BrowserFixture.AssertAccessible(practitioner);

        await service.Context.CloseAsync();
        await practitioner.Context.CloseAsync();
    }

    /// <summary>Writes in each box of the letter that is still empty, as a practitioner answers what Aftercare could not draft.</summary>
    private static async Task AnswerEmpty(IPage page, string selector, string text)
    {
        var boxes = page.Locator(selector);
        for (var i = 0; i < await boxes.CountAsync(); i++)
            if ((await boxes.Nth(i).InputValueAsync()).Trim().Length == 0)
                await boxes.Nth(i).FillAsync(text);
    }
}
