using System.Text;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Web.Features.SafetyPlans;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Tests.Infrastructure;

namespace Aftercare.Web.Tests.Features.SafetyPlans;

public sealed class SafetyPlanPdfTests
{
    // 13:05 UTC in July is 14:05 in the UK (British Summer Time).
    private static readonly DateTimeOffset Saved = new(2026, 7, 1, 13, 5, 0, TimeSpan.Zero);

    private static SafetyPlanPrint Print(SafetyPlanContent content, string? code = null) =>
        new("Sam Taylor", content, 3, Saved,
            code, code is null ? null : new DateTimeOffset(2026, 7, 15, 13, 5, 0, TimeSpan.Zero),
            code is null ? null : "https://aftercare.example/account/patient-invitation");

    /// <summary>What a plan usually holds: two or three short entries a section, numbers for people and services.</summary>
    private static SafetyPlanContent Typical() => new()
    {
        WarningSigns = [new("I stop answering my phone"), new("I can't sleep and I stay in my room"), new("I start thinking nobody would miss me")],
        ThingsICanDo = [new("Take Bella for a walk round the park"), new("Put my headphones on and play the playlist Jo made me"), new("Have a hot shower")],
        PeopleAndPlaces = [new("The library on Oxford Road"), new("My cousin Dee's flat"), new("The climbing wall on Thursdays")],
        PeopleICanAsk = [new("Mum", "07700 900123"), new("Jo (best friend)", "07700 900456"), new("Uncle Ray", "0161 496 0000")],
        Professionals = [new("My GP, Dr Okafor", "0161 496 0123", "Monday to Friday, 8am to 6:30pm"), new("Crisis team", "0800 953 0285", "24 hours")],
        SafeSpace = [new("Give my tablets to Mum to keep"), new("Take the blades out of my room")],
        ReasonsForLiving = [new("Bella, who needs me"), new("Seeing my little brother grow up"), new("Going to Glastonbury next year")],
    };

    /// <summary>Five entries of about 150 characters in every section.</summary>
    private static SafetyPlanContent Long()
    {
        var content = SafetyPlanContent.Empty;
        foreach (var section in SafetyPlanContent.Sections)
        {
            var entries = Enumerable.Range(1, 5).Select(i => new PlanEntry(
                Sentence($"{section.Key} entry {i}", 150),
                section.TakesPhone ? $"07700 9001{i:00}" : null,
                section.TakesHours ? "Monday to Friday, 9am to 5pm" : null)).ToList();
            content = content.With(section.Key, entries);
        }
        return content;
    }

    /// <summary>Words made unique by their label, about <paramref name="length"/> characters long.</summary>
    private static string Sentence(string label, int length)
    {
        string[] words = ["when", "the", "evenings", "get", "dark", "early", "I", "walk", "to", "the", "canal", "and", "ring", "someone"];
        var text = new StringBuilder(label);
        for (var i = 0; text.Length < length - 12; i++) text.Append(' ').Append(words[i % words.Length]);
        return text.Append(" (end ").Append(label.Split(' ')[^1]).Append(')').ToString();
    }

    private static string Flat(SafetyPlanContent content, string? code = null) => PdfText.Flat(SafetyPlanPdf.Render(Print(content, code)));

    /// <summary>The text without the footers, so an entry that runs over a page break reads as one.</summary>
    private static string Body(byte[] pdf) => PdfText.Flatten(string.Join(" ", PdfText.Pages(pdf).SelectMany(page => page.Split('\n'))
        .Where(line => !line.StartsWith("Version 3, saved", StringComparison.Ordinal) && !line.StartsWith("Page ", StringComparison.Ordinal))));

    /// <summary>Everything that should be read back for an entry, as the reader flattens it.</summary>
    private static IEnumerable<string> Expected(PlanEntry entry)
    {
        yield return PdfText.Flatten(entry.Text);
        if (entry.Phone is not null) yield return entry.Phone;
        if (entry.Hours is not null) yield return $"({entry.Hours})";
    }

    private static void AssertHoldsEveryEntryInOrder(string text, SafetyPlanContent content)
    {
        var from = 0;
        foreach (var section in SafetyPlanContent.Sections)
        {
            from = text.IndexOf(section.Heading, from, StringComparison.Ordinal);
            Assert.True(from >= 0, $"The heading \"{section.Heading}\" is missing or out of order");
            foreach (var entry in content[section.Key])
                foreach (var expected in Expected(entry))
                {
                    var at = text.IndexOf(expected, from, StringComparison.Ordinal);
                    Assert.True(at >= 0, $"\"{expected}\" is missing or out of order under \"{section.Heading}\"");
                    from = at;
                }
        }
    }

    [Fact]
    public void Render_GivesAPdf()
    {
        var bytes = SafetyPlanPdf.Render(Print(Typical()));

        Assert.Equal("%PDF-"u8.ToArray(), bytes.Take(5).ToArray());
    }

