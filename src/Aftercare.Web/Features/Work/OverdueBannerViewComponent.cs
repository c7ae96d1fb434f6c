using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Aftercare.Web.Features.Work;

/// <summary>
/// The banner on every page of a practitioner with an overdue contact (named or covering), and of their supervisor
/// while anyone in the team has one. It goes only when the contact is done, closed with a reason,
/// or handed over; it cannot be dismissed (hazard H23).
/// </summary>
public sealed class OverdueBannerViewComponent(Worklists worklists, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var staff = CurrentStaff.From(UserClaimsPrincipal);
        if (staff is null || !staff.IsClinical) return Content("");
        var counts = await worklists.Overdue(staff, clock.GetUtcNow());
        if (counts.Mine == 0 && counts.Team == 0) return Content("");
        return View((counts, staff.TeamId?.Value));
    }
}
