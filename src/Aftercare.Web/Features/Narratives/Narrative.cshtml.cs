using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Narratives;

/// <summary>
/// The narrative interview: the person's story in their own words, and their choice of who may
/// read it. Each telling is kept; the newest is shown first.
/// </summary>
public sealed class NarrativeModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public StoryForm Form { get; set; } = new();
    [BindProperty(Name = "Sharing")] public NarrativeSharing? Sharing { get; set; }

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public List<NarrativeInterview> Tellings { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.ReadPerson(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        await Load(found, ct);
        if (Tellings.Count > 0) await audit.WriteReadAsync("Narrative", Tellings[0].Id.ToString(), id, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        ModelState.Remove("Sharing");
        if (!ModelState.IsValid) { await Load(found, ct); return Page(); }
        try
        {
            var narrative = NarrativeInterview.Record(found.Person.Id, Form.Story, Form.Sharing ?? 0, found.Reader.Id, clock.GetUtcNow());
            db.Narratives.Add(narrative);
            audit.Add(AuditActions.Create, "Narrative", narrative.Id.ToString(), id, NarrativeInterview.Describe(narrative.Sharing));
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form." + (e.Field ?? "Story"), e.Message);
            await Load(found, ct);
            return Page();
        }
        Notice = "The story is saved, with who may read it.";
        return Redirect($"/persons/{id}/narrative");
    }

    public async Task<IActionResult> OnPostSharingAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        var latest = await db.Narratives.Where(n => n.PersonId == found.Person.Id).OrderByDescending(n => n.RecordedAt).FirstOrDefaultAsync(ct);
        if (latest is null) return NotFound();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Form")).ToList()) ModelState.Remove(key);
        if (Sharing is null)
        {
            ModelState.AddModelError("Sharing", "Choose who may read the story");
            await Load(found, ct);
            return Page();
        }
        if (latest.ChangeSharing(Sharing.Value, found.Reader.Id, clock.GetUtcNow()))
        {
            audit.Add(AuditActions.Update, "Narrative", latest.Id.ToString(), id, "Sharing changed to: " + NarrativeInterview.Describe(latest.Sharing));
            await db.SaveChangesAsync(ct);
            Notice = "Who may read the story is changed.";
        }
        return Redirect($"/persons/{id}/narrative");
    }

    private async Task Load(PersonAccess found, CancellationToken ct)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        Tellings = await db.Narratives.AsNoTracking().Where(n => n.PersonId == found.Person.Id)
            .OrderByDescending(n => n.RecordedAt).Take(20).ToListAsync(ct);
        Sharing ??= Tellings.FirstOrDefault()?.Sharing;
    }

    public static readonly NarrativeSharing[] Choices =
        [NarrativeSharing.CareTeamOnly, NarrativeSharing.CareTeamAndReferredServices, NarrativeSharing.CareTeamReferredServicesAndGp];

    public sealed class StoryForm
    {
        [Required(ErrorMessage = "Write the person's story, in their words")]
        [StringLength(NarrativeInterview.MaxStoryLength, ErrorMessage = "The story must be 20,000 characters or fewer")]
        public string Story { get; set; } = "";

        [Required(ErrorMessage = "Ask the person who may read their story, and choose their answer")]
        public NarrativeSharing? Sharing { get; set; }
    }
}
