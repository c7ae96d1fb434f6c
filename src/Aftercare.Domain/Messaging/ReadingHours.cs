using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Messaging;

/// <summary>
/// One day's stretch of time when the team reads messages, in minutes after the team's local
/// midnight. Closing at 1440 is closing at midnight, at the end of the day.
/// </summary>
public sealed record ReadingPeriod(DayOfWeek Day, int OpensMinute, int ClosesMinute);

/// <summary>
/// When the care team reads messages: at most one stretch on each day of the week, on the team's
/// wall clock (Europe/London unless a test says otherwise). A person who writes at 10pm on a
/// Friday must be told honestly that nobody reads it until Monday morning, and be given the crisis
/// lines meanwhile (hazard H47), so every answer here is an instant worked out across the clock
/// changes: an opening time that happens twice in autumn is taken the first time the clock shows
/// it, and one skipped in spring is taken as the moment the clocks went forward.
/// </summary>
public sealed partial class ReadingHours
{
    /// <summary>Monday to Friday, 9am to 5pm: what a liaison team's office hours usually are, and every team's until its supervisor changes them.</summary>
    public const string StandardText = "Mo 09:00-17:00;Tu 09:00-17:00;We 09:00-17:00;Th 09:00-17:00;Fr 09:00-17:00";

    /// <summary>Monday first, as a week is read in the UK.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly string[] Codes = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    private const int MinutesInADay = 24 * 60;

    private readonly ReadingPeriod?[] _days = new ReadingPeriod?[7];

    public TimeZoneInfo Zone { get; }

    /// <summary>Each day's period, Monday first; days without one are left out.</summary>
    public IReadOnlyList<ReadingPeriod> Periods => [.. _days.OfType<ReadingPeriod>()];

    public ReadingHours(IEnumerable<ReadingPeriod> periods, TimeZoneInfo zone)
    {
        Zone = zone;
        foreach (var p in periods)
        {
            if (!Enum.IsDefined(p.Day)) throw new ClinicalRuleException("Choose a day of the week", DayField(DayOfWeek.Monday));
            var field = DayField(p.Day);
            if (_days[IndexOf(p.Day)] is not null)
                throw new ClinicalRuleException($"Give one reading period on {DayName(p.Day)}, such as 09:00 to 17:00", field);
            if (p.OpensMinute < 0 || p.OpensMinute >= MinutesInADay || p.ClosesMinute < 0 || p.ClosesMinute > MinutesInADay)
                throw new ClinicalRuleException($"Enter {DayName(p.Day)}'s reading hours like 09:00 to 17:00", field);
            if (p.ClosesMinute <= p.OpensMinute)
                throw new ClinicalRuleException($"On {DayName(p.Day)} messages must stop being read after they start: enter a closing time later than {Clock(p.OpensMinute)}, or 24:00 for midnight", field);
            _days[IndexOf(p.Day)] = p;
        }
        // A week with no reading hours would promise a reply that never comes.
        if (_days.All(d => d is null))
            throw new ClinicalRuleException("Enter the hours on at least one day when the team reads messages. With none, nobody would ever read a message", DayField(DayOfWeek.Monday));
    }

    public static ReadingHours Standard(TimeZoneInfo zone) => Parse(StandardText, zone);

    /// <summary>The field a day's hours are entered in: "Hours[0]" for Monday.</summary>
    public static string DayField(DayOfWeek day) => $"Hours[{IndexOf(day)}]";

    public static string DayName(DayOfWeek day) => day.ToString();

    public ReadingPeriod? On(DayOfWeek day) => _days[IndexOf(day)];

    // ---- Stored and typed forms ----

    /// <summary>The compact text kept on the team's row: "Mo 09:00-17:00;Tu 09:00-17:00".</summary>
    public string ToStored() => string.Join(";", Week.Select(d => _days[IndexOf(d)]).OfType<ReadingPeriod>()
        .Select(p => $"{Codes[IndexOf(p.Day)]} {Clock(p.OpensMinute)}-{Clock(p.ClosesMinute)}"));

