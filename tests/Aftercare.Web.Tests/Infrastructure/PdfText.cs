using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Aftercare.Web.Tests.Infrastructure;

/// <summary>
/// Reads a PDF back with poppler's command-line tools (Debian's poppler-utils, installed by
/// test.sh): a reader that shares no code with PDFsharp, so what it finds is what a person's
/// viewer, search and screen reader find.
/// </summary>
public static partial class PdfText
{
    /// <summary>The text of each page, in reading order.</summary>
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        var text = Run(pdf, "pdftotext", "-enc UTF-8 {0} -");
        // pdftotext ends every page with a form feed.
        var pages = text.Split('\f').ToList();
        if (pages.Count > 0 && string.IsNullOrWhiteSpace(pages[^1])) pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    /// <summary>All the text with every run of white space made one space, so wrapped lines read as written.</summary>
    public static string Flat(byte[] pdf) => Flatten(string.Join(" ", Pages(pdf)));

    public static string Flatten(string text) => Spaces().Replace(text, " ").Trim();

    /// <summary>pdfinfo's fields, such as "Title" and "Pages".</summary>
    public static IReadOnlyDictionary<string, string> Info(byte[] pdf) =>
        Run(pdf, "pdfinfo", "-enc UTF-8 {0}")
            .Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());

    /// <summary>pdffonts's table: one row per font, with its name and whether it is embedded.</summary>
    public static IReadOnlyList<(string Name, bool Embedded)> Fonts(byte[] pdf) =>
        Run(pdf, "pdffonts", "{0}")
            .Split('\n')
            .Skip(2)
            .Where(line => line.Trim().Length > 0)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(cells => (cells[0], cells[^5] == "yes"))
            .ToList();

    /// <summary>Every word with its box on the page, in points from the top left.</summary>
    public static IReadOnlyList<PdfWord> Words(byte[] pdf)
    {
        var html = Run(pdf, "pdftotext", "-enc UTF-8 -bbox {0} -");
        var words = new List<PdfWord>();
        var page = 0;
        foreach (var line in html.Split('\n'))
        {
            if (line.Contains("<page ")) page++;
            var m = WordBox().Match(line);
            if (!m.Success) continue;
            double D(string name) => double.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
            words.Add(new PdfWord(page, System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value), D("x0"), D("y0"), D("x1"), D("y1")));
        }
        return words;
    }

    private static string Run(byte[] pdf, string tool, string arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"aftercare-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool, string.Format(CultureInfo.InvariantCulture, arguments, file))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            Process process;
            try { process = Process.Start(start)!; }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"{tool} is missing: install Debian's poppler-utils (test.sh does).", e);
            }
            using (process)
            {
                var error = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} could not read the PDF: {error.Result}");
                return output;
            }
        }
        finally { File.Delete(file); }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("<word xMin=\"(?<x0>[0-9.]+)\" yMin=\"(?<y0>[0-9.]+)\" xMax=\"(?<x1>[0-9.]+)\" yMax=\"(?<y1>[0-9.]+)\">(?<text>.*)</word>")]
    private static partial Regex WordBox();
}

public sealed record PdfWord(int Page, string Text, double Left, double Top, double Right, double Bottom)
{
    public double Height => Bottom - Top;
}
