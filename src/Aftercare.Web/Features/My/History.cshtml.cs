using Aftercare.Web.Data;
using Aftercare.Web.Features.SafetyPlans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.My;

/// <summary>Every version of the patient's plan, and what changed.</summary>
public sealed class HistoryModel(AftercareDb db, SafetyPlanStore store) : PageModel
{
    public PlanHistory History { get; private set; } = PlanHistory.None;

    public async Task<IActionResult> OnGetAsync(int? from, int? to, CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null) return NotFound();
        History = await PlanHistory.Load(store, me.Person, from, to, "/my/plan/history", ct);
        return Page();
    }
}