    [Fact]
    public void Render_ReadsBack_TheTitle_TheName_AndEveryEntryWithItsNumberAndHours_InThePersonsOrder()
    {
        var text = Flat(Typical());

        Assert.StartsWith("My safety plan Sam Taylor", text);
        AssertHoldsEveryEntryInOrder(text, Typical());
        Assert.Contains("Mum: 07700 900123", text);
        Assert.Contains("My GP, Dr Okafor: 0161 496 0123 (Monday to Friday, 8am to 6:30pm)", text);
    }

    [Fact]
    public void Render_PutsTheCrisisLines_OnTheFirstPage()
    {
        var firstPage = PdfText.Flatten(PdfText.Pages(SafetyPlanPdf.Render(Print(Long())))[0]);

        Assert.Contains("If you are in crisis", firstPage);
        Assert.Contains("If your life is at risk now: call 999 or go to A&E", firstPage);
        Assert.Contains("NHS 111, option 2 (mental health)", firstPage);
        Assert.Contains("Samaritans: call 116 123, free, any time", firstPage);
        Assert.Contains("Shout: text SHOUT to 85258", firstPage);
    }

    [Fact]
    public void Render_WithAnInvitationCode_ShowsTheCode_WhereToGo_AndUntilWhen()
    {
        var text = Flat(Typical(), "ABCD-EFGH-JKMN");

        Assert.Contains("Your code to see and change this plan on your phone: ABCD-EFGH-JKMN", text);
        Assert.Contains("https://aftercare.example/account/patient-invitation", text);
        Assert.Contains("valid until 15 July 2026 at 14:05", text);
    }

    [Fact]
    public void Render_WithoutAnInvitationCode_ShowsNoCode()
    {
        var text = Flat(Typical());

        Assert.DoesNotContain("Your code", text);
        Assert.DoesNotContain("patient-invitation", text);
        Assert.DoesNotContain("valid until", text);
    }

    [Fact]
    public void Render_AnEmptySection_SaysNothingIsWrittenThereYet()
    {
        var content = SafetyPlanContent.Empty with { ReasonsForLiving = [new("My nan")] };

        var text = Flat(content);

        Assert.Equal(6, text.Split("Nothing written here yet").Length - 1);
        Assert.Contains("My reasons for living • My nan", text);
    }

    [Fact]
    public void Render_ATypicalPlan_FitsOnOnePage_AtFullSize()
    {
        var rendered = SafetyPlanPdf.RenderLaidOut(Print(Typical()));

        Assert.Equal(1, rendered.Pages);
        Assert.Equal("1", PdfText.Info(rendered.Bytes)["Pages"]);
        Assert.Equal(SafetyPlanPdf.BodySizes[0], rendered.BodySize);
        Assert.True(rendered.BodySize >= 12);
        Assert.Contains("Page 1 of 1", PdfText.Flat(rendered.Bytes));
    }

    [Fact]
    public void Render_ATypicalPlanWithACode_FitsOnTwoPages()
    {
        var bytes = SafetyPlanPdf.Render(Print(Typical(), "ABCD-EFGH-JKMN"));

        Assert.True(int.Parse(PdfText.Info(bytes)["Pages"]) <= 2);
    }

    [Fact]
    public void Render_ALongPlan_FitsOnTwoPages_WithEveryWord_AndTypeNoSmallerThanTheFloor()
    {
        var bytes = SafetyPlanPdf.Render(Print(Long()));

        Assert.True(int.Parse(PdfText.Info(bytes)["Pages"]) <= 2);
        AssertHoldsEveryEntryInOrder(Body(bytes), Long());
        AssertBodyNotBelowTheFloor(bytes, "canal");
    }

    [Fact]
    public void Render_TheLongestPlanAllowed_RunsOntoMorePages_WithoutLosingAWord_AtTheFloorSize()
    {
        var content = SafetyPlanContent.Empty;
        foreach (var section in SafetyPlanContent.Sections)
            content = content.With(section.Key, Enumerable.Range(1, SafetyPlanContent.MaxEntriesPerSection).Select(i => new PlanEntry(
                Sentence($"{section.Key} entry {i}", SafetyPlanContent.MaxTextLength),
                section.TakesPhone ? "+44 (0)161 496 0000 ext 12345" : null,
                section.TakesHours ? new string('h', 20) + " weekdays, and weekends by arrangement with the duty team " + new string('h', 20) : null)).ToList());

        var rendered = SafetyPlanPdf.RenderLaidOut(Print(content, "ABCD-EFGH-JKMN"));

        Assert.Equal(SafetyPlanPdf.BodyFloor, rendered.BodySize);
        Assert.True(rendered.Pages > 2);
        AssertHoldsEveryEntryInOrder(Body(rendered.Bytes), content);
        Assert.Contains($"Page {rendered.Pages} of {rendered.Pages}", PdfText.Flat(rendered.Bytes));
        AssertBodyNotBelowTheFloor(rendered.Bytes, "canal");
        AssertEveryWordOnThePage(rendered.Bytes);
    }

