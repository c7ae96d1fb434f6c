using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Tests.Features.Pathways;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aftercare.Web.Tests.Browser;

/// <summary>The 3-month letter in Chromium, as a practitioner works through it from their worklist.</summary>
[Collection("browser")]
public sealed class LetterBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task APractitioner_OpensADueLetterFromMyWork_ChangesASentence_Approves_DownloadsThePdf_AndRecordsItSent()
    {
        var due = await LetterTests.NewDueLetter(app);
        var page = await app.NewPage(1280, 900);
        await app.SignIn(page, due.Practitioner);

        await page.GotoAsync("/work");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Review letter Letter at 3 months for Robin {due.Family}" }).ClickAsync();
        await page.WaitForURLAsync($"**{due.Url}");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("Draft to review");
        await BrowserFixture.AssertAccessible(page);

        var letter = page.GetByLabel("The letter");
        var draft = await letter.InputValueAsync();
        Assert.Contains("“Bella, who needs me”", draft);
        await letter.FillAsync(draft.Replace("I hope things have been as good as they can be.", "I hope the new flat feels like home."));
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve this letter" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("Letter approved");
        await Expect(page.GetByTestId("letter-body")).ToContainTextAsync("I hope the new flat feels like home.");
        await BrowserFixture.AssertAccessible(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        Assert.Equal("letter-3-months.pdf", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        var text = PdfText.Flat(bytes);
        Assert.Contains("I hope the new flat feels like home.", text);
        Assert.Contains("116 123", text);

        // Nothing chosen: the message is next to the question, and the page stays usable.
        await page.GetByRole(AriaRole.Button, new() { Name = "Record as sent" }).ClickAsync();
        await Expect(page.Locator("#Sent_How-error")).ToContainTextAsync("Choose how the letter was sent");
        await BrowserFixture.AssertAccessible(page);

        var local = UkTime.ToLocal(DateTimeOffset.UtcNow);
        await page.GetByLabel("By post").CheckAsync();
        await page.Locator("#Sent_Date").FillAsync(local.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#Sent_Date_Month").FillAsync(local.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#Sent_Date_Year").FillAsync(local.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Time sent").FillAsync(local.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record as sent" }).ClickAsync();
        await Expect(page.GetByTestId("sent")).ToContainTextAsync("By post on");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("Sent");
        await BrowserFixture.AssertAccessible(page);

        await page.GotoAsync("/work");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Review letter Letter at 3 months for Robin {due.Family}" })).ToHaveCountAsync(0);
        Assert.Equal(ContactStatus.Done, await app.WithDb(db => db.PlannedContacts.Where(c => c.Id == due.Contact).Select(c => c.Status).SingleAsync()));
        await page.Context.CloseAsync();
    }
}
