using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Aftercare.Web.Features.Work;

/// <summary>
/// The crisis alert banner on every page of a clinician with an open alert that is theirs (hazard
/// H52): read with the session check, in the overdue banner's statement, so it is there without
/// JavaScript and costs no round trip. It stays until someone takes the alert on (then only they
/// keep it) and goes when what was done is recorded. The slot is always there, so that live.js can
/// put an alert raised while the page is open into it.
/// </summary>
public sealed class AlertBannerViewComponent(Worklists worklists, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var staff = CurrentStaff.From(UserClaimsPrincipal);
        if (staff is null || !staff.IsClinical) return Content("");
        var counts = await worklists.Overdue(staff, clock.GetUtcNow());
        return View(new AlertBannerView(counts.OpenAlerts, counts.OldestOpenAlert, staff.TeamId?.Value));
    }
}

public sealed record AlertBannerView(int Open, Guid? Oldest, Guid? Team);
