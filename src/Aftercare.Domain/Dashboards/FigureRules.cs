using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;

namespace Aftercare.Domain.Dashboards;

/// <summary>How long after the pathway started the first follow-up was done, in the bands the dashboard shows.</summary>
public enum FollowUpBand
{
    UpTo12Hours = 1,
    From12To24Hours = 2,
    From24To48Hours = 3,
    From48To72Hours = 4,
    Over72Hours = 5,
    /// <summary>The follow-up was closed without being done.</summary>
    NotDone = 6,
    /// <summary>The follow-up is still open: neither done nor closed.</summary>
    StillOpen = 7,
}

/// <summary>The rules behind each dashboard figure, each as the sentence shown under its chart.</summary>
public static class FigureRules
{
    /// <summary>NICE NG225: follow-up within 48 hours of the psychosocial assessment. Real elapsed hours, across a clock change.</summary>
    public static readonly TimeSpan FollowUpTarget = TimeSpan.FromHours(48);

    public const string FollowUpDefinition =
        "Of the pathways started (assessment signed off) in the period, the share whose first follow-up contact was done within 48 hours (48:00 exactly counts) of the start.";
    public const string ReferralDefinition =
        "Of the referrals sent in the period, the share the service accepted (at any time since); declines are counted by the service's coded reason, and time to aftercare runs from sending to the first aftercare contact.";
    public const string DeliveryDefinition =
        "Of the care sessions recorded in the period, the share the person attended; a missed session counts as re-engaged when the person attended a later session.";
    public const string RepeatDefinition =
        "Of the presentations in the period, the share followed by another presentation of the same person within 365 days (day 365 counts, day 366 does not).";

    /// <summary>Whether the first follow-up counts as within 48 hours: done, and no more than 48 hours after the start.</summary>
    public static bool FollowedUpInTime(DateTimeOffset startedAt, ContactStatus status, DateTimeOffset? doneAt) =>
        status == ContactStatus.Done && doneAt is { } d && d - startedAt <= FollowUpTarget;

    public static FollowUpBand Band(DateTimeOffset startedAt, ContactStatus status, DateTimeOffset? doneAt)
    {
        if (status == ContactStatus.Closed) return FollowUpBand.NotDone;
        if (status != ContactStatus.Done || doneAt is null) return FollowUpBand.StillOpen;
        var hours = (doneAt.Value - startedAt).TotalHours;
        return hours switch
        {
            <= 12 => FollowUpBand.UpTo12Hours,
            <= 24 => FollowUpBand.From12To24Hours,
            <= 48 => FollowUpBand.From24To48Hours,
            <= 72 => FollowUpBand.From48To72Hours,
            _ => FollowUpBand.Over72Hours,
        };
    }

    public static string Describe(FollowUpBand band) => band switch
    {
        FollowUpBand.UpTo12Hours => "Within 12 hours",
        FollowUpBand.From12To24Hours => "12 to 24 hours",
        FollowUpBand.From24To48Hours => "24 to 48 hours",
        FollowUpBand.From48To72Hours => "48 to 72 hours",
        FollowUpBand.Over72Hours => "More than 72 hours",
        FollowUpBand.NotDone => "Not done (closed without)",
        FollowUpBand.StillOpen => "Still open",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, null),
    };

    /// <summary>The days after which a repeat presentation no longer counts.</summary>
    public const int RepeatWindowDays = 365;

    /// <summary>
    /// A later presentation is a repeat when it falls within 365 days on the UK calendar: the next
    /// day is day 1, the same date a year on (in a year without 29 February) is day 365.
    /// </summary>
    public static bool IsRepeat(DateTimeOffset first, DateTimeOffset? next) =>
        next is { } n && n > first && UkTime.DateOf(n).DayNumber - UkTime.DateOf(first).DayNumber <= RepeatWindowDays;

    /// <summary>
    /// Presentations of a month cannot all have had their 365 days yet until the last day of the
    /// month is more than 365 days ago; until then the month's repeat figure can still rise.
    /// </summary>
    public static bool RepeatMonthComplete(DateOnly month, DateOnly today) =>
        today.DayNumber - month.AddMonths(1).AddDays(-1).DayNumber > RepeatWindowDays;

    /// <summary>Days bins for time to first aftercare contact: whole UK days, the last bin holding a year or more.</summary>
    public const int LastDayBin = 365;

    public static int DaysToFirstContact(DateTimeOffset sentAt, DateTimeOffset firstContactAt) =>
        Math.Clamp(UkTime.DateOf(firstContactAt).DayNumber - UkTime.DateOf(sentAt).DayNumber, 0, LastDayBin);

    /// <summary>
    /// A centile from binned day counts by the nearest rank: the smallest number of days with at
    /// least <paramref name="share"/> of the people seen by then. Null when nobody was seen.
    /// </summary>
    public static int? Centile(IReadOnlyDictionary<int, long> dayCounts, double share)
    {
        var total = dayCounts.Values.Sum();
        if (total == 0) return null;
        var rank = (long)Math.Ceiling(share * total);
        if (rank < 1) rank = 1;
        long seen = 0;
        foreach (var (day, count) in dayCounts.OrderBy(d => d.Key))
        {
            seen += count;
            if (seen >= rank) return day;
        }
        return dayCounts.Keys.Max();
    }

    /// <summary>The UK calendar month an instant falls in, as its first day.</summary>
    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var d = UkTime.DateOf(instant);
        return new DateOnly(d.Year, d.Month, 1);
    }

    /// <summary>The first instant of a UK month (midnight UK time on its first day).</summary>
    public static DateTimeOffset StartOf(DateOnly month) => UkTime.AtLocal(new DateOnly(month.Year, month.Month, 1).ToDateTime(TimeOnly.MinValue));
}
