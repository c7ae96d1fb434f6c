using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Presentations;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Presentations;

/// <summary>Record an attendance at hospital after self-harm, in the person's own words.</summary>
public sealed class NewModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public PresentationForm Form { get; set; } = new();
    public string PersonName { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public List<SelectListItem> SiteOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.ReadPerson(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        PersonName = found.Person.DisplayName;
        PersonId = id;
        var now = UkTime.ToLocal(clock.GetUtcNow());
        Form.ArrivedDate = DateParts.From(DateOnly.FromDateTime(now));
        Form.SiteId = await TeamSite(found.Reader, ct);
        await LoadSites(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        PersonName = found.Person.DisplayName;
        PersonId = id;

        var whenOk = UkTimeInput.TryGet(ModelState, Form.ArrivedDate, Form.ArrivedTime, "Form.ArrivedDate", "Form.ArrivedTime", "Date of arrival", "time of arrival", out var date, out var time);
        if (Form.SiteId is { } s && !await db.Sites.AnyAsync(x => x.Id == new SiteId(s), ct))
            ModelState.AddModelError("Form.SiteId", "Choose a site from the list");
        if (!ModelState.IsValid || !whenOk) { await LoadSites(ct); return Page(); }

        try
        {
            var arrived = UkTime.ToUtc(date, time);
            var presentation = Presentation.Record(found.Person.Id, new SiteId(Form.SiteId!.Value), found.Reader.TeamId!.Value, new PresentationDetails
            {
                ArrivedAt = arrived,
                AccountInOwnWords = Form.AccountInOwnWords,
                Method = Form.Method ?? MethodCategory.NotKnown,
                PhysicalTreatment = Form.PhysicalTreatment,
                IntentInOwnWords = Form.IntentInOwnWords,
            }, found.Reader.Id, clock.GetUtcNow());
            db.Presentations.Add(presentation);
            audit.Add(AuditActions.Create, "Presentation", presentation.Id.ToString(), found.Person.Id.Value,
                found.Basis == Domain.Access.AccessBasis.BreakGlass ? "Recorded under break-glass access" : null);
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            var field = e.Field switch { "ArrivedAt" => "ArrivedDate", null => "", var f => f };
            ModelState.AddModelError("Form." + field, e.Message);
            await LoadSites(ct);
            return Page();
        }
        return Redirect($"/persons/{id}");
    }

    private async Task<Guid?> TeamSite(CurrentStaff staff, CancellationToken ct) =>
        staff.TeamId is { } team ? await db.Teams.Where(t => t.Id == team).Select(t => (Guid?)t.SiteId.Value).FirstOrDefaultAsync(ct) : null;

    private async Task LoadSites(CancellationToken ct)
    {
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).Take(1000).ToListAsync(ct);
        SiteOptions = [new SelectListItem("Choose a site", ""), .. sites.Select(s => new SelectListItem(s.Name, s.Id.Value.ToString()))];
    }

    public static List<SelectListItem> MethodOptions =>
    [
        new("Choose an option", ""),
        .. Enum.GetValues<MethodCategory>().Where(m => m != MethodCategory.NotKnown)
            .Select(m => new SelectListItem(Persons.RecordModel.Describe(m), m.ToString())),
        new("Not known", nameof(MethodCategory.NotKnown)),
    ];

    public sealed class PresentationForm
    {
        [Required(ErrorMessage = "Choose the site the person came to")]
        public Guid? SiteId { get; set; }
        public DateParts ArrivedDate { get; set; } = new();
        [StringLength(5, ErrorMessage = "Enter the time of arrival in 24-hour format, like 14:30")]
        public string? ArrivedTime { get; set; }
        [Required(ErrorMessage = "Enter what happened, in the person's words"), StringLength(8000, ErrorMessage = "This must be 8000 characters or fewer")]
        public string AccountInOwnWords { get; set; } = "";
        [StringLength(4000, ErrorMessage = "This must be 4000 characters or fewer")]
        public string? IntentInOwnWords { get; set; }
        [Required(ErrorMessage = "Choose how the person harmed themselves, or 'Not known'")]
        public MethodCategory? Method { get; set; }
        [StringLength(4000, ErrorMessage = "This must be 4000 characters or fewer")]
        public string? PhysicalTreatment { get; set; }
    }
}