    /// <summary>Reads <see cref="ToStored"/>'s text back.</summary>
    public static ReadingHours Parse(string? stored, TimeZoneInfo zone)
    {
        var periods = new List<ReadingPeriod>();
        foreach (var part in (stored ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = StoredPeriod().Match(part);
            var index = m.Success ? Array.IndexOf(Codes, m.Groups["day"].Value) : -1;
            if (index < 0 || !TryMinute(m.Groups["from"].Value, out var from) || !TryMinute(m.Groups["to"].Value, out var to))
                throw new ClinicalRuleException($"The team's reading hours could not be read (\"{part}\"). Enter them again, like 09:00 to 17:00", DayField(DayOfWeek.Monday));
            periods.Add(new ReadingPeriod(Week[index], from, to));
        }
        return new ReadingHours(periods, zone);
    }

    /// <summary>
    /// The hours as a supervisor types them, Monday first: "09:00 to 17:00", "9:00-17:00" or
    /// "9am to 5pm", or blank (or "closed") for a day when messages are not read.
    /// </summary>
    public static ReadingHours FromTyped(IReadOnlyList<string?> days, TimeZoneInfo zone)
    {
        var periods = new List<ReadingPeriod>();
        for (var i = 0; i < Week.Count; i++)
        {
            var day = Week[i];
            var text = Text.Clean(i < days.Count ? days[i] : null);
            if (text is null || text.Equals("closed", StringComparison.OrdinalIgnoreCase)) continue;
            var m = TypedRange().Match(text);
            if (!m.Success || !TryMinute(m.Groups["from"].Value, out var from) || !TryMinute(m.Groups["to"].Value, out var to))
                throw new ClinicalRuleException($"Enter {DayName(day)}'s reading hours like 09:00 to 17:00, or leave it blank if messages are not read that day", DayField(day));
            periods.Add(new ReadingPeriod(day, from, to));
        }
        return new ReadingHours(periods, zone);
    }

    /// <summary>A day's hours as <see cref="FromTyped"/> reads them back: "09:00 to 17:00", or blank.</summary>
    public string Typed(DayOfWeek day) => On(day) is { } p ? $"{Clock(p.OpensMinute)} to {Clock(p.ClosesMinute)}" : "";

    // ---- When messages are read ----

    /// <summary>Whether someone is reading messages at this instant.</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        var next = IntervalsFrom(at).First();
        return next.Start <= at;
    }

    /// <summary>When a message sent at <paramref name="at"/> will be read: <paramref name="at"/> itself while the team is reading.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset at)
    {
        var next = IntervalsFrom(at).First();
        return next.Start <= at ? at : next.Start;
    }

    /// <summary>
    /// The instant by which <paramref name="openTime"/> of reading time has passed, counted from
    /// <paramref name="from"/>: the expected reply time of a message. Real elapsed time is counted,
    /// so a reading period across a clock change is an hour shorter or longer that night.
    /// </summary>
    public DateTimeOffset AddOpenHours(DateTimeOffset from, TimeSpan openTime)
    {
        if (openTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(openTime));
        var left = openTime;
        foreach (var (start, end) in IntervalsFrom(from))
        {
            var begin = start > from ? start : from;
            if (left <= end - begin) return begin + left;
            left -= end - begin;
        }
        throw new InvalidOperationException("Unreachable: the intervals never end");
    }

    // ---- In words ----

    /// <summary>The week in plain words, to follow "reads messages": "Monday to Friday, 9am to 5pm", "every day, at any time".</summary>
    public string Describe()
    {
        var groups = new List<(int First, int Last, ReadingPeriod Period)>();
        for (var i = 0; i < 7; i++)
        {
            if (_days[i] is not { } p) continue;
            if (groups.Count > 0 && groups[^1].Last == i - 1 && Same(groups[^1].Period, p))
                groups[^1] = (groups[^1].First, i, groups[^1].Period);
            else groups.Add((i, i, p));
        }
        return string.Join("; ", groups.Select(g =>
        {
            var days = g.First == 0 && g.Last == 6 ? "every day"
                : g.First == g.Last ? DayName(Week[g.First])
                : g.Last == g.First + 1 ? $"{DayName(Week[g.First])} and {DayName(Week[g.Last])}"
                : $"{DayName(Week[g.First])} to {DayName(Week[g.Last])}";
            return g.Period is { OpensMinute: 0, ClosesMinute: MinutesInADay }
                ? $"{days}, at any time"
                : $"{days}, {Spoken(g.Period.OpensMinute)} to {Spoken(g.Period.ClosesMinute)}";
        }));
    }

