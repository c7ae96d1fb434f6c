using Aftercare.Web.Data;
using Aftercare.Web.Features.SafetyPlans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.My;

/// <summary>The patient's own safety plan, to read on their phone, change, print or download.</summary>
public sealed class PlanModel(AftercareDb db, SafetyPlanStore store) : PageModel
{
    public PlanSnapshot? Plan { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null) return NotFound();
        Plan = await store.Read(me.Person, ct);
        return Page();
    }
}
