using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Web.Features.Shared;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static Aftercare.Web.Features.Shared.PdfLayout;

namespace Aftercare.Web.Features.SafetyPlans;

/// <summary>What goes on the printed plan.</summary>
public sealed record SafetyPlanPrint(
    string PersonName,
    SafetyPlanContent Content,
    int Version,
    DateTimeOffset SavedAt,
    string? InvitationCode = null,
    DateTimeOffset? InvitationExpiresAt = null,
    string? SignInAddress = null);

/// <summary>
/// The safety plan on A4 paper, to be read in distress: large type, the crisis numbers on the first
/// page, phone numbers in bold, and every word the person wrote. The type shrinks step by step only
/// as far as keeps the plan to two pages, never below <see cref="BodyFloor"/>; a plan still longer
/// than that runs onto more pages rather than lose a word.
/// </summary>
public static class SafetyPlanPdf
{
    /// <summary>The body sizes tried in turn, largest first.</summary>
    internal static readonly double[] BodySizes = [12, 11.5, 11, 10.5];
    internal const double BodyFloor = 10.5;
    private const int PagesWanted = 2;

    private const double Margin = 42.5; // 15 mm: inside what any office printer can reach
    private const double Top = 36;
    private const double FooterHeight = 44;
    private const double BulletIndent = 16;

    public static byte[] Render(SafetyPlanPrint plan) => RenderLaidOut(plan).Bytes;

    /// <summary>The PDF with the body size it was set in and its page count, for the tests.</summary>
    internal sealed record Rendered(byte[] Bytes, double BodySize, int Pages);

    internal static Rendered RenderLaidOut(SafetyPlanPrint plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        PdfSetup.EnsureReady();

        var pageSize = PageSizeConverter.ToSize(PageSize.A4);
        using var measure = XGraphics.CreateMeasureContext(new XSize(pageSize.Width, pageSize.Height), XGraphicsUnit.Point, XPageDirection.Downwards);
        var bottom = pageSize.Height - FooterHeight;

        List<List<Placed>> pages = [];
        var size = BodySizes[0];
        foreach (var candidate in BodySizes)
        {
            size = candidate;
            var blocks = Layout(plan, new Typeset(candidate), measure, pageSize.Width - 2 * Margin);
            pages = Paginate(blocks, Top, bottom);
            if (pages.Count <= PagesWanted) break;
        }

        var name = Clean(plan.PersonName).Replace('\n', ' ').Trim();
        using var document = new PdfDocument();
        document.Info.Title = name.Length > 0 ? $"Safety plan for {name}" : "Safety plan";
        document.Info.Creator = "Aftercare";
        document.Language = "en-GB";
        document.ViewerPreferences.DisplayDocTitle = true;

        var footer = Typeset.Make(9.5, false);
        var saved = $"Version {plan.Version}, saved {UkTime.Format(plan.SavedAt)}";
        for (var i = 0; i < pages.Count; i++)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var placed in pages[i]) placed.Block.Draw(gfx, placed.Top);

