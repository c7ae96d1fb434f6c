using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Features.Shared;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static Aftercare.Web.Features.Shared.PdfLayout;

namespace Aftercare.Web.Features.Referrals;

/// <summary>What goes on a printed referral letter: the letter as sent, who it is about, from and to.</summary>
public sealed record ReferralPrint(
    string PersonName,
    DateOnly DateOfBirth,
    string? NhsNumber,
    string ServiceName,
    string TeamName,
    string? SiteName,
    DateTimeOffset SentAt,
    IReadOnlyList<PrintedSection> Sections);

/// <summary>
/// A referral letter on A4, from the team to the service (docs/decisions/0006): the team, site and
/// date sent at the top right; the service it is addressed to and a line saying who it is about;
/// then each part of the letter as sent, every criterion and colleague's part under its heading,
/// with paragraphs, line breaks and lists as written. Nothing is shrunk: a long letter runs onto
/// more pages, each numbered and naming the person, so a page that comes loose is not misfiled.
/// </summary>
public static class ReferralLetterPdf
{
    internal const double BodySize = 11;

    private const double Margin = 56.7; // 20 mm
    private const double Top = 40;
    private const double FooterHeight = 40;

    public static byte[] Render(ReferralPrint letter) => RenderLaidOut(letter).Bytes;

    /// <summary>The PDF with its page count, for the tests.</summary>
    internal sealed record Rendered(byte[] Bytes, int Pages);

    internal static Rendered RenderLaidOut(ReferralPrint letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        PdfSetup.EnsureReady();

        var pageSize = PageSizeConverter.ToSize(PageSize.A4);
        using var measure = XGraphics.CreateMeasureContext(new XSize(pageSize.Width, pageSize.Height), XGraphicsUnit.Point, XPageDirection.Downwards);
        var type = new Typeset(BodySize);
        var blocks = Layout(letter, type, measure, pageSize.Width - 2 * Margin);
        var pages = Paginate(blocks, Top, pageSize.Height - FooterHeight);

        var name = OneLine(letter.PersonName);
        var service = OneLine(letter.ServiceName);
        using var document = new PdfDocument();
        document.Info.Title = $"Referral of {name} to {service}";
        document.Info.Creator = "Aftercare";
        document.Language = "en-GB";
        document.ViewerPreferences.DisplayDocTitle = true;

        var footer = Typeset.Make(9, false);
        var quiet = new XSolidBrush(Quiet);
        var sent = UkTime.FormatDate(UkTime.DateOf(letter.SentAt));
        for (var i = 0; i < pages.Count; i++)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var placed in pages[i]) placed.Block.Draw(gfx, placed.Top);
            var footerTop = pageSize.Height - FooterHeight + 14;
            gfx.DrawLine(new XPen(Rule, 0.75), Margin, footerTop - 6, pageSize.Width - Margin, footerTop - 6);
            gfx.DrawString($"Private and confidential: {name}, referral sent {sent}", footer, quiet, Margin, footerTop, XStringFormats.TopLeft);
            gfx.DrawString($"Page {i + 1} of {pages.Count}", footer, quiet, pageSize.Width - Margin, footerTop, XStringFormats.TopRight);
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return new Rendered(stream.ToArray(), pages.Count);
    }

    private static List<Block> Layout(ReferralPrint letter, Typeset type, XGraphics measure, double width)
    {
        var blocks = new List<Block>();
        var ink = new XSolidBrush(Ink);
        var quiet = new XSolidBrush(Quiet);

        // Who it is from and when it was sent, at the top right, as on any letter.
        var from = new List<(string Text, XFont Font, XBrush Brush)> { (letter.TeamName, type.Bold, ink) };
        if (OneLine(letter.SiteName) is { Length: > 0 } site) from.Add((site, type.Regular, quiet));
        from.Add((UkTime.ToLocal(letter.SentAt).ToString("d MMMM yyyy", UkTime.English), type.Regular, ink));
        for (var i = 0; i < from.Count; i++)
            foreach (var line in Wrap(measure, [new Span(OneLine(from[i].Text), from[i].Font)], width / 2))
                blocks.Add(RightAligned(line, from[i].Font, Margin + width, i == from.Count - 1 ? type.Body * 0.6 : 0, from[i].Brush));

        // Who it is to, and who it is about, before the letter itself.
        var about = $"Referral: {OneLine(letter.PersonName)}, born {UkTime.FormatDate(letter.DateOfBirth)}"
            + (letter.NhsNumber is { } nhs && Aftercare.Domain.Patients.NhsNumber.TryParse(nhs, out var number) ? $", NHS number {number}" : "");
        var to = new List<(string Text, XFont Font, double Space)>
        {
            ("Private and confidential", type.Bold, type.Body),
            (OneLine(letter.ServiceName), type.Regular, 0),
            (about, type.Bold, type.Body * 1.2),
        };
        foreach (var (text, font, space) in to)
        {
            var lines = Wrap(measure, [new Span(text, font)], width);
            for (var i = 0; i < lines.Count; i++) blocks.Add(TextBlock(lines[i], font, Margin, i == 0 ? space : 0, false, ink));
        }

        // Each part as sent: its heading kept on the page with its first line, then its words as written.
        var heading = Typeset.Make(BodySize * 1.1, true);
        var first = true;
        foreach (var section in letter.Sections)
        {
            if (section.Heading is { } title)
            {
                var lines = Wrap(measure, [new Span(OneLine(title), heading)], width);
                for (var i = 0; i < lines.Count; i++)
                    blocks.Add(TextBlock(lines[i], heading, Margin, i == 0 ? type.Body * 1.3 : 0, true, ink));
                AddParagraphs(blocks, measure, section.Text, type, Margin, width, ink, type.Body * 0.3, type.Body * 0.6);
            }
            else AddParagraphs(blocks, measure, section.Text, type, Margin, width, ink, type.Body * (first ? 1.6 : 1.3), type.Body * 0.6);
            first = false;
        }
        return blocks;
    }

    private static string OneLine(string? text) => Clean(text).Replace('\n', ' ').Trim();

    private static Block RightAligned(TextLine line, XFont font, double right, double spaceBefore, XBrush brush)
    {
        var height = LineHeight(font);
        var text = string.Join(' ', line.Runs.Select(r => r.Text));
        return new Block(height, spaceBefore, false, (g, top) =>
            g.DrawString(text, font, brush, right, top + Lead(height, font), XStringFormats.TopRight));
    }
}
