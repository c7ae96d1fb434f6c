namespace Aftercare.Domain.SafetyPlans;

/// <summary>
/// What changed between two versions of a safety plan, section by section. An entry is identified
/// by its whole value (text, phone and hours): changing an entry's words shows as the old entry
/// removed and the new one added.
/// </summary>
public sealed class SafetyPlanDiff
{
    /// <summary>All seven sections, in plan order, changed or not.</summary>
    public IReadOnlyList<SafetyPlanSectionDiff> Sections { get; }

    private SafetyPlanDiff(IReadOnlyList<SafetyPlanSectionDiff> sections) => Sections = sections;

    public bool HasChanges => Sections.Any(s => s.HasChanges);

    /// <summary>One line per changed section, e.g. "Reasons for living: 1 added, 1 removed".</summary>
    public IReadOnlyList<string> Summary => [.. Sections.Where(s => s.HasChanges).Select(s => s.Summary!)];

    public SafetyPlanSectionDiff this[SafetyPlanSection section] => Sections.First(s => s.Section == section);

    public static SafetyPlanDiff Between(SafetyPlanContent older, SafetyPlanContent newer) =>
        new([.. SafetyPlanContent.Sections.Select(info => SafetyPlanSectionDiff.Between(info, older[info.Key], newer[info.Key]))]);
}

public sealed class SafetyPlanSectionDiff
{
    public SafetyPlanSection Section { get; }
    public string ShortName { get; }
    /// <summary>Entries in the newer version that were not in the older, in the newer order.</summary>
    public IReadOnlyList<PlanEntry> Added { get; }
    /// <summary>Entries in the older version that are not in the newer, in the older order.</summary>
    public IReadOnlyList<PlanEntry> Removed { get; }
    /// <summary>Entries in both, in the newer order.</summary>
    public IReadOnlyList<PlanEntry> Kept { get; }
    /// <summary>The entries in both are in a different order.</summary>
    public bool OrderChanged { get; }

    private SafetyPlanSectionDiff(SafetyPlanSectionInfo info, List<PlanEntry> added, List<PlanEntry> removed, List<PlanEntry> kept, bool orderChanged)
    {
        Section = info.Key;
        ShortName = info.ShortName;
        Added = added;
        Removed = removed;
        Kept = kept;
        OrderChanged = orderChanged;
    }

    public bool HasChanges => Added.Count > 0 || Removed.Count > 0 || OrderChanged;

    /// <summary>"Reasons for living: 1 added, 1 removed", "Warning signs: reordered"; null when nothing changed.</summary>
    public string? Summary
    {
        get
        {
            if (!HasChanges) return null;
            var parts = new List<string>();
            if (Added.Count > 0) parts.Add($"{Added.Count} added");
            if (Removed.Count > 0) parts.Add($"{Removed.Count} removed");
            if (OrderChanged) parts.Add("reordered");
            return $"{ShortName}: {string.Join(", ", parts)}";
        }
    }

    internal static SafetyPlanSectionDiff Between(SafetyPlanSectionInfo info, IReadOnlyList<PlanEntry> older, IReadOnlyList<PlanEntry> newer)
    {
        // Entries are counted, so a repeated entry is matched once per copy.
        var inNewer = Count(newer);
        var removed = new List<PlanEntry>();
        var keptInOlderOrder = new List<PlanEntry>();
        foreach (var entry in older)
        {
            if (inNewer.GetValueOrDefault(entry) > 0)
            {
                inNewer[entry]--;
                keptInOlderOrder.Add(entry);
            }
            else removed.Add(entry);
        }

        var inOlder = Count(older);
        var added = new List<PlanEntry>();
        var kept = new List<PlanEntry>();
        foreach (var entry in newer)
        {
            if (inOlder.GetValueOrDefault(entry) > 0)
            {
                inOlder[entry]--;
                kept.Add(entry);
            }
            else added.Add(entry);
        }

        return new SafetyPlanSectionDiff(info, added, removed, kept, !kept.SequenceEqual(keptInOlderOrder));
    }

    private static Dictionary<PlanEntry, int> Count(IReadOnlyList<PlanEntry> entries)
    {
        var counts = new Dictionary<PlanEntry, int>();
        foreach (var entry in entries) counts[entry] = counts.GetValueOrDefault(entry) + 1;
        return counts;
    }
}
