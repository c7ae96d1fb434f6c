using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Aftercare.Web.Features.Shared;

/// <summary>
/// How the application's printed documents (the safety plan, the pathway letters) set text with
/// PDFsharp (docs/decisions/0006): the fonts, the colours, blocks that are never split across a
/// page, our own line wrapping (a bold number inside regular text, a word longer than the line cut
/// between characters, a character the font lacks shown as a white square), pagination, boxes,
/// and the crisis lines printed on every document a person takes home.
/// </summary>
internal static class PdfLayout
{
    public const double BoxPadding = 9;

    public static readonly XColor Ink = XColor.FromArgb(0x21, 0x2B, 0x32);
    public static readonly XColor Quiet = XColor.FromArgb(0x4C, 0x62, 0x72);
    public static readonly XColor Rule = XColor.FromArgb(0xAE, 0xB7, 0xBD);
    public static readonly XColor Emergency = XColor.FromArgb(0xD5, 0x28, 0x1B);
    public static readonly XColor NhsBlue = XColor.FromArgb(0x00, 0x5E, 0xB8);

    public const string CrisisHeading = "If you are in crisis";

    /// <summary>999, NHS 111 option 2, Samaritans and Shout, with every number bold and never split across lines.</summary>
    internal static IReadOnlyList<IReadOnlyList<Span>> CrisisLines(Typeset crisis) =>
    [
        [new("If your life is at risk now: call", crisis.Regular), new("999", crisis.Bold, Unbreakable: true), new("or go to A&E", crisis.Regular)],
        [new("NHS", crisis.Regular), new("111, option 2", crisis.Bold, Unbreakable: true), new("(mental health)", crisis.Regular)],
        [new("Samaritans: call", crisis.Regular), new("116 123,", crisis.Bold, Unbreakable: true), new("free, any time", crisis.Regular)],
        [new("Shout: text", crisis.Regular), new("SHOUT", crisis.Bold), new("to", crisis.Regular), new("85258", crisis.Bold, Unbreakable: true)],
    ];

    /// <summary>The fonts of one attempt, all scaled from the body size.</summary>
    internal sealed class Typeset(double body)
    {
        public double Body { get; } = body;
        public XFont Regular { get; } = Make(body, false);
        public XFont Bold { get; } = Make(body, true);
        public XFont Heading { get; } = Make(body * 1.2, true);
        public XFont Title { get; } = Make(body * 1.8, true);
        public XFont Name { get; } = Make(body * 1.35, false);

