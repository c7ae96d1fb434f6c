using Aftercare.Domain.Pathways;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Work;

/// <summary>"My work": the practitioner's overdue, due-today and next contacts, and what they are covering.</summary>
public sealed class MyWorkModel(Worklists worklists, TimeProvider clock) : PageModel
{
    public List<WorkItem> Items { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public Guid? TeamId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var staff = CurrentStaff.From(User);
        if (staff is null || !staff.IsClinical) return NotFound();
        Now = clock.GetUtcNow();
        TeamId = staff.TeamId?.Value;
        Items = await worklists.ForPractitioner(staff.Id, Now, ct);
        return Page();
    }

    public IEnumerable<WorkItem> In(Urgency urgency) => Items.Where(i => i.Urgency == urgency);
}
