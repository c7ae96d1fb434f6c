namespace Aftercare.Domain.Common;

/// <summary>
/// Staff enter and read times in UK local time (Europe/London); the record keeps UTC. The clock
/// changes twice a year, so a local time can be missing (spring) or happen twice (autumn).
/// </summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

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

    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public static string Format(DateTimeOffset instant) => ToLocal(instant).ToString("d MMMM yyyy 'at' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    public static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
