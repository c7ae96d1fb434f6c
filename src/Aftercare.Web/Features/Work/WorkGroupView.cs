using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;

namespace Aftercare.Web.Features.Work;

/// <summary>One group of a worklist (overdue, due today, next) as a table.</summary>
public sealed record WorkGroupView(string Heading, string TestId, List<WorkItem> Items, DateTimeOffset Now, bool ShowPractitioner)
{
    /// <summary>How many there are in all, when the table shows only some.</summary>
    public int? Total { get; init; }

    /// <summary>"due in 5 hours", "2 days overdue": how a clinician says it, with the time beside it.</summary>
    public static string When(WorkItem item, DateTimeOffset now)
    {
        var gap = item.DueAt - now;
        var overdue = gap < TimeSpan.Zero;
        var span = overdue ? -gap : gap;
        var words = span.TotalHours < 1 ? $"{Math.Max(1, (int)span.TotalMinutes)} min"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} {((int)span.TotalHours == 1 ? "hour" : "hours")}"
            : $"{(int)span.TotalDays} days";
        return overdue ? $"{words} overdue" : $"due in {words}";
    }

    public static string LetterState(LetterStatus? status) => status switch
    {
        LetterStatus.Draft => "Draft ready to review",
        LetterStatus.Approved => "Approved, not yet sent",
        _ => "",
    };

    public static string Due(WorkItem item) => UkTime.Format(item.DueAt);
}