            var footerTop = pageSize.Height - FooterHeight + 14;
            gfx.DrawLine(new XPen(Rule, 0.75), Margin, footerTop - 6, pageSize.Width - Margin, footerTop - 6);
            var brush = new XSolidBrush(Quiet);
            gfx.DrawString(saved, footer, brush, Margin, footerTop, XStringFormats.TopLeft);
            gfx.DrawString($"Page {i + 1} of {pages.Count}", footer, brush, pageSize.Width - Margin, footerTop, XStringFormats.TopRight);
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return new Rendered(stream.ToArray(), size, pages.Count);
    }



    private static List<Block> Layout(SafetyPlanPrint plan, Typeset type, XGraphics measure, double width)
    {
        var blocks = new List<Block>();
        var ink = new XSolidBrush(Ink);

        AddParagraph(blocks, measure, new Span("My safety plan", type.Title), Margin, width, ink);
        var name = Clean(plan.PersonName);
        if (name.Length > 0) AddParagraph(blocks, measure, new Span(name, type.Name), Margin, width, ink);

        // The crisis numbers keep the full size however long the plan: they are what is read first, in the worst moment.
        var crisis = new Typeset(BodySizes[0]);
        blocks.Add(Box(measure, crisis, Margin, width, type.Body * 0.9, Emergency, 2.5, CrisisHeading, CrisisLines(crisis)));

        foreach (var section in SafetyPlanContent.Sections)
        {
            var heading = Wrap(measure, [new Span(section.Heading, type.Heading)], width);
            for (var i = 0; i < heading.Count; i++)
                blocks.Add(TextBlock(heading[i], type.Heading, Margin, i == 0 ? type.Body * 1.1 : 0, true, ink));

            var entries = (plan.Content?[section.Key] ?? []).Where(e => e is not null).ToList();
            foreach (var entry in entries)
            {
                var text = Clean(entry.Text).Trim();
                var phone = Clean(entry.Phone).Trim();
                var hours = Clean(entry.Hours).Trim();
                if (phone.Length > 0 && text.Length > 0 && !text.EndsWith(':')) text += ":";
                var spans = new List<Span> { new(text, type.Regular) };
                // A number split over two lines is misdialled.
                if (phone.Length > 0) spans.Add(new(phone, type.Bold, Unbreakable: true));
                if (hours.Length > 0) spans.Add(new($"({hours})", type.Regular));

                var lines = Wrap(measure, spans, width - BulletIndent);
                for (var i = 0; i < lines.Count; i++)
                {
                    var line = lines[i];
                    var first = i == 0;
                    var height = LineHeight(type.Regular);
                    // A lone first line at the foot of a page reads as a whole entry; keep it with the next.
                    blocks.Add(new Block(height, first ? type.Body * 0.35 : 0, first && lines.Count > 1, (g, top) =>
                    {
                        if (first) g.DrawString("•", type.Bold, ink, Margin + 3, top + Lead(height, type.Regular), XStringFormats.TopLeft);
                        DrawLine(g, line, Margin + BulletIndent, top + Lead(height, type.Regular), ink);
                    }));
                }
            }
            if (entries.Count == 0) blocks.Add(Blank(type, width));
        }

        var code = Clean(plan.InvitationCode).Trim();
        if (code.Length > 0)
        {
            List<IReadOnlyList<Span>> lines =
                [[new("Your code to see and change this plan on your phone:", type.Regular), new(code, type.Bold, Unbreakable: true)]];
            var address = Clean(plan.SignInAddress).Trim();
            if (address.Length > 0)
                lines.Add([new("Go to", type.Regular), new(address, type.Bold), new("and enter the code.", type.Regular)]);
            if (plan.InvitationExpiresAt is { } expires)
                lines.Add([new($"The code is valid until {UkTime.Format(expires)}.", type.Regular)]);
            blocks.Add(Box(measure, type, Margin, width, type.Body * 1.4, NhsBlue, 1.5, "See your plan on your phone", lines));
        }
        return blocks;
    }

    /// <summary>An empty section: says so, and leaves ruled lines to write on by hand.</summary>
    private static Block Blank(Typeset type, double width)
    {
        var text = LineHeight(type.Regular);
        var ruled = type.Body * 1.8;
        return new Block(text + 2 * ruled, type.Body * 0.35, false, (g, top) =>
        {
            g.DrawString("Nothing written here yet. You can write here:", type.Regular, new XSolidBrush(Quiet),
                Margin + BulletIndent, top + Lead(text, type.Regular), XStringFormats.TopLeft);
            var pen = new XPen(Rule, 0.75);
            for (var i = 1; i <= 2; i++)
                g.DrawLine(pen, Margin + BulletIndent, top + text + i * ruled - 2, Margin + width, top + text + i * ruled - 2);
        });
    }
}
