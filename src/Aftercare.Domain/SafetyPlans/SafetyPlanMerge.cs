namespace Aftercare.Domain.SafetyPlans;

/// <summary>
/// Merges two people's changes to the same version of a safety plan, so that a conflicting save
/// is never silently overwritten and nothing either person wrote is lost.
/// </summary>
/// <remarks>
/// <para>
/// "Base" is the version both started from, "mine" is what the second writer is trying to save,
/// "theirs" is what was saved in the meantime. Each section is merged on its own. An entry is
/// identified by its whole value (text, phone and hours). Each side is compared with the base
/// (longest common subsequence), which shows, for every base entry, whether that side kept it,
/// removed it, or replaced it (removed it and wrote something else in the same place: an edit),
/// and where that side added new entries.
/// </para>
/// <para>The rule, per section:</para>
/// <list type="bullet">
/// <item>An entry kept on both sides is kept, in the base order.</item>
/// <item>An entry added on either side is kept, where that side put it; an entry added on both sides is kept once.</item>
/// <item>An entry removed on one side and untouched on the other is removed; removed on both sides, it is removed.</item>
/// <item>An entry edited on one side and untouched on the other takes the edit.</item>
/// <item>An entry edited the same way on both sides takes the edit once.</item>
/// <item>
/// An entry edited differently on the two sides is a conflict: both new texts are kept (mine first)
/// and the conflict is reported, so the writer chooses.
/// </item>
/// <item>
/// An entry edited on one side and removed on the other is a conflict: the edited text is kept
/// (nothing written is lost) and the conflict is reported, so the writer can remove it.
/// </item>
/// </list>
/// <para>
/// So every entry that either side wrote and that was not in the base is in the result, and the
/// result has no duplicate of an added entry. Merging with an unchanged side gives the other side
/// exactly (for a section with no repeated entries). The result is not validated: a merged section may hold more than 20 entries, which the
/// writer trims before saving.
/// </para>
/// </remarks>
public static class SafetyPlanMerge
{
    public static SafetyPlanMergeResult ThreeWay(SafetyPlanContent @base, SafetyPlanContent mine, SafetyPlanContent theirs)
    {
        var merged = SafetyPlanContent.Empty;
        var conflicts = new List<SafetyPlanMergeConflict>();
        foreach (var info in SafetyPlanContent.Sections)
        {
            var entries = MergeSection(info, @base[info.Key], mine[info.Key], theirs[info.Key], conflicts);
            merged = merged.With(info.Key, entries);
        }
        return new SafetyPlanMergeResult(merged, conflicts);
    }

    private static List<PlanEntry> MergeSection(SafetyPlanSectionInfo info, IReadOnlyList<PlanEntry> b, IReadOnlyList<PlanEntry> mine, IReadOnlyList<PlanEntry> theirs, List<SafetyPlanMergeConflict> conflicts)
    {
        var m = Changes.Of(b, mine);
        var t = Changes.Of(b, theirs);
        var output = new List<(PlanEntry Entry, bool Added)>();
        var emitted = new HashSet<Hunk>(ReferenceEqualityComparer.Instance);
        var reported = new HashSet<(Hunk?, Hunk?)>();

        void Emit(Hunk hunk)
        {
            if (emitted.Add(hunk)) output.AddRange(hunk.Inserted.Select(e => (e, true)));
        }

        void Conflict(Hunk? mineHunk, Hunk? theirsHunk)
        {
            if (!reported.Add((mineHunk, theirsHunk))) return;
            var original = (mineHunk?.Removed ?? []).Union(theirsHunk?.Removed ?? []).Order().Select(i => b[i]).ToList();
            conflicts.Add(new SafetyPlanMergeConflict(info, original, mineHunk?.Inserted ?? [], theirsHunk?.Inserted ?? []));
        }

        for (var i = 0; i <= b.Count; i++)
        {
            foreach (var hunk in m.InsertionsBefore(i)) Emit(hunk);
            foreach (var hunk in t.InsertionsBefore(i)) Emit(hunk);
            if (i == b.Count) break;

            var mh = m.Fate[i];
            var th = t.Fate[i];
            if (mh is null)
            {
                if (th is null) output.Add((b[i], false));
                else if (th.IsEdit) Emit(th); // edited there, untouched here; a removal there simply removes
            }
            else if (th is null)
            {
                if (mh.IsEdit) Emit(mh);
            }
            else if (mh.IsEdit && th.IsEdit)
            {
                Emit(mh);
                if (mh.Inserted.SequenceEqual(th.Inserted))
                {
                    emitted.Add(th);
                }
                else
                {
                    Emit(th);
                    Conflict(mh, th);
                }
            }
            else if (mh.IsEdit || th.IsEdit)
            {
                // Edited on one side, removed on the other: the edit is kept.
                Emit(mh.IsEdit ? mh : th);
                Conflict(mh, th);
            }
        }

        // An entry added on either side is kept once, even if it is also in the section already.
        var result = new List<PlanEntry>();
        var addedSoFar = new HashSet<PlanEntry>();
        var keptSoFar = new HashSet<PlanEntry>();
        foreach (var (entry, added) in output)
        {
            if (addedSoFar.Contains(entry)) continue;
            if (added && keptSoFar.Contains(entry)) continue;
            result.Add(entry);
            (added ? addedSoFar : keptSoFar).Add(entry);
        }
        return result;
    }

