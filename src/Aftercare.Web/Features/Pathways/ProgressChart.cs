using System.Globalization;
using System.Net;
using System.Text;
using Aftercare.Domain.Common;

namespace Aftercare.Web.Features.Pathways;

/// <summary>One session's numbers for the chart and its table.</summary>
public sealed record ProgressPoint(DateTimeOffset At, string Label, int? Scale, int? HeardAndRespected, int? WhatWeWorkedOn, int? Approach, int? Overall);

/// <summary>
/// The person's 0 to 10 scale and their alliance rating (overall) across sessions, drawn on the
/// server as SVG: no script, prints, scales to a phone. The same numbers are in a table beside it
/// for screen readers and for anyone who prefers numbers; the SVG is one labelled image.
/// </summary>
public static class ProgressChart
{
    private const int Width = 640, Height = 280, Left = 44, Right = 16, Top = 16, Bottom = 56;

    public static string Svg(IReadOnlyList<ProgressPoint> points, string titleId)
    {
        var inv = CultureInfo.InvariantCulture;
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(int i) => points.Count == 1 ? Left + plotW / 2.0 : Left + i * (plotW / (double)(points.Count - 1));
        double Y(int v) => Top + plotH - v * plotH / 10.0;
        var s = new StringBuilder();
        s.Append(inv, $"<svg class=\"app-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{titleId}\" xmlns=\"http://www.w3.org/2000/svg\">");
        s.Append(inv, $"<title id=\"{titleId}\">{Describe(points)}</title>");
        for (var v = 0; v <= 10; v += 2)
        {
            s.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\" class=\"app-chart__grid\"/>");
            s.Append(inv, $"<text x=\"{Left - 8}\" y=\"{Y(v) + 5:0.#}\" text-anchor=\"end\" class=\"app-chart__axis\">{v}</text>");
        }
        for (var i = 0; i < points.Count; i++)
            s.Append(inv, $"<text x=\"{X(i):0.#}\" y=\"{Height - Bottom + 22}\" text-anchor=\"middle\" class=\"app-chart__axis\">{WebUtility.HtmlEncode(UkTime.ToLocal(points[i].At).ToString("d MMM", UkTime.English))}</text>");
        Line(s, points, p => p.Scale, X, Y, "app-chart__scale");
        Line(s, points, p => p.Overall, X, Y, "app-chart__alliance");
        // The key, drawn in the chart so it prints with it.
        s.Append(inv, $"<line x1=\"{Left}\" x2=\"{Left + 28}\" y1=\"{Height - 12}\" y2=\"{Height - 12}\" class=\"app-chart__scale\"/><text x=\"{Left + 34}\" y=\"{Height - 7}\" class=\"app-chart__axis\">Scale 0 to 10</text>");
        s.Append(inv, $"<line x1=\"{Left + 190}\" x2=\"{Left + 218}\" y1=\"{Height - 12}\" y2=\"{Height - 12}\" class=\"app-chart__alliance\"/><text x=\"{Left + 224}\" y=\"{Height - 7}\" class=\"app-chart__axis\">Alliance rating (overall)</text>");
        s.Append("</svg>");
        return s.ToString();
    }

    private static void Line(StringBuilder s, IReadOnlyList<ProgressPoint> points, Func<ProgressPoint, int?> value, Func<int, double> x, Func<int, double> y, string css)
    {
        var inv = CultureInfo.InvariantCulture;
        var known = points.Select((p, i) => (i, v: value(p))).Where(t => t.v is not null).ToList();
        if (known.Count == 0) return;
        if (known.Count > 1)
            s.Append(inv, $"<polyline class=\"{css}\" fill=\"none\" points=\"{string.Join(' ', known.Select(t => string.Create(inv, $"{x(t.i):0.#},{y(t.v!.Value):0.#}")))}\"/>");
        foreach (var (i, v) in known)
            s.Append(inv, $"<circle class=\"{css}\" cx=\"{x(i):0.#}\" cy=\"{y(v!.Value):0.#}\" r=\"5\"/>");
    }

    /// <summary>What the chart shows, in words, as its accessible name.</summary>
    public static string Describe(IReadOnlyList<ProgressPoint> points)
    {
        var scales = points.Where(p => p.Scale is not null).Select(p => p.Scale!.Value).ToList();
        var text = $"Chart of {points.Count} {(points.Count == 1 ? "session" : "sessions")}.";
        if (scales.Count > 0) text += $" Scale from {scales[0]} at the first to {scales[^1]} at the latest.";
        var overall = points.Where(p => p.Overall is not null).Select(p => p.Overall!.Value).ToList();
        if (overall.Count > 0) text += $" Alliance rating (overall) from {overall[0]} to {overall[^1]}.";
        return WebUtility.HtmlEncode(text + " The numbers are in the table below.");
    }
}
