using Aftercare.Domain.Common;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Directory.Manage;

/// <summary>
/// The whole directory, retired services included (as "inactive"), as an Open Referral UK file:
/// to publish it, or to load it into another Aftercare.
/// </summary>
public sealed class ExportModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        audit.Add(AuditActions.Export, DirectoryAudit.Entity, null, reason: $"{services.Count} services exported");
        await db.SaveChangesAsync(ct);
        var day = UkTime.DateOf(clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return File(OpenReferral.Export(services), "application/json", $"aftercare-directory-{day}.json");
    }
}