        // Unicode encoding gives the text a ToUnicode map, so it can be copied, searched and read aloud.
        public static XFont Make(double size, bool bold) =>
            new(PdfSetup.FontFamily, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    /// <summary>A piece of the page that is never split: one line of text, or a whole box.</summary>
    internal sealed record Block(double Height, double SpaceBefore, bool KeepWithNext, Action<XGraphics, double> Draw);

    internal sealed record Placed(Block Block, double Top);

    internal static Block Box(XGraphics measure, Typeset type, double left, double width, double spaceBefore, XColor colour, double border,
        string heading, IReadOnlyList<IReadOnlyList<Span>> paragraphs)
    {
        var inner = width - 2 * BoxPadding - border;
        var headingLines = Wrap(measure, [new Span(heading, type.Heading)], inner);
        var bodyLines = paragraphs.Select(p => Wrap(measure, p, inner)).ToList();
        var headingHeight = LineHeight(type.Heading);
        var lineHeight = LineHeight(type.Regular);
        var gap = type.Body * 0.2;
        var height = 2 * BoxPadding + headingLines.Count * headingHeight
            + bodyLines.Sum(p => p.Count * lineHeight) + (bodyLines.Count - 1) * gap;

        return new Block(height, spaceBefore, false, (g, top) =>
        {
            var ink = new XSolidBrush(Ink);
            g.DrawRectangle(new XPen(colour, border), left + border / 2, top + border / 2, width - border, height - border);
            var x = left + border / 2 + BoxPadding;
            var y = top + BoxPadding;
            foreach (var line in headingLines)
            {
                DrawLine(g, line, x, y + Lead(headingHeight, type.Heading), ink);
                y += headingHeight;
            }
            for (var p = 0; p < bodyLines.Count; p++)
            {
                if (p > 0) y += gap;
                foreach (var line in bodyLines[p])
                {
                    DrawLine(g, line, x, y + Lead(lineHeight, type.Regular), ink);
                    y += lineHeight;
                }
            }
        });
    }

    internal static void AddParagraph(List<Block> blocks, XGraphics measure, Span span, double left, double width, XBrush brush)
    {
        foreach (var line in Wrap(measure, [span], width))
            blocks.Add(TextBlock(line, span.Font, left, 0, false, brush));
    }

    public const double BulletIndent = 16;

    /// <summary>
    /// Text as a person or practitioner wrote it, in a letter: a blank line starts a paragraph (the
    /// first after <paramref name="firstSpace"/>, the rest after <paramref name="paragraphSpace"/>),
    /// a line break is kept, and a line starting "- " is a list item with a bullet. A line that
    /// introduces a list stays on the page with the list's first item.
    /// </summary>
    internal static void AddParagraphs(List<Block> blocks, XGraphics measure, string? text, Typeset type, double left, double width, XBrush ink,
        double firstSpace, double paragraphSpace)
    {
        var paragraphs = Clean(text).Split("\n\n", StringSplitOptions.None)
            .Select(p => p.Trim('\n')).Where(p => p.Trim().Length > 0).ToList();
        var first = true;
        foreach (var paragraph in paragraphs)
        {
            var lines = paragraph.Split('\n');
            for (var l = 0; l < lines.Length; l++)
            {
                var space = l == 0 ? (first ? firstSpace : paragraphSpace) : 0;
                var keep = l + 1 < lines.Length && IsItem(lines[l + 1]);
                if (IsItem(lines[l]))
                {
                    var item = lines[l].TrimStart()[2..].Trim();
                    var wrapped = Wrap(measure, [new Span(item, type.Regular)], width - BulletIndent);
                    for (var w = 0; w < wrapped.Count; w++)
                    {
                        var line = wrapped[w];
                        var isFirst = w == 0;
                        var height = LineHeight(type.Regular);
                        blocks.Add(new Block(height, isFirst ? space + type.Body * 0.2 : 0, isFirst && wrapped.Count > 1 || w == wrapped.Count - 1 && keep, (g, top) =>
                        {
                            if (isFirst) g.DrawString("•", type.Bold, ink, left + 3, top + Lead(height, type.Regular), XStringFormats.TopLeft);
                            DrawLine(g, line, left + BulletIndent, top + Lead(height, type.Regular), ink);
                        }));
                    }
                    continue;
                }
                var wrappedText = Wrap(measure, [new Span(lines[l], type.Regular)], width);
                for (var w = 0; w < wrappedText.Count; w++)
                    blocks.Add(TextBlock(wrappedText[w], type.Regular, left, w == 0 ? space : 0, w == wrappedText.Count - 1 && keep, ink));
            }
            first = false;
        }
    }

    private static bool IsItem(string line) => line.TrimStart().StartsWith("- ", StringComparison.Ordinal);

    internal static Block TextBlock(TextLine line, XFont font, double x, double spaceBefore, bool keepWithNext, XBrush brush)
    {
        var height = LineHeight(font);
        return new Block(height, spaceBefore, keepWithNext, (g, top) => DrawLine(g, line, x, top + Lead(height, font), brush));
    }

    internal static double LineHeight(XFont font) => font.GetHeight() * 1.08;

    // Centres the font's own line box in the taller line.
    internal static double Lead(double lineHeight, XFont font) => (lineHeight - font.GetHeight()) / 2;

    internal static void DrawLine(XGraphics g, TextLine line, double x, double top, XBrush brush)
    {
        foreach (var run in line.Runs)
            g.DrawString(run.Text, run.Font, brush, x + run.X, top, XStringFormats.TopLeft);
    }

    /// <summary>
    /// Lays blocks onto pages top to bottom. A block that does not fit goes to the next page, with
    /// the blocks chained to it by <see cref="Block.KeepWithNext"/> (a heading with its first entry)
    /// when the chain fits on one page at all.
    /// </summary>
    internal static List<List<Placed>> Paginate(List<Block> blocks, double top, double bottom)
    {
        var pages = new List<List<Placed>> { new() };
        var y = top;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var page = pages[^1];
            var space = page.Count == 0 ? 0 : block.SpaceBefore;
            var chain = space + block.Height;
            for (var j = i; blocks[j].KeepWithNext && j + 1 < blocks.Count; j++)
                chain += blocks[j + 1].SpaceBefore + blocks[j + 1].Height;

            var chainFitsAPage = chain - space <= bottom - top;
            if (page.Count > 0 && (y + space + block.Height > bottom || (chainFitsAPage && y + chain > bottom)))
            {
                page = [];
                pages.Add(page);
                y = top;
                space = 0;
            }
            page.Add(new Placed(block, y + space));
            y += space + block.Height;
        }
        return pages;
    }

    /// <summary>A stretch of text in one font. Where two spans meet, a line may break.</summary>
    internal sealed record Span(string Text, XFont Font, bool Unbreakable = false);

    /// <summary>Text of one font placed on a line, <see cref="X"/> from the line's start.</summary>
    internal sealed record Run(string Text, XFont Font, double X);

    internal sealed record TextLine(IReadOnlyList<Run> Runs);

    internal sealed record Word(string Text, XFont Font, double Width, bool StartsLine);

