using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Directory;

/// <summary>
/// A service as a practitioner needs it when referring: its eligibility criteria and exclusions
/// one by one, how to refer, the typical wait, how to reach it and when it is open. A retired
/// service still opens, marked retired, because referrals made to it point here.
/// </summary>
public sealed class ServiceModel(AftercareDb db) : PageModel
{
    public AftercareService Service { get; private set; } = null!;
    /// <summary>For an administrator only: the people who sign in for this service.</summary>
    public List<Manage.UsersModel.ServiceUserRow>? Users { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == new ServiceId(id), ct);
        if (found is null) return NotFound();
        Service = found;
        if (CurrentStaff.From(User)?.Role == StaffRole.Administrator)
            Users = await Manage.UsersModel.UsersOf(db, found.Id, ct);
        return Page();
    }
}
