using Aftercare.Domain.Pathways;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Work;

/// <summary>"My work": the practitioner's overdue, due-today and next contacts, and what they are covering.</summary>
[ReadWithSessionCheck(WorklistPage.Mine)]
public sealed class MyWorkModel(Worklists worklists, TimeProvider clock) : PageModel
{
    public List<WorkItem> Items { get; private set; } = [];
    /// <summary>Conversations of the people I answer waiting for a reply (or with something new to me), longest waiting first.</summary>
    public List<WaitingConversation> Messages { get; private set; } = [];
    /// <summary>How many are in "next" in all, shown or not.</summary>
    public int NextTotal { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public Guid? TeamId { get; private set; }
    public int OverdueSupervisionActions { get; private set; }
    public int OverdueTraining { get; private set; }

    /// <summary>"Next" shows the soonest first; the rest are one click away, so a long list never hides what is overdue or due today.</summary>
    public const int NextShown = 10;
    public bool ShowAll { get; private set; }

    /// <summary>How many of "next" to read: the first <see cref="NextShown"/>, or all of them.</summary>
    public static int Shown(bool all) => all ? int.MaxValue : NextShown;

    public async Task<IActionResult> OnGetAsync(bool? all, CancellationToken ct)
    {
        var staff = CurrentStaff.From(User);
        if (staff is null || !staff.IsClinical) return NotFound();
        Now = clock.GetUtcNow();
        TeamId = staff.TeamId?.Value;
        ShowAll = all == true;
        var work = await worklists.ForPractitioner(staff, Now, Shown(ShowAll), ct);
        (Items, NextTotal, Messages) = (work.Items, work.NextTotal, work.Messages);
        (OverdueSupervisionActions, OverdueTraining) = (work.OverdueSupervisionActions, work.OverdueTraining);
        return Page();
    }

    public IEnumerable<WorkItem> In(Urgency urgency) => Items.Where(i => i.Urgency == urgency);

    /// <summary>"2 hours", "3 days": how long the person has been waiting.</summary>
    public static string Waited(DateTimeOffset since, DateTimeOffset now)
    {
        var span = now - since;
        return span.TotalHours < 1 ? $"{Math.Max(1, (int)span.TotalMinutes)} min"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} {((int)span.TotalHours == 1 ? "hour" : "hours")}"
            : $"{(int)span.TotalDays} days";
    }
}
