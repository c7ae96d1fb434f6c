using Aftercare.Web.Data;
using Aftercare.Web.Features.SafetyPlans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.My;

/// <summary>The patient's home: their plan first, then sharing and their account.</summary>
public sealed class IndexModel(AftercareDb db, SafetyPlanStore store) : PageModel
{
    public string Name { get; private set; } = "";
    public PlanSnapshot? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null) return NotFound();
        Name = me.Name;
        Plan = await store.Read(me.Person, ct);
        return Page();
    }
}
