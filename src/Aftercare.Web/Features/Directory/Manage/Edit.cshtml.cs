using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Directory.Manage;

/// <summary>
/// An administrator changes a service, or retires it (it closed, or stopped taking referrals) or
/// brings it back. Two administrators changing the same service never overwrite each other: the
/// second is told who saved first and shown what differs, with their own changes kept in the form.
/// </summary>
public sealed class EditModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel, IServiceFormPage
{
    [BindProperty(Name = "Form")] public ServiceForm Form { get; set; } = new();
    /// <summary>The version of the service this form was opened on (PostgreSQL's xmin).</summary>
    [BindProperty] public uint Version { get; set; }

    public AftercareService Service { get; private set; } = null!;
    /// <summary>After a conflicting save: what the other administrator saved, field by field, where it differs from this form.</summary>
    public IReadOnlyList<(string Field, string Saved)> TheirChanges { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public string PageUrl => $"/directory/manage/{Service.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        Form = ServiceForm.From(Service);
        Version = SavedVersion();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        var staff = CurrentStaff.From(User)!;
        var details = Form.ToDetails(ModelState, "Form.");
        if (details is null) return Page();
        // Compare with the version this form was opened on: a save by someone else since then is a conflict.
        db.Entry(Service).Property<uint>("xmin").OriginalValue = Version;
        bool changed;
        try
        {
            changed = Service.Revise(details, staff.Id, staff.Name, clock.GetUtcNow());
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form." + ServiceForm.FieldOf(e.Field), e.Message);
            return Page();
        }
        if (!changed)
        {
            Notice = "Nothing was changed";
            return Redirect(PageUrl);
        }
        audit.Add(AuditActions.Update, DirectoryAudit.Entity, Service.Id.ToString(), reason: Service.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await ShowConflict(id, ct);
            return Page();
        }
        Notice = $"{Service.Name} saved";
        return Redirect(PageUrl);
    }

    public Task<IActionResult> OnPostRetireAsync(Guid id, CancellationToken ct) => ChangeStatus(id, retire: true, ct);

    public Task<IActionResult> OnPostReinstateAsync(Guid id, CancellationToken ct) => ChangeStatus(id, retire: false, ct);

    private async Task<IActionResult> ChangeStatus(Guid id, bool retire, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        ModelState.Clear();
        var staff = CurrentStaff.From(User)!;
        db.Entry(Service).Property<uint>("xmin").OriginalValue = Version;
        try
        {
            if (retire) Service.Retire(staff.Id, staff.Name, clock.GetUtcNow());
            else Service.Reinstate(staff.Id, staff.Name, clock.GetUtcNow());
            audit.Add(retire ? AuditActions.Retire : AuditActions.Reinstate, DirectoryAudit.Entity, Service.Id.ToString(), reason: Service.Name);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ClinicalRuleException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await Load(id, ct);
            Form = ServiceForm.From(Service);
            Version = SavedVersion();
            ModelState.Clear();
            ModelState.AddModelError("", $"{Service.UpdatedByName} changed this service at {UkTime.Format(Service.UpdatedAt)} while you were looking at it, so nothing was changed. Check it below and try again");
            return Page();
        }
        Notice = retire
            ? $"{Service.Name} is retired: it no longer appears in searches. Referrals already made to it still show it"
            : $"{Service.Name} is back in use and appears in searches again";
        return Redirect(PageUrl);
    }

    /// <summary>Shows who saved first and what differs; the form keeps what this administrator typed, on the version now saved.</summary>
    private async Task ShowConflict(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await Load(id, ct);
        Version = SavedVersion();
        TheirChanges = ServiceForm.Differences(Form, ServiceForm.From(Service));
        ModelState.AddModelError("", $"{Service.UpdatedByName} saved this service at {UkTime.Format(Service.UpdatedAt)} while you were changing it, so your changes were not saved. " +
            "They are still in the form below; what was saved is shown above it. Check them and save again");
    }

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        var found = await db.Services.FirstOrDefaultAsync(s => s.Id == new ServiceId(id), ct);
        if (found is null) return false;
        Service = found;
        return true;
    }

    /// <summary>The version of the service as saved now; tracked even for reading, because xmin is known only to a tracked entity.</summary>
    private uint SavedVersion() => db.Entry(Service).Property<uint>("xmin").CurrentValue;
}
