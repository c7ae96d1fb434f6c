using Aftercare.Web.Data;
using Aftercare.Web.Features.Messages;
using Aftercare.Web.Features.SafetyPlans;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.My;

/// <summary>The patient's home: their plan first, their messages (new replies, when to expect one), then who looks after them and what comes next, then sharing and their account.</summary>
public sealed class IndexModel(AftercareDb db, SafetyPlanStore store, MyCare care, CareAccess access, Conversations conversations) : PageModel
{
    public string Name { get; private set; } = "";
    public PlanSnapshot? Plan { get; private set; }
    public MyCareSummary? Care { get; private set; }
    public MyMessagesSummary? Messages { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null) return NotFound();
        Name = me.Name;
        Plan = await store.Read(me.Person, ct);
        Care = await care.Read(me.Person, ct);
        if (await access.Conversation(null, User, auditRead: false, ct) is { } conversation)
            Messages = await conversations.Summary(conversation, ct);
        return Page();
    }
}
