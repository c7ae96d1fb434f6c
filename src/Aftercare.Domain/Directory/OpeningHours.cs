using System.Globalization;
using System.Text.RegularExpressions;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Directory;

/// <summary>
/// One stretch of a day when the service is open, in UK local time. A closing time earlier than the
/// opening time runs past midnight (a crisis café open 18:00 to 02:00).
/// </summary>
public sealed record OpeningSession(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    public bool RunsPastMidnight => Closes < Opens;
}

/// <summary>
/// When a service is open: sessions on each day of the week, and a note in words for what a
/// timetable cannot say ("Open 24 hours, every day", "Closed on bank holidays"). A practitioner
/// reads these before telling a person when they can ring.
/// </summary>
public sealed partial record OpeningHours(IReadOnlyList<OpeningSession> Sessions, string? Note)
{
    public const int MaxNoteLength = 500;
    public const int MaxSessionsADay = 6;

    /// <summary>Monday first, as a week is read in the UK.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static readonly OpeningHours NotRecorded = new([], null);

    public bool IsRecorded => Sessions.Count > 0 || Note is not null;

    /// <summary>The field a day's times are entered in: "Hours[0]" for Monday.</summary>
    public static string DayField(DayOfWeek day) => $"Hours[{IndexOf(day)}]";

    public const string NoteField = "HoursNote";

    public static OpeningHours Create(IEnumerable<OpeningSession> sessions, string? note)
    {
        var list = sessions.OrderBy(s => IndexOf(s.Day)).ThenBy(s => s.Opens).ToList();
        foreach (var s in list)
        {
            if (!Enum.IsDefined(s.Day)) throw new ClinicalRuleException("Choose a day of the week", NoteField);
            if (s.Opens == s.Closes)
                throw new ClinicalRuleException($"On {DayName(s.Day)} the opening and closing times are the same. For a service open all day, say so in the note", DayField(s.Day));
        }
        foreach (var day in list.GroupBy(s => s.Day))
        {
            if (day.Count() > MaxSessionsADay)
                throw new ClinicalRuleException($"Give up to {MaxSessionsADay} opening times on {DayName(day.Key)}", DayField(day.Key));
            var ordered = day.ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].Opens < ordered[i - 1].Closes || ordered[i - 1].RunsPastMidnight)
                    throw new ClinicalRuleException($"The opening times on {DayName(day.Key)} overlap", DayField(day.Key));
        }
        var text = Text.Clean(note);
        if (text is { Length: > MaxNoteLength })
            throw new ClinicalRuleException($"The note about opening hours must be {MaxNoteLength} characters or fewer", NoteField);
        return new OpeningHours(list, text);
    }

    private static int IndexOf(DayOfWeek day) => ((int)day + 6) % 7;

    /// <summary>
    /// A day's opening times as typed: "09:00 to 17:00", "9:00-12:30, 13:30-17:00", or blank or
    /// "closed" for none. Times are on the 24-hour clock.
    /// </summary>
    public static List<OpeningSession> ReadDay(DayOfWeek day, string? typed)
    {
        var field = DayField(day);
        var text = Text.Clean(typed);
        if (text is null || text.Equals("closed", StringComparison.OrdinalIgnoreCase)) return [];
        var sessions = new List<OpeningSession>();
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = Range().Match(part);
            if (!m.Success || !TryTime(m.Groups["from"].Value, out var opens) || !TryTime(m.Groups["to"].Value, out var closes))
                throw new ClinicalRuleException($"Enter {DayName(day)}'s opening times like 09:00 to 17:00, or leave it blank if closed", field);
            sessions.Add(new OpeningSession(day, opens, closes));
        }
        return sessions;
    }

    /// <summary>A day's opening times in words, as <see cref="ReadDay"/> reads them back.</summary>
    public string Describe(DayOfWeek day)
    {
        var today = Sessions.Where(s => s.Day == day).ToList();
        return today.Count == 0 ? "" : string.Join(", ", today.Select(s => $"{Time(s.Opens)} to {Time(s.Closes)}"));
    }

    public static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DayName(DayOfWeek day) => day.ToString();

    /// <summary>"09:00", "9:00", "9.00" or "0900"; "24:00" is midnight at the end of the day.</summary>
    public static bool TryTime(string text, out TimeOnly time)
    {
        time = default;
        var m = Clock().Match(text.Trim());
        if (!m.Success) return false;
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (hour == 24 && minute == 0) { time = new TimeOnly(0, 0); return true; }
        if (hour > 23 || minute > 59) return false;
        time = new TimeOnly(hour, minute);
        return true;
    }

    // Value equality over the sessions, not the list that holds them: an unchanged timetable read
    // again (an import of the same file) is not a change.
    public bool Equals(OpeningHours? other) =>
        other is not null && Note == other.Note && Sessions.SequenceEqual(other.Sessions);

    public override int GetHashCode() => Sessions.Aggregate(Note?.GetHashCode() ?? 0, HashCode.Combine);

    [GeneratedRegex(@"^(?<from>\d{1,2}[:.]?\d{2})\s*(?:to|-|–|until)\s*(?<to>\d{1,2}[:.]?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex Range();

    [GeneratedRegex(@"^(?<h>\d{1,2})[:.]?(?<m>\d{2})$")]
    private static partial Regex Clock();
}