    [Fact]
    public void Render_TextTheFontCannotDraw_DoesNotThrow_AndEveryOtherWordIsKept()
    {
        var content = SafetyPlanContent.Empty with
        {
            WarningSigns = [new("I feel 😀 better when 🐶 Bella sits with me"), new("Family 👨‍👩‍👧 tea on Sundays ❤️")],
            ThingsICanDo = [new("“Curly quotes” cost £5 — café, naïve, résumé, Zoë’s"), new("Chinese 你好 and a lone \uD800 half")],
            PeopleAndPlaces = [new("A bell\u0007 a tab\there and a\r\nnew line")],
        };

        var text = Flat(content);

        // DejaVu Sans has no dog, no family and no Chinese: each shows as a white square, in its place.
        Assert.Contains("better when □ Bella sits with me", text, StringComparison.Ordinal);
        Assert.Contains("Family □\u200D□\u200D□ tea on Sundays", text, StringComparison.Ordinal);
        Assert.Contains("“Curly quotes” cost £5 — café, naïve, résumé, Zoë’s", text);
        Assert.Contains("Chinese □□ and a lone \uFFFD half", text, StringComparison.Ordinal);
        Assert.Contains("A bell a tab here and a new line", text);
        Assert.Contains("I feel", text);
    }

    [Fact]
    public void Render_AVeryLongWord_IsBrokenAcrossLines_WithoutLosingACharacter()
    {
        var word = string.Concat(Enumerable.Range(0, 45).Select(i => $"w{i:00}-")) + "end";
        var content = SafetyPlanContent.Empty with { ThingsICanDo = [new($"Look up {word} today")] };

        var bytes = SafetyPlanPdf.Render(Print(content));

        var text = string.Concat(PdfText.Flat(bytes).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains($"Lookup{word}today", text);
        Assert.True(PdfText.Words(bytes).Count(w => w.Text.Contains("-w")) >= 2, "The long word should run over several lines");
        AssertEveryWordOnThePage(bytes);
    }

    [Fact]
    public void Render_TheFooter_ShowsTheVersion_WhenSavedInUkTime_AndPageOfPages()
    {
        var pages = PdfText.Pages(SafetyPlanPdf.Render(Print(Long())));

        Assert.Equal(2, pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = PdfText.Flatten(pages[i]);
            Assert.Contains("Version 3, saved 1 July 2026 at 14:05", page);
            Assert.Contains($"Page {i + 1} of 2", page);
        }
    }

    [Fact]
    public void Render_NamesTheDocumentForThePerson_AndEmbedsItsFonts()
    {
        var bytes = SafetyPlanPdf.Render(Print(Typical()));

        Assert.Equal("Safety plan for Sam Taylor", PdfText.Info(bytes)["Title"]);
        var fonts = PdfText.Fonts(bytes);
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.True(f.Embedded, $"{f.Name} is not embedded"));
        Assert.Contains(fonts, f => f.Name.Contains("DejaVu"));
    }

    [Fact]
    public void TheFontResolver_WhenAFontFileIsMissing_NamesTheFileAndWhereItComesFrom()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"aftercare-no-fonts-{Guid.NewGuid():N}");

        var error = Assert.Throws<FileNotFoundException>(() => PdfSetup.ReadFont(folder, "DejaVuSans"));

        Assert.Contains(Path.Combine(folder, "DejaVuSans.ttf"), error.Message);
        Assert.Contains("dejavu-fonts-ttf", error.Message);
    }

    [Fact]
    public void TheFontResolver_ReadsTheFontsShippedWithTheApplication()
    {
        Assert.True(PdfSetup.ReadFont(PdfSetup.FontFolder, "DejaVuSans").Length > 100_000);
        Assert.True(PdfSetup.ReadFont(PdfSetup.FontFolder, "DejaVuSans-Bold").Length > 100_000);
    }

    // A word's box is its font's ascent to descent: about 1.16 times the size for DejaVu Sans.
    private static void AssertBodyNotBelowTheFloor(byte[] pdf, string bodyWord)
    {
        var words = PdfText.Words(pdf).Where(w => w.Text == bodyWord).ToList();
        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.True(w.Height >= SafetyPlanPdf.BodyFloor * 1.1, $"\"{w.Text}\" is {w.Height:0.0} pt tall"));
    }

    private static void AssertEveryWordOnThePage(byte[] pdf)
    {
        var words = PdfText.Words(pdf);
        Assert.NotEmpty(words);
        // A4 is 595 × 842 points; the text keeps inside 15 mm (42.5 pt) at either side.
        Assert.All(words, w => Assert.True(w.Left >= 42 && w.Right <= 595.3 - 42 && w.Top >= 0 && w.Bottom <= 842,
            $"\"{w.Text}\" on page {w.Page} runs off the page ({w.Left:0}–{w.Right:0}, {w.Top:0}–{w.Bottom:0})"));
    }
}
