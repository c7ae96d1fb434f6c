using System.Globalization;
using System.Text;
using Aftercare.Domain.Dashboards;

namespace Aftercare.Web.Features.Dashboards;

/// <summary>
/// A dashboard as one tidy table (figure, breakdown, group, numerator, denominator, rate,
/// suppressed), built from the same suppressed figures as the page: a group hidden on the page is
/// hidden in the file too (hazard H58). The rate is a percentage to one decimal place.
/// </summary>
public static class DashboardCsv
{
    public const string Header = "figure,breakdown,group,numerator,denominator,rate,suppressed";

    public static string Write(DashboardData d)
    {
        var s = new StringBuilder();
        s.Append(Header).Append("\r\n");
        void Row(string figure, string breakdown, ShownGroup g) => Line(s, figure, breakdown, g.Group,
            g.IsSuppressed ? "" : N(g.Numerator), g.IsSuppressed ? "" : N(g.Denominator), g.Rate is { } r ? Pct(r) : "", Describe(g.Suppression));
        void Count(string figure, string group, long count, long of) => Line(s, figure, "All", group, N(count), N(of), of > 0 ? Pct((double)count / of) : "", "");

        foreach (var (figure, title, total) in new[]
        {
            (Figures.FollowUp, DashboardText.FollowUpTitle, d.FollowUp),
            (Figures.Referrals, DashboardText.ReferralsTitle, d.Referrals),
            (Figures.Delivery, DashboardText.DeliveryTitle, d.Delivery),
            (Figures.Repeat, DashboardText.RepeatTitle, d.Repeat),
        })
        {
            Row(title, "All", total);
            foreach (var breakdown in EquityGroups.Breakdowns)
                if (d.Breakdowns.TryGetValue((figure, breakdown), out var table))
                    foreach (var g in table.Groups) Row(title, EquityGroups.Describe(breakdown), g);
        }
        foreach (var band in d.FollowUpBands) Count("Hours to first follow-up", band.Label, band.Count, d.FollowUp.Denominator);
        foreach (var service in d.Services) Row("Referrals accepted, by service", "Service", service.Acceptance);
        foreach (var reason in d.DeclineReasons) Count("Referrals declined, by reason", reason.Label, reason.Count, d.Declined);
        foreach (var outcome in d.FlaggedOutcomes) Count("Declines contrary to NICE NG225, by how the escalation ended", outcome.Label, outcome.Count, d.Flagged);
        Row("Missed sessions after which the person attended a later one", "All", d.ReEngaged);
        if (!d.Delivery.IsSuppressed) Line(s, "Aftercare letters sent", "All", "Everyone", N(d.LettersSent), "", "", "");
        foreach (var m in d.RepeatMonths)
            Row(DashboardText.RepeatTitle + " by month", "Month", m.Share with { Group = Period.Key(m.Month) + (m.Complete ? "" : " (not yet complete)") });
        return s.ToString();
    }

    private static string Describe(Suppression s) => s switch
    {
        Suppression.SmallNumber => SmallNumbers.Label,
        Suppression.Secondary => "hidden so a smaller group cannot be worked out",
        _ => "",
    };

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder s, params string[] cells)
    {
        s.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
    }

    /// <summary>Quoted where needed; a cell that a spreadsheet would run as a formula is made plain text.</summary>
    private static string Cell(string v)
    {
        if (v.Length > 0 && "=+-@".Contains(v[0]) && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) v = "'" + v;
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }
}

/// <summary>The titles of the figures, the same on the page and in the CSV.</summary>
public static class DashboardText
{
    public const string FollowUpTitle = "Follow-up within 48 hours";
    public const string ReferralsTitle = "Referrals accepted";
    public const string DeliveryTitle = "Care sessions attended";
    public const string RepeatTitle = "Repeat presentations within 12 months";
}
