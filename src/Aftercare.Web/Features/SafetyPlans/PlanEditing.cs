using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Aftercare.Web.Features.SafetyPlans;

/// <summary>One entry as typed: kept as typed until it is saved, so nothing is lost on an error.</summary>
public sealed class EntryForm
{
    public string? Text { get; set; }
    public string? Phone { get; set; }
    public string? Hours { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Hours);
}

/// <summary>
/// The plan editor's form, the same for staff and for the patient. Its properties are in page
/// order (the error summary follows it). Reordering, adding and removing entries are buttons that
/// post the form back (<see cref="Command"/>), so all of it works without JavaScript and nothing
/// typed is lost in between.
/// </summary>
public sealed class PlanForm
{
    /// <summary>The version the writer started from (0: no plan yet).</summary>
    public int BasedOnVersion { get; set; }
    /// <summary>The one section being edited, or null for the whole plan.</summary>
    public SafetyPlanSection? Section { get; set; }
    public List<EntryForm> WarningSigns { get; set; } = [];
    public List<EntryForm> ThingsICanDo { get; set; } = [];
    public List<EntryForm> PeopleAndPlaces { get; set; } = [];
    public List<EntryForm> PeopleICanAsk { get; set; } = [];
    public List<EntryForm> Professionals { get; set; } = [];
    public List<EntryForm> SafeSpace { get; set; } = [];
    public List<EntryForm> ReasonsForLiving { get; set; } = [];
    /// <summary>A button other than Save: "up:Section:index", "down:…", "remove:…" or "add:Section".</summary>
    public string? Command { get; set; }

    public List<EntryForm> Entries(SafetyPlanSection section) => section switch
    {
        SafetyPlanSection.WarningSigns => WarningSigns,
        SafetyPlanSection.ThingsICanDo => ThingsICanDo,
        SafetyPlanSection.PeopleAndPlaces => PeopleAndPlaces,
        SafetyPlanSection.PeopleICanAsk => PeopleICanAsk,
        SafetyPlanSection.Professionals => Professionals,
        SafetyPlanSection.SafeSpace => SafeSpace,
        SafetyPlanSection.ReasonsForLiving => ReasonsForLiving,
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
    };

    /// <summary>The sections this form edits, in plan order.</summary>
    public IEnumerable<SafetyPlanSectionInfo> EditedSections =>
        SafetyPlanContent.Sections.Where(s => Section is null || s.Key == Section);
}

public static class PlanEditing
{
    /// <summary>A form holding <paramref name="content"/>, with a blank line at the end of each edited section to write in.</summary>
    public static PlanForm FormFor(SafetyPlanContent content, int version, SafetyPlanSection? section)
    {
        var form = new PlanForm { BasedOnVersion = version, Section = section };
        foreach (var info in form.EditedSections)
        {
            var entries = form.Entries(info.Key);
            entries.AddRange(content[info.Key].Select(e => new EntryForm { Text = e.Text, Phone = e.Phone, Hours = e.Hours }));
            entries.Add(new EntryForm());
        }
        return form;
    }

    /// <summary>
    /// What the writer wants the plan to say: the edited sections as typed, the others as they
    /// were in the version the writer started from.
    /// </summary>
    public static SafetyPlanContent ContentOf(PlanForm form, SafetyPlanContent startedFrom)
    {
        var content = startedFrom;
        foreach (var info in form.EditedSections)
            content = content.With(info.Key, [.. form.Entries(info.Key).Select(e => new PlanEntry(e.Text ?? "", e.Phone, e.Hours))]);
        return content;
    }

    /// <summary>
    /// Carries out a move, remove or add button. Returns false when there was no such command (the
    /// writer pressed Save). The caller clears ModelState so the page shows the new order.
    /// </summary>
    public static bool Apply(PlanForm form)
    {
        var parts = form.Command?.Split(':');
        form.Command = null;
        if (parts is null || parts.Length < 2 || !Enum.TryParse<SafetyPlanSection>(parts[1], out var section) || !Enum.IsDefined(section))
            return false;
        if (form.Section is { } only && only != section) return false;
        var entries = form.Entries(section);
        if (parts[0] == "add")
        {
            if (entries.Count < SafetyPlanContent.MaxEntriesPerSection + 5) entries.Add(new EntryForm());
            return true;
        }
        if (parts.Length != 3 || !int.TryParse(parts[2], out var i) || i < 0 || i >= entries.Count) return false;
        switch (parts[0])
        {
            case "up" when i > 0:
                (entries[i - 1], entries[i]) = (entries[i], entries[i - 1]);
                break;
            case "down" when i < entries.Count - 1:
                (entries[i + 1], entries[i]) = (entries[i], entries[i + 1]);
                break;
            case "remove":
                entries.RemoveAt(i);
                if (entries.Count == 0) entries.Add(new EntryForm());
                break;
            case "up" or "down":
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>Puts a refusal from the plan's rules next to the field it is about.</summary>
    public static void AddError(ModelStateDictionary modelState, ClinicalRuleException e) =>
        modelState.AddModelError(e.Field is null ? "" : "Form." + e.Field, e.Message);

    /// <summary>A form for the merged plan after a conflict: every section, so nothing either writer wrote is out of sight.</summary>
    public static PlanForm MergeForm(PlanSaveResult.Conflict conflict) =>
        FormFor(conflict.Merge.Merged, conflict.Current.Version, section: null);
}

/// <summary>A plan as a page shows it; <see cref="EditAddress"/> adds a "Change" link to each section.</summary>
public sealed record PlanViewModel(SafetyPlanContent Content, string? EditAddress);
