using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features;

public sealed class IndexModel(AftercareDb db) : PageModel
{
    public CurrentStaff Staff { get; private set; } = null!;
    public int UnreviewedBreakGlass { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A patient's home is their own pages; nothing on the staff home is theirs.
        if (CurrentPatient.From(User) is not null) return Redirect("/my");
        // So is a receiving service's: the referrals addressed to their service.
        if (User.IsInRole(AftercareClaims.ServiceRole)) return Redirect("/service");
        Staff = CurrentStaff.From(User)!;
        if (Staff.Role == StaffRole.Supervisor)
            UnreviewedBreakGlass = await db.BreakGlassGrants.CountAsync(g => g.RecordTeamId == Staff.TeamId && g.ReviewedAt == null, ct);
        return Page();
    }
}
