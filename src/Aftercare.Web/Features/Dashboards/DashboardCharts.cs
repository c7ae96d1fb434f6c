using System.Globalization;
using System.Net;
using System.Text;

namespace Aftercare.Web.Features.Dashboards;

/// <summary>One bar: its label, its length as a share of the longest (null: nothing to draw), and the words beside it.</summary>
public sealed record Bar(string Label, double? Length, string Value);

/// <summary>
/// Charts drawn on the server as SVG: no script, no inline style (the page's content security
/// policy holds), readable without colour. Each has a title and a text summary for screen
/// readers, and the same numbers are in the table beside it.
/// </summary>
public static class DashboardCharts
{
    private const int Width = 640, LabelWidth = 230, ValueWidth = 120, RowHeight = 28;

    public static string Bars(string id, string title, string summary, IReadOnlyList<Bar> bars)
    {
        var inv = CultureInfo.InvariantCulture;
        var height = Math.Max(1, bars.Count) * RowHeight + 8;
        var barSpace = Width - LabelWidth - ValueWidth;
        var s = new StringBuilder();
        s.Append(inv, $"<svg class=\"app-chart\" data-testid=\"chart\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" viewBox=\"0 0 {Width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        s.Append(inv, $"<title id=\"{id}-title\">{E(title)}</title>");
        s.Append(inv, $"<desc id=\"{id}-desc\">{E(summary)}</desc>");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = 4 + i * RowHeight;
            s.Append(inv, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 18}\" text-anchor=\"end\" font-size=\"14\" fill=\"#212b32\">{E(Shorten(b.Label))}</text>");
            s.Append(inv, $"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{barSpace}\" height=\"18\" fill=\"#e8edee\"/>");
            if (b.Length is { } len && len > 0)
                s.Append(inv, $"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{Math.Max(1, Math.Min(1, len) * barSpace):0.#}\" height=\"18\" fill=\"#005eb8\"/>");
            s.Append(inv, $"<text x=\"{LabelWidth + barSpace + 8}\" y=\"{y + 18}\" font-size=\"14\" fill=\"#212b32\">{E(b.Value)}</text>");
        }
        s.Append("</svg>");
        return s.ToString();
    }

    private static string Shorten(string label) => label.Length <= 30 ? label : label[..28] + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
