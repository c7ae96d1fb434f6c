using Aftercare.Web.Data;
using Aftercare.Web.Features.SafetyPlans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.My;

/// <summary>The patient's own plan as a PDF, to print or keep on their phone.</summary>
public sealed class PlanPdfModel(AftercareDb db, SafetyPlanStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null) return NotFound();
        var plan = await store.Read(me.Person, ct, "PDF");
        return plan is null ? NotFound() : PlanPdf.File(this, me.FullName, plan, null);
    }
}
