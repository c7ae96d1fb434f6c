using System.Globalization;
using System.Text;
using Aftercare.Domain.Caseloads;

namespace Aftercare.Web.Features.Teams;

/// <summary>
/// A caseload as a small bar against the team's limit, drawn on the server as SVG (no script, no
/// inline style, so the page's content security policy holds). The numbers are in the table beside
/// it, so the bar is hidden from screen readers: it adds a glance, not information.
/// </summary>
public static class CaseloadBar
{
    private const int Width = 160, Height = 18;

    public static string Svg(int active, int? limit, int largest)
    {
        var inv = CultureInfo.InvariantCulture;
        // The scale leaves room above the limit, so "above" looks above.
        var scale = Math.Max(1, Math.Max(largest, limit is { } l ? (int)Math.Ceiling(l * 1.25) : 0));
        double X(int n) => Math.Min(Width, n * (double)Width / scale);
        var fill = CaseloadRule.StateOf(active, limit) switch
        {
            CaseloadState.AboveLimit => "#d5281b",
            CaseloadState.AtLimit => "#ffb81c",
            _ => "#005eb8",
        };
        var s = new StringBuilder();
        s.Append(inv, $"<svg class=\"app-caseload-bar\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">");
        s.Append(inv, $"<rect x=\"0\" y=\"3\" width=\"{Width}\" height=\"12\" fill=\"#e8edee\"/>");
        s.Append(inv, $"<rect x=\"0\" y=\"3\" width=\"{X(active):0.#}\" height=\"12\" fill=\"{fill}\"/>");
        if (limit is { } max)
            s.Append(inv, $"<line x1=\"{X(max):0.#}\" x2=\"{X(max):0.#}\" y1=\"0\" y2=\"{Height}\" stroke=\"#212b32\" stroke-width=\"2\"/>");
        s.Append("</svg>");
        return s.ToString();
    }
}
