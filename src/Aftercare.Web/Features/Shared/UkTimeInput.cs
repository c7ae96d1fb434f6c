using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Aftercare.Web.Features.Shared;

/// <summary>
/// A UK date in three boxes and a 24-hour time in one, as every form that asks "when" takes them:
/// "14:30", "14.30" and "1430" are all read; what cannot be read gets its message by the field.
/// </summary>
public static class UkTimeInput
{
    public static bool TryGet(ModelStateDictionary state, DateParts date, string? time, string dateKey, string timeKey,
        string dateLabel, string timeWords, out DateOnly day, out TimeOnly at)
    {
        at = default;
        var dateOk = date.TryGetDate(state, dateKey, dateLabel, out day);
        var timeOk = !string.IsNullOrWhiteSpace(time) &&
                     TimeOnly.TryParseExact(time.Trim().Replace('.', ':'), ["H:mm", "HH:mm", "HHmm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
        if (!timeOk && (state[timeKey]?.Errors.Count ?? 0) == 0)
            state.AddModelError(timeKey, $"Enter the {timeWords} in 24-hour format, like 14:30");
        return dateOk && timeOk;
    }
}