    /// <summary>
    /// Breaks the spans into lines no wider than <paramref name="width"/>, at spaces and at the
    /// person's own line breaks. A word wider than the line (a web address, a long number) is cut
    /// between characters, so nothing runs off the page and nothing is lost.
    /// </summary>
    internal static List<TextLine> Wrap(XGraphics measure, IReadOnlyList<Span> spans, double width)
    {
        var words = new List<Word>();
        foreach (var original in spans)
        {
            var span = original with { Text = Drawable(original.Text, original.Font) };
            if (span.Unbreakable)
            {
                var text = span.Text.Replace('\n', ' ').Trim();
                if (text.Length > 0) words.Add(new Word(text, span.Font, Width(measure, text, span.Font), false));
                continue;
            }
            var startsLine = false;
            var current = new StringBuilder();
            foreach (var c in span.Text + " ")
            {
                if (c == '\n' || IsBreakingSpace(c))
                {
                    if (current.Length > 0)
                    {
                        var text = current.ToString();
                        words.Add(new Word(text, span.Font, Width(measure, text, span.Font), startsLine));
                        current.Clear();
                        startsLine = false;
                    }
                    if (c == '\n') startsLine = true;
                }
                else current.Append(c);
            }
        }

        var lines = new List<TextLine>();
        var placed = new List<(Word Word, double X)>();
        var x = 0.0;
        void Flush()
        {
            lines.Add(ToLine(placed, measure));
            placed.Clear();
            x = 0;
        }

        foreach (var word in words)
        {
            if (word.StartsLine && placed.Count > 0) Flush();
            var space = placed.Count == 0 ? 0 : SpaceWidth(measure, placed[^1].Word.Font);
            if (x + space + word.Width <= width)
            {
                placed.Add((word, x + space));
                x += space + word.Width;
                continue;
            }
            if (placed.Count > 0) Flush();
            if (word.Width <= width)
            {
                placed.Add((word, 0));
                x = word.Width;
                continue;
            }
            var pieces = BreakWord(measure, word, width);
            for (var i = 0; i < pieces.Count; i++)
            {
                placed.Add((pieces[i], 0));
                x = pieces[i].Width;
                if (i < pieces.Count - 1) Flush();
            }
        }
        if (placed.Count > 0 || lines.Count == 0) Flush();
        return lines;
    }

    /// <summary>Joins neighbouring words of one font into a single run, so the text reads as written.</summary>
    internal static TextLine ToLine(List<(Word Word, double X)> placed, XGraphics measure)
    {
        var runs = new List<Run>();
        for (var i = 0; i < placed.Count;)
        {
            var (first, x) = placed[i];
            var text = new StringBuilder(first.Text);
            var j = i + 1;
            for (; j < placed.Count && placed[j].Word.Font == first.Font; j++)
                text.Append(' ').Append(placed[j].Word.Text);
            runs.Add(new Run(text.ToString(), first.Font, x));
            i = j;
        }
        return new TextLine(runs);
    }

    /// <summary>Cuts a word between characters (never inside a character made of several code units).</summary>
    internal static List<Word> BreakWord(XGraphics measure, Word word, double width)
    {
        var pieces = new List<Word>();
        var piece = new StringBuilder();
        var pieceWidth = 0.0;
        var elements = StringInfo.GetTextElementEnumerator(word.Text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var w = Width(measure, element, word.Font);
            if (piece.Length > 0 && pieceWidth + w > width)
            {
                pieces.Add(new Word(piece.ToString(), word.Font, pieceWidth, false));
                piece.Clear();
                pieceWidth = 0;
            }
            piece.Append(element);
            pieceWidth += w;
        }
        if (piece.Length > 0) pieces.Add(new Word(piece.ToString(), word.Font, pieceWidth, false));
        return pieces;
    }

    /// <summary>
    /// The text with each character the font has no glyph for made a white square, so the reader
    /// sees that something was there, and invisible joiners and variation selectors the font lacks
    /// dropped. Left to itself PDFsharp draws an empty glyph whose text the reader puts elsewhere on
    /// the page, which breaks the words around it apart.
    /// </summary>
    internal static string Drawable(string text, XFont font)
    {
        StringBuilder? result = null;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var drawable = rune.Value == '\n' || GlyphHelper.GlyphIndexFromCodePoint(rune.Value, font) != 0;
            if (!drawable)
            {
                result ??= new StringBuilder(text, 0, index, text.Length);
                if (Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.Control))
                    result.Append(MissingGlyph);
            }
            else result?.Append(rune.ToString());
            index += rune.Utf16SequenceLength;
        }
        return result?.ToString() ?? text;
    }

    internal const char MissingGlyph = '\u25A1';

    internal static double Width(XGraphics measure, string text, XFont font) => measure.MeasureString(text, font).Width;

    // Measured between two letters, since a lone space may measure as nothing.
    internal static double SpaceWidth(XGraphics measure, XFont font) =>
        Width(measure, "x x", font) - Width(measure, "xx", font);

    internal static bool IsBreakingSpace(char c) => char.IsWhiteSpace(c) && c is not ('\u00A0' or '\u2007' or '\u202F');

    /// <summary>
    /// The text as it can be drawn: line breaks kept as '\n', other control characters made spaces,
    /// and a half of a surrogate pair on its own (which no font can draw) made U+FFFD.
    /// </summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                result.Append('\n');
            }
            else if (c is '\n' or '\u2028' or '\u2029') result.Append('\n');
            else if (char.IsControl(c)) result.Append(' ');
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c)) result.Append('\uFFFD');
            else result.Append(c);
        }
        return result.ToString();
    }
}
