using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Directory.Manage;

/// <summary>An administrator adds a service to the directory.</summary>
public sealed class AddModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel, IServiceFormPage
{
    [BindProperty(Name = "Form")] public ServiceForm Form { get; set; } = new() { Coverage = "areas" };

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var staff = CurrentStaff.From(User)!;
        var details = Form.ToDetails(ModelState, "Form.");
        if (details is null) return Page();
        AftercareService service;
        try
        {
            service = AftercareService.Add(details, null, staff.Id, staff.Name, clock.GetUtcNow());
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form." + ServiceForm.FieldOf(e.Field), e.Message);
            return Page();
        }
        db.Services.Add(service);
        audit.Add(AuditActions.Create, DirectoryAudit.Entity, service.Id.ToString(), reason: service.Name);
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"{service.Name} added to the directory";
        return Redirect($"/directory/manage/{service.Id}");
    }
}
