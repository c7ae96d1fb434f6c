using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Aftercare.Web.Features.Work;

/// <summary>
/// "Messages" in a clinician's header, with how many conversations of the people they answer have
/// messages they have not read. The count is read with the session check, in the overdue
/// banner's statement (<see cref="Worklists.BannerAlongside"/>): no round trip of its own.
/// </summary>
public sealed class MessagesLinkViewComponent(Worklists worklists, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var staff = CurrentStaff.From(UserClaimsPrincipal);
        if (staff is null || !staff.IsClinical) return Content("");
        var counts = await worklists.Overdue(staff, clock.GetUtcNow());
        return View(counts.UnreadConversations);
    }
}
