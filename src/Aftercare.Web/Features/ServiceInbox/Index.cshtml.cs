using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.ServiceInbox;

/// <summary>
/// Where someone of a receiving service lands: the referrals addressed to their service. The
/// service is the one their account belongs to, never one named in the address, so no service
/// can see another's. The inbox itself comes with referrals; until then it says there are none.
/// </summary>
public sealed class IndexModel(AftercareDb db) : PageModel
{
    public Guid ServiceId { get; private set; }
    public string ServiceName { get; private set; } = "";
    public bool IsRetired { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = CurrentServiceUser.From(User);
        if (me is null) return NotFound();
        // The name as the directory has it now, which may have changed since they signed in.
        var service = await db.Services.AsNoTracking().Where(s => s.Id == me.ServiceId)
            .Select(s => new { s.Name, s.IsActive }).FirstOrDefaultAsync(ct);
        if (service is null) return NotFound();
        ServiceId = me.ServiceId.Value;
        ServiceName = service.Name;
        IsRetired = !service.IsActive;
        return Page();
    }
}