    /// <summary>
    /// An instant as a person would be told it, from where they are now: "today at 3pm",
    /// "tomorrow at 9am", "Monday at 9am", or "Monday 14 April at 9am" when more than a week away.
    /// </summary>
    public string DescribeMoment(DateTimeOffset at, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        var time = Spoken(local.Hour * 60 + local.Minute);
        var days = day.DayNumber - today.DayNumber;
        var when = days switch
        {
            0 => "today",
            1 => "tomorrow",
            > 1 and < 7 => DayName(day.DayOfWeek),
            _ => day.ToString("dddd d MMMM", UkTime.English),
        };
        return $"{when} at {time}";
    }

    /// <summary>"9am", "5:30pm", "midday", "midnight".</summary>
    public static string Spoken(int minute)
    {
        if (minute % MinutesInADay == 0) return "midnight";
        if (minute == 12 * 60) return "midday";
        var hour = minute / 60 % 24;
        var min = minute % 60;
        var twelve = hour % 12 == 0 ? 12 : hour % 12;
        var sb = new StringBuilder(twelve.ToString(CultureInfo.InvariantCulture));
        if (min != 0) sb.Append(':').Append(min.ToString("00", CultureInfo.InvariantCulture));
        sb.Append(hour < 12 ? "am" : "pm");
        return sb.ToString();
    }

    /// <summary>"09:00", "17:30", "24:00".</summary>
    public static string Clock(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    // ---- Instants ----

    /// <summary>The reading periods that have not ended by <paramref name="at"/>, in order, as instants; without end.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> IntervalsFrom(DateTimeOffset at)
    {
        // From the day before: a period can only run to midnight, but the local day of an instant
        // and the day a period belongs to can differ by the clock's offset.
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime).AddDays(-1);
        while (true)
        {
            if (_days[IndexOf(date.DayOfWeek)] is { } p)
            {
                var start = Instant(date, p.OpensMinute);
                var end = Instant(date, p.ClosesMinute);
                // A period wholly inside the hour skipped in spring does not happen that day.
                if (end > start && end > at) yield return (start, end);
            }
            date = date.AddDays(1);
        }
    }

    /// <summary>The first instant the team's clock shows <paramref name="minute"/> on <paramref name="date"/>.</summary>
    private DateTimeOffset Instant(DateOnly date, int minute)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
        if (Zone.IsInvalidTime(local))
        {
            // Skipped when the clocks went forward: the clock passed it at the moment of the change.
            var before = local;
            while (Zone.IsInvalidTime(before)) before = before.AddMinutes(-1);
            return new DateTimeOffset(before, Zone.GetUtcOffset(before)).AddMinutes(1).ToUniversalTime();
        }
        // Shown twice when the clocks went back: the first time, under the larger offset.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static bool Same(ReadingPeriod a, ReadingPeriod b) => a.OpensMinute == b.OpensMinute && a.ClosesMinute == b.ClosesMinute;

    private static int IndexOf(DayOfWeek day) => ((int)day + 6) % 7;

    /// <summary>"09:00", "9:00", "9.00", "0900", "9am", "5.30pm", "12pm"; "24:00" is midnight at the end of the day.</summary>
    private static bool TryMinute(string text, out int minute)
    {
        minute = 0;
        var m = TypedTime().Match(text.Trim());
        if (!m.Success) return false;
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var min = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var half = m.Groups["ap"].Value.ToLowerInvariant();
        if (half.Length > 0)
        {
            if (hour is < 1 or > 12) return false;
            hour = half == "am" ? hour % 12 : hour % 12 + 12;
        }
        else if (!m.Groups["m"].Success) return false;
        if (min > 59 || hour > 24 || (hour == 24 && min != 0)) return false;
        minute = hour * 60 + min;
        return true;
    }

    [GeneratedRegex(@"^(?<day>[A-Z][a-z]) (?<from>\d{2}:\d{2})-(?<to>\d{2}:\d{2})$")]
    private static partial Regex StoredPeriod();

    [GeneratedRegex(@"^(?<from>[0-9.:]+\s*(?:am|pm)?)\s*(?:to|-|–|until)\s*(?<to>[0-9.:]+\s*(?:am|pm)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex TypedRange();

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.]?(?<m>\d{2}))?\s*(?<ap>am|pm)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TypedTime();
}
