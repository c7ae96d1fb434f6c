using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Admin;

/// <summary>
/// The deployment's training modules (M14), for administrators: add one, change how often it is
/// refreshed, retire it (it is kept, because completions point at it, but stops counting) or bring
/// it back. Administrators see no one's training or supervision from here.
/// </summary>
public sealed class TrainingModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public AddForm Add { get; set; } = new();
    public List<TrainingModule> Modules { get; private set; } = [];
    /// <summary>The module whose interval form came back with an error, and what was typed.</summary>
    public Guid? IntervalFor { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAddAsync([Bind(Prefix = nameof(Add))] AddForm form, CancellationToken ct)
    {
        Add = form;
        ModelState.Clear();
        var months = Months(form.RefreshMonths, "Add.RefreshMonths");
        if (ModelState.IsValid)
        {
            try
            {
                var module = TrainingModule.Create(form.Code, form.Name, form.Description, months, clock.GetUtcNow());
                if (await db.TrainingModules.AnyAsync(m => m.Code == module.Code, ct))
                    throw new ClinicalRuleException("A module with this code already exists", nameof(TrainingModule.Code));
                db.TrainingModules.Add(module);
                audit.Add(AuditActions.Create, "TrainingModule", module.Id.ToString(), null, module.Name);
                await db.SaveChangesAsync(ct);
                Notice = $"{module.Name} added.";
                return Redirect("/admin/training");
            }
            catch (ClinicalRuleException e)
            {
                ModelState.AddModelError("Add." + (e.Field ?? "Name"), e.Message);
            }
        }
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostIntervalAsync(Guid module, string? refreshMonths, CancellationToken ct)
    {
        var found = await db.TrainingModules.FirstOrDefaultAsync(m => m.Id == new TrainingModuleId(module), ct);
        if (found is null) return NotFound();
        ModelState.Clear();
        var key = $"Interval_{module:N}";
        var months = Months(refreshMonths, key);
        if (ModelState.IsValid)
        {
            try
            {
                var was = found.RefreshMonths;
                found.ChangeRefresh(months);
                audit.Add(AuditActions.Update, "TrainingModule", found.Id.ToString(), null, $"refresh every {Describe(months)} (was {Describe(was)})");
                await db.SaveChangesAsync(ct);
                Notice = $"{found.Name}: refreshed {Describe(months)}.";
                return Redirect("/admin/training");
            }
            catch (ClinicalRuleException e)
            {
                ModelState.AddModelError(key, e.Message);
            }
        }
        IntervalFor = module;
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid module, bool reinstate, CancellationToken ct)
    {
        var found = await db.TrainingModules.FirstOrDefaultAsync(m => m.Id == new TrainingModuleId(module), ct);
        if (found is null) return NotFound();
        if (reinstate && found.IsRetired)
        {
            found.Reinstate();
            audit.Add(AuditActions.Reinstate, "TrainingModule", found.Id.ToString(), null, found.Name);
            Notice = $"{found.Name} counts again.";
        }
        else if (!reinstate && !found.IsRetired)
        {
            found.Retire(clock.GetUtcNow());
            audit.Add(AuditActions.Retire, "TrainingModule", found.Id.ToString(), null, found.Name);
            Notice = $"{found.Name} retired: it no longer counts for anyone.";
        }
        await db.SaveChangesAsync(ct);
        return Redirect("/admin/training");
    }

    private int? Months(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m)) return m;
        ModelState.AddModelError(key, "Enter the refresh interval as a whole number of months, or leave it blank for none");
        return null;
    }

    public static string Describe(int? months) => months switch
    {
        null => "never (once is enough)",
        1 => "every month",
        _ => $"every {months} months",
    };

    private async Task Load(CancellationToken ct) =>
        Modules = await db.TrainingModules.AsNoTracking().OrderBy(m => m.RetiredAt != null).ThenBy(m => m.Name).ToListAsync(ct);

    public sealed class AddForm
    {
        public string? Name { get; set; }
        public string? Code { get; set; }
        public string? Description { get; set; }
        public string? RefreshMonths { get; set; }
    }
}
