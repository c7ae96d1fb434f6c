using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.SafetyPlans;

/// <summary>Whose plan an editor page is changing, and who is changing it.</summary>
public sealed record PlanEditor(PersonId Person, string PersonName, Author Author);

/// <summary>
/// The plan editor, for the practitioner and for the patient: the same form, the same rules, the
/// same merge when both have saved. Subclasses say who may edit whose plan and where to go after.
/// </summary>
public abstract class PlanEditorPage(SafetyPlanStore store) : PageModel
{
    [BindProperty(Name = "Form")] public PlanForm Form { get; set; } = new();

    public string PersonName { get; private set; } = "";
    /// <summary>Set when a save met someone else's newer version: what they changed, and where both changed the same entry.</summary>
    public PlanSaveResult.Conflict? Conflict { get; private set; }
    /// <summary>What the other writer changed between the version this writer started from and theirs.</summary>
    public SafetyPlanDiff? TheirChanges { get; private set; }

    /// <summary>The plan being edited, or null (then the page answers 404) if this user may not change it.</summary>
    protected abstract Task<PlanEditor?> Editor(CancellationToken ct);
    /// <summary>Where the writer goes after a save.</summary>
    protected abstract string PlanAddress { get; }

    public async Task<IActionResult> OnGetAsync(SafetyPlanSection? section, CancellationToken ct)
    {
        var editor = await Editor(ct);
        if (editor is null) return NotFound();
        PersonName = editor.PersonName;
        if (section is { } s && !Enum.IsDefined(s)) section = null;
        var plan = await store.Read(editor.Person, ct, "Opened to edit");
        Form = PlanEditing.FormFor(plan?.Content ?? SafetyPlanContent.Empty, plan?.Version ?? 0, section);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var editor = await Editor(ct);
        if (editor is null) return NotFound();
        PersonName = editor.PersonName;
        if (Form.Section is { } s && !Enum.IsDefined(s)) Form.Section = null;

        if (PlanEditing.Apply(Form))
        {
            ModelState.Clear();
            return Page();
        }

        var startedFrom = await store.ContentAt(editor.Person, Form.BasedOnVersion, ct);
        PlanSaveResult result;
        try
        {
            result = await store.Save(editor.Person, Form.BasedOnVersion, startedFrom, PlanEditing.ContentOf(Form, startedFrom), editor.Author, ct);
        }
        catch (ClinicalRuleException e)
        {
            PlanEditing.AddError(ModelState, e);
            return Page();
        }

        switch (result)
        {
            case PlanSaveResult.Conflict conflict:
                Conflict = conflict;
                TheirChanges = SafetyPlanDiff.Between(conflict.Base, conflict.Current.Content);
                // The merged plan replaces what was posted, so the page must show it, not the posted values.
                ModelState.Clear();
                Form = PlanEditing.MergeForm(conflict);
                return Page();
            case PlanSaveResult.Saved saved:
                TempData["Notice"] = $"Saved. This is version {saved.Version} of the plan.";
                return Redirect(PlanAddress);
            default:
                TempData["Notice"] = "Nothing had changed, so no new version was saved.";
                return Redirect(PlanAddress);
        }
    }
}
