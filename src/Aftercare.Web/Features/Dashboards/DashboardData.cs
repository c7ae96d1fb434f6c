using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Dashboards;

namespace Aftercare.Web.Features.Dashboards;

/// <summary>
/// The months a dashboard covers, from the first to the last (UK months, inclusive). By default
/// the last 12 complete months, so a month half over never reads as a bad month.
/// </summary>
public sealed record Period(DateOnly From, DateOnly To)
{
    public const int MostMonths = 120;

    public static Period Default(DateTimeOffset now)
    {
        var last = FigureRules.MonthOf(now).AddMonths(-1);
        return new Period(last.AddMonths(-11), last);
    }

    /// <summary>The period asked for ("2026-01"), or the default for what is missing or makes no sense; never more than 10 years.</summary>
    public static Period Parse(string? from, string? to, DateTimeOffset now)
    {
        var d = Default(now);
        var current = FigureRules.MonthOf(now);
        var f = Month(from) ?? d.From;
        var t = Month(to) ?? (Month(from) is { } only && only > d.To ? current : d.To);
        if (t > current) t = current;
        if (f > t) (f, t) = (t, f);
        if (f < t.AddMonths(-(MostMonths - 1))) f = t.AddMonths(-(MostMonths - 1));
        return new Period(f, t);
    }

    private static DateOnly? Month(string? text) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    public static string Describe(DateOnly month) => month.ToString("MMMM yyyy", UkTime.English);
    public string Describe() => From == To ? Describe(From) : $"{Describe(From)} to {Describe(To)}";
}

/// <summary>One figure broken down one way: its groups as they may be shown, the total, and the gap.</summary>
public sealed record BreakdownTable(string Figure, string Breakdown, IReadOnlyList<ShownGroup> Groups, Gap? Gap)
{
    public bool SecondaryApplied => Groups.Any(g => g.Suppression == Suppression.Secondary);
}

/// <summary>A receiving service's referrals in the period (or "Other services" together).</summary>
public sealed record ServiceRow(ShownGroup Acceptance, long Declined, long Flagged, long Seen, int? MedianDays, int? NinetiethDays);

/// <summary>A month of repeat presentations; incomplete while its 365 days have not all passed.</summary>
public sealed record RepeatMonth(DateOnly Month, ShownGroup Share, bool Complete);

/// <summary>A count of something within a figure (a band, a decline reason, an escalation's end).</summary>
public sealed record Part(string Label, long Count);

/// <summary>Caseloads, overdue work and staff development as they are now, not over the period.</summary>
public sealed record NowFigures(long PeopleInActiveCare, int PractitionersHoldingPeople, int AboveLimit, int AtLimit, long OverdueContacts, StaffDevelopmentDue? StaffDevelopment);

/// <summary>Supervision and training due, from the supervision and training records (M14).</summary>
public sealed record StaffDevelopmentDue(int SupervisionDue, int TrainingDue, int TrainingOverdue);

/// <summary>Everything a dashboard shows, already suppressed where numbers are small (hazard H58).</summary>
public sealed class DashboardData
{
    public required Period Period { get; init; }
    /// <summary>The oldest moment at which a month shown was worked out; null when none has been yet.</summary>
    public DateTimeOffset? AsOf { get; init; }
    public required ShownGroup FollowUp { get; init; }
    public required IReadOnlyList<Part> FollowUpBands { get; init; }
    public required ShownGroup Referrals { get; init; }
    public required IReadOnlyList<ServiceRow> Services { get; init; }
    public required IReadOnlyList<Part> DeclineReasons { get; init; }
    public required IReadOnlyList<Part> FlaggedOutcomes { get; init; }
    public long Declined { get; init; }
    public long Flagged { get; init; }
    public long Seen { get; init; }
    public int? MedianDays { get; init; }
    public int? NinetiethDays { get; init; }
    public required ShownGroup Delivery { get; init; }
    public long Attended { get; init; }
    public long Missed { get; init; }
    public long Cancelled { get; init; }
    public required ShownGroup ReEngaged { get; init; }
    public long LettersSent { get; init; }
    public required ShownGroup Repeat { get; init; }
    public required IReadOnlyList<RepeatMonth> RepeatMonths { get; init; }
    public bool RepeatIncomplete => RepeatMonths.Any(m => !m.Complete);
    /// <summary>Each figure broken down each way asked for, keyed by (figure, breakdown).</summary>
    public required IReadOnlyDictionary<(string Figure, string Breakdown), BreakdownTable> Breakdowns { get; init; }
    public required NowFigures Now { get; init; }
}

/// <summary>What the breakdown partial shows: one figure's table, with its words.</summary>
public sealed record BreakdownView(BreakdownTable Table, string Title, string BreakdownName, string ShareHeading);

/// <summary>What the counts partial shows: a caption, its headings and the counts.</summary>
public sealed record PartsTable(string Caption, string LabelHeading, string CountHeading, IReadOnlyList<Part> Parts, string TestId);