    /// <summary>One place where a side differs from the base: base entries it removed, and what it wrote there.</summary>
    private sealed class Hunk
    {
        public List<int> Removed { get; } = [];
        public List<PlanEntry> Inserted { get; } = [];
        /// <summary>The base index the hunk starts at; for a pure insertion, the base entry it comes before.</summary>
        public int At { get; set; }
        public bool IsEdit => Removed.Count > 0 && Inserted.Count > 0;
        public bool IsPureInsertion => Removed.Count == 0;
    }

    /// <summary>How one side differs from the base: for each base entry, null if kept, else the hunk that removed it.</summary>
    private sealed class Changes
    {
        public Hunk?[] Fate { get; private init; } = [];
        private List<Hunk> Hunks { get; init; } = [];

        public IEnumerable<Hunk> InsertionsBefore(int baseIndex) => Hunks.Where(h => h.IsPureInsertion && h.At == baseIndex);

        public static Changes Of(IReadOnlyList<PlanEntry> b, IReadOnlyList<PlanEntry> side)
        {
            // lcs[i, j]: length of the longest common subsequence of b[i..] and side[j..].
            var lcs = new int[b.Count + 1, side.Count + 1];
            for (var i = b.Count - 1; i >= 0; i--)
                for (var j = side.Count - 1; j >= 0; j--)
                    lcs[i, j] = b[i] == side[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

            var fate = new Hunk?[b.Count];
            var hunks = new List<Hunk>();
            Hunk? open = null;
            void Close(int at)
            {
                if (open is null) return;
                open.At = open.Removed.Count > 0 ? open.Removed[0] : at;
                hunks.Add(open);
                open = null;
            }

            int x = 0, y = 0;
            while (x < b.Count || y < side.Count)
            {
                if (x < b.Count && y < side.Count && b[x] == side[y])
                {
                    Close(x);
                    x++;
                    y++;
                }
                else if (y == side.Count || (x < b.Count && lcs[x + 1, y] >= lcs[x, y + 1]))
                {
                    open ??= new Hunk();
                    open.Removed.Add(x);
                    fate[x] = open;
                    x++;
                }
                else
                {
                    open ??= new Hunk();
                    open.Inserted.Add(side[y]);
                    y++;
                }
            }
            Close(b.Count);
            return new Changes { Fate = fate, Hunks = hunks };
        }
    }
}

public sealed class SafetyPlanMergeResult(SafetyPlanContent merged, IReadOnlyList<SafetyPlanMergeConflict> conflicts)
{
    public SafetyPlanContent Merged { get; } = merged;
    public IReadOnlyList<SafetyPlanMergeConflict> Conflicts { get; } = conflicts;
    public bool HasConflicts => Conflicts.Count > 0;
}

/// <summary>
/// Entries changed differently on both sides. <see cref="Mine"/> is what the writer saving now
/// wrote, <see cref="Theirs"/> what was saved in the meantime; empty means that side removed them.
/// Whatever was written is in the merged content.
/// </summary>
public sealed class SafetyPlanMergeConflict(SafetyPlanSectionInfo section, IReadOnlyList<PlanEntry> original, IReadOnlyList<PlanEntry> mine, IReadOnlyList<PlanEntry> theirs)
{
    public SafetyPlanSection Section { get; } = section.Key;
    public IReadOnlyList<PlanEntry> Original { get; } = original;
    public IReadOnlyList<PlanEntry> Mine { get; } = mine;
    public IReadOnlyList<PlanEntry> Theirs { get; } = theirs;

    /// <summary>A sentence for the writer, e.g. "Warning signs: “Not sleeping” was changed in the saved version and in yours. Both are kept; remove the one you do not want."</summary>
    public string Description { get; } = Describe(section.ShortName, original, mine, theirs);

    private static string Describe(string shortName, IReadOnlyList<PlanEntry> original, IReadOnlyList<PlanEntry> mine, IReadOnlyList<PlanEntry> theirs)
    {
        var what = string.Join(", ", original.Select(e => $"“{e.Text}”"));
        if (mine.Count == 0)
            return $"{shortName}: you removed {what}, but it was changed in the saved version. The changed entry is kept; remove it if it is no longer wanted.";
        if (theirs.Count == 0)
            return $"{shortName}: {what} was removed in the saved version, but you changed it. Your change is kept; remove it if it is no longer wanted.";
        return $"{shortName}: {what} was changed in the saved version and in yours. Both are kept; remove the one you do not want.";
    }
}
