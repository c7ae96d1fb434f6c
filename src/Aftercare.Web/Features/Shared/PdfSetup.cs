using PdfSharp;
using PdfSharp.Fonts;

namespace Aftercare.Web.Features.Shared;

/// <summary>
/// What PDFsharp needs before it makes any PDF, done once per process (docs/decisions/0006): its
/// licence chosen, and a font resolver that reads DejaVu Sans, regular and bold, from the Fonts
/// folder beside the application, since a server has no fonts PDFsharp can find by itself.
/// Every PDF the application makes calls <see cref="EnsureReady"/> first.
/// </summary>
public static class PdfSetup
{
    /// <summary>The one typeface of every PDF the application prints.</summary>
    public const string FontFamily = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    /// <summary>Where the font files are read from.</summary>
    public static string FontFolder { get; } = Path.Combine(AppContext.BaseDirectory, "Fonts");

    // PDFsharp's settings are process-wide and refuse a second, different font resolver; Lazy does
    // the setting once, under a lock, however many requests print at the same moment.
    private static readonly Lazy<bool> Ready = new(() =>
    {
        // From 6.5 PDFsharp is offered under AGPL-3.0 or a paid licence, and refuses to work until
        // one is chosen. ADR 0006 records the choice; a paid key would be loaded here instead.
        PdfSharpLicense.SetAgplLicense();
        GlobalFontSettings.FontResolver = new FontResolver();
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureReady() => _ = Ready.Value;

    private sealed class FontResolver : IFontResolver
    {
        // Every family asked for is DejaVu Sans: it is the only typeface shipped, and a document that
        // asks for another still prints rather than failing. Italic is slanted by PDFsharp.
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(isBold ? BoldFace : RegularFace, false, isItalic);

        public byte[] GetFont(string faceName) => ReadFont(FontFolder, faceName);
    }

    internal static byte[] ReadFont(string folder, string faceName)
    {
        var path = Path.Combine(folder, faceName + ".ttf");
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Printing a PDF needs the font file {path}, which is missing. It comes from the npm package " +
                "dejavu-fonts-ttf: run ./run.sh or ./test.sh (ensure_front_end in scripts/common.sh copies it into " +
                "src/Aftercare.Web/Fonts), then build again.",
                path);
        return File.ReadAllBytes(path);
    }
}
