namespace Aftercare.Domain.Common;

/// <summary>
/// Staff enter and read times in UK local time (Europe/London); the record keeps UTC. The clock
/// changes twice a year, so a local time can be missing (spring) or happen twice (autumn).
/// </summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>British English, for dates in words ("4 March 2026"); looked up once, not on every date shown.</summary>
    public static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// The UTC instant of a UK wall-clock time. A time that happens twice is taken as the first
    /// (British Summer Time); a time skipped when the clocks go forward is refused.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
            throw new ClinicalRuleException("That time did not happen on that day because the clocks went forward. Check the time", "ArrivedTime");
        var offset = Zone.IsAmbiguousTime(local)
            ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// The UTC instant of a UK wall-clock time worked out by the system rather than typed, such as
    /// "the same time a week later". A time that happens twice is taken as the first; a time skipped
    /// when the clocks go forward moves on by the hour skipped (01:30 becomes 02:30 BST), so a
    /// planned contact is never due earlier than its rule says.
    /// </summary>
    public static DateTimeOffset AtLocal(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = Zone.IsAmbiguousTime(local)
            ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The UK date an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>The first instant of the next UK day: "due today" means due before this.</summary>
    public static DateTimeOffset EndOfDay(DateTimeOffset instant) => AtLocal(DateOf(instant).AddDays(1).ToDateTime(TimeOnly.MinValue));

    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public static string Format(DateTimeOffset instant) => ToLocal(instant).ToString("d MMMM yyyy 'at' HH:mm", English);

    public static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", English);
}
