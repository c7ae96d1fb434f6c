using Aftercare.Domain.Common;
using Aftercare.Web.Features.Shared;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static Aftercare.Web.Features.Shared.PdfLayout;

namespace Aftercare.Web.Features.Pathways;

/// <summary>What goes on a printed letter: the approved text, and who it is from and to.</summary>
public sealed record LetterPrint(
    string PersonName,
    string? Postcode,
    string TeamName,
    string? SiteName,
    DateTimeOffset Dated,
    string Body);

/// <summary>
/// A pathway letter on A4, laid out as a letter from the team (docs/decisions/0006): the team and
/// the date at the top right, the person's name and postcode at the left, the approved text at
/// 12 pt with its paragraphs, line breaks and lists as written, and the crisis lines in a box at the
/// end. Nothing is shrunk: a long letter runs onto a second page rather than get smaller.
/// </summary>
public static class LetterPdf
{
    internal const double BodySize = 12;

    private const double Margin = 56.7; // 20 mm
    private const double Top = 40;
    private const double FooterHeight = 40;

    public static byte[] Render(LetterPrint letter) => RenderLaidOut(letter).Bytes;

    /// <summary>The PDF with its page count, for the tests.</summary>
    internal sealed record Rendered(byte[] Bytes, int Pages);

    internal static Rendered RenderLaidOut(LetterPrint letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        PdfSetup.EnsureReady();

        var pageSize = PageSizeConverter.ToSize(PageSize.A4);
        using var measure = XGraphics.CreateMeasureContext(new XSize(pageSize.Width, pageSize.Height), XGraphicsUnit.Point, XPageDirection.Downwards);
        var type = new Typeset(BodySize);
        var blocks = Layout(letter, type, measure, pageSize.Width - 2 * Margin);
        var pages = Paginate(blocks, Top, pageSize.Height - FooterHeight);

        var name = Clean(letter.PersonName).Replace('\n', ' ').Trim();
        var team = Clean(letter.TeamName).Replace('\n', ' ').Trim();
        using var document = new PdfDocument();
        document.Info.Title = name.Length > 0 ? $"A letter for {name} from {team}" : $"A letter from {team}";
        document.Info.Creator = "Aftercare";
        document.Language = "en-GB";
        document.ViewerPreferences.DisplayDocTitle = true;

        var footer = Typeset.Make(9.5, false);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var placed in pages[i]) placed.Block.Draw(gfx, placed.Top);
            if (pages.Count == 1) continue;
            var footerTop = pageSize.Height - FooterHeight + 14;
            gfx.DrawString($"Page {i + 1} of {pages.Count}", footer, new XSolidBrush(Quiet), pageSize.Width - Margin, footerTop, XStringFormats.TopRight);
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return new Rendered(stream.ToArray(), pages.Count);
    }

    private static List<Block> Layout(LetterPrint letter, Typeset type, XGraphics measure, double width)
    {
        var blocks = new List<Block>();
        var ink = new XSolidBrush(Ink);
        var quiet = new XSolidBrush(Quiet);

        // Who it is from and when, at the top right, as on any letter.
        var from = new List<(string Text, XFont Font, XBrush Brush)> { (letter.TeamName, type.Bold, ink) };
        if (Clean(letter.SiteName).Trim() is { Length: > 0 } site) from.Add((site, type.Regular, quiet));
        from.Add((UkTime.ToLocal(letter.Dated).ToString("d MMMM yyyy", UkTime.English), type.Regular, ink));
        for (var i = 0; i < from.Count; i++)
        {
            var (text, font, brush) = from[i];
            foreach (var line in Wrap(measure, [new Span(Clean(text).Replace('\n', ' ').Trim(), font)], width / 2))
                blocks.Add(RightAligned(line, font, Margin + width, i == from.Count - 1 ? type.Body * 0.6 : 0, brush));
        }

        // Who it is to: the name and, when we know it, the postcode.
        var to = new List<string> { "Private and confidential", Clean(letter.PersonName).Replace('\n', ' ').Trim() };
        if (Clean(letter.Postcode).Trim() is { Length: > 0 } postcode) to.Add(postcode.ToUpperInvariant());
        for (var i = 0; i < to.Count; i++)
            foreach (var line in Wrap(measure, [new Span(to[i], i == 0 ? type.Bold : type.Regular)], width * 0.6))
                blocks.Add(TextBlock(line, i == 0 ? type.Bold : type.Regular, Margin, i == 0 ? type.Body : 0, false, ink));

        // The letter as approved: a blank line starts a paragraph, a line starting "- " is a list item.
        AddParagraphs(blocks, measure, letter.Body, type, Margin, width, ink, type.Body * 1.8, type.Body * 0.7);

        var crisis = new Typeset(BodySize);
        blocks.Add(Box(measure, crisis, Margin, width, type.Body * 1.4, Emergency, 2.5,
            "If things get very hard, help is there at any hour", CrisisLines(crisis)));
        return blocks;
    }

    private static Block RightAligned(TextLine line, XFont font, double right, double spaceBefore, XBrush brush)
    {
        var height = LineHeight(font);
        var text = string.Join(' ', line.Runs.Select(r => r.Text));
        return new Block(height, spaceBefore, false, (g, top) =>
            g.DrawString(text, font, brush, right, top + Lead(height, font), XStringFormats.TopRight));
    }
}
