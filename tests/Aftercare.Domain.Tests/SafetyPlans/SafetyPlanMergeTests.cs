using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Domain.Tests.SafetyPlans;

public class SafetyPlanMergeTests
{
    private static readonly PlanEntry A = new("Not sleeping");
    private static readonly PlanEntry B = new("Staying in my room");
    private static readonly PlanEntry C = new("Not answering my phone");
    private static readonly PlanEntry D = new("Drinking more");

    private static SafetyPlanContent Signs(params PlanEntry[] entries) => new() { WarningSigns = entries };

    private static SafetyPlanMergeResult Merge(PlanEntry[] @base, PlanEntry[] mine, PlanEntry[] theirs) =>
        SafetyPlanMerge.ThreeWay(Signs(@base), Signs(mine), Signs(theirs));

    [Fact]
    public void EntriesAddedOnEitherSide_AreBothKept_WithoutAConflict()
    {
        var result = Merge([A, B], [A, B, C], [A, B, D]);

        Assert.Equal([A, B, C, D], result.Merged.WarningSigns);
        Assert.False(result.HasConflicts);
    }

    [Fact]
    public void EntriesAddedInDifferentPlaces_AreKeptWhereEachSidePutThem()
    {
        var result = Merge([A, B], [C, A, B], [A, B, D]);

        Assert.Equal([C, A, B, D], result.Merged.WarningSigns);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void TheSameEntryAddedOnBothSides_IsKeptOnce()
    {
        var result = Merge([A], [A, C], [A, C]);

        Assert.Equal([A, C], result.Merged.WarningSigns);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void TheSameEntryAddedInDifferentPlacesOnBothSides_IsKeptOnce()
    {
        var result = Merge([A, B], [C, A, B], [A, B, C]);

        Assert.Single(result.Merged.WarningSigns, C);
        Assert.Equal(3, result.Merged.WarningSigns.Count);
    }

    [Fact]
    public void AnEntryRemovedByMe_AndUntouchedByThem_IsRemoved()
    {
        var result = Merge([A, B, C], [A, C], [A, B, C]);

        Assert.Equal([A, C], result.Merged.WarningSigns);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void AnEntryRemovedByThem_AndUntouchedByMe_IsRemoved()
    {
        var result = Merge([A, B, C], [A, B, C, D], [B, C]);

        Assert.Equal([B, C, D], result.Merged.WarningSigns);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void AnEntryRemovedOnBothSides_IsRemoved()
    {
        var result = Merge([A, B, C], [A, C], [A, C]);

        Assert.Equal([A, C], result.Merged.WarningSigns);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void AnEntryEditedOnOneSide_AndUntouchedOnTheOther_TakesTheEdit()
    {
        var edited = new PlanEntry("Not sleeping for two nights");

        Assert.Equal([edited, B], Merge([A, B], [edited, B], [A, B]).Merged.WarningSigns);
        Assert.Equal([edited, B], Merge([A, B], [A, B], [edited, B]).Merged.WarningSigns);
        Assert.Empty(Merge([A, B], [A, B], [edited, B]).Conflicts);
    }

    [Fact]
    public void AnEntryEditedTheSameWayOnBothSides_TakesTheEditOnce()
    {
        var edited = new PlanEntry("Not sleeping for two nights");

        var result = Merge([A, B], [edited, B], [edited, B]);

        Assert.Equal([edited, B], result.Merged.WarningSigns);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void AnEntryEditedDifferentlyOnBothSides_IsAConflict_AndBothTextsAreKept()
    {
        var mine = new PlanEntry("Not sleeping for two nights");
        var theirs = new PlanEntry("Lying awake worrying");

        var result = Merge([A, B], [mine, B], [theirs, B]);

        Assert.Equal([mine, theirs, B], result.Merged.WarningSigns);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(SafetyPlanSection.WarningSigns, conflict.Section);
        Assert.Equal([A], conflict.Original);
        Assert.Equal([mine], conflict.Mine);
        Assert.Equal([theirs], conflict.Theirs);
        Assert.Equal("Warning signs: “Not sleeping” was changed in the saved version and in yours. Both are kept; remove the one you do not want.", conflict.Description);
    }

    [Fact]
    public void APhoneNumberChangedDifferentlyOnBothSides_IsAConflict_AndBothNumbersAreKept()
    {
        var original = new PlanEntry("My sister Ade", "07700 900123");
        var mine = original with { Phone = "07700 900456" };
        var theirs = original with { Phone = "07700 900789" };
        var @base = new SafetyPlanContent { PeopleICanAsk = [original] };

        var result = SafetyPlanMerge.ThreeWay(@base, @base with { PeopleICanAsk = [mine] }, @base with { PeopleICanAsk = [theirs] });

        Assert.Equal([mine, theirs], result.Merged.PeopleICanAsk);
        Assert.Equal(SafetyPlanSection.PeopleICanAsk, Assert.Single(result.Conflicts).Section);
    }

    [Fact]
    public void AnEntryEditedByMe_AndRemovedByThem_IsAConflict_AndMyEditIsKept()
    {
        var mine = new PlanEntry("Not sleeping for two nights");

        var result = Merge([A, B], [mine, B], [B]);

        Assert.Equal([mine, B], result.Merged.WarningSigns);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal([A], conflict.Original);
        Assert.Equal([mine], conflict.Mine);
        Assert.Empty(conflict.Theirs);
        Assert.Contains("was removed in the saved version, but you changed it", conflict.Description);
    }

    [Fact]
    public void AnEntryRemovedByMe_AndEditedByThem_IsAConflict_AndTheirEditIsKept()
    {
        var theirs = new PlanEntry("Not sleeping for two nights");

        var result = Merge([A, B], [B], [theirs, B]);

        Assert.Equal([theirs, B], result.Merged.WarningSigns);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Empty(conflict.Mine);
        Assert.Equal([theirs], conflict.Theirs);
        Assert.Contains("you removed “Not sleeping”, but it was changed in the saved version", conflict.Description);
    }

    [Fact]
    public void AReorderOnOneSide_AndAnAdditionOnTheOther_AreBothKept()
    {
        var result = Merge([A, B, C], [C, A, B], [A, B, C, D]);

        Assert.Equal([C, A, B, D], result.Merged.WarningSigns);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void ChangesInDifferentSections_AreBothKept()
    {
        var @base = new SafetyPlanContent { WarningSigns = [A], ReasonsForLiving = [new("My cat")] };
        var mine = @base with { WarningSigns = [A, B] };
        var theirs = @base with { ReasonsForLiving = [new("My cat"), new("My nephew")] };

        var result = SafetyPlanMerge.ThreeWay(@base, mine, theirs);

        Assert.Equal(new SafetyPlanContent { WarningSigns = [A, B], ReasonsForLiving = [new("My cat"), new("My nephew")] }, result.Merged);
        Assert.False(result.HasConflicts);
    }

    [Fact]
    public void ConflictsInSeveralSections_AreEachReported()
    {
        var @base = new SafetyPlanContent { WarningSigns = [A], SafeSpace = [new("Give my tablets to Mum")] };
        var mine = new SafetyPlanContent { WarningSigns = [new("mine 1")], SafeSpace = [new("mine 2")] };
        var theirs = new SafetyPlanContent { WarningSigns = [new("theirs 1")], SafeSpace = [new("theirs 2")] };

        var result = SafetyPlanMerge.ThreeWay(@base, mine, theirs);

        Assert.Equal([SafetyPlanSection.WarningSigns, SafetyPlanSection.SafeSpace], result.Conflicts.Select(c => c.Section));
        Assert.Equal([new PlanEntry("mine 2"), new PlanEntry("theirs 2")], result.Merged.SafeSpace);
    }

    [Fact]
    public void MergingWithAnUnchangedSide_GivesTheOtherSideExactly()
    {
        var @base = new SafetyPlanContent { WarningSigns = [A, B, C], ReasonsForLiving = [new("My cat")] };
        var changed = new SafetyPlanContent { WarningSigns = [D, C, new("Not sleeping at all")], PeopleICanAsk = [new("Ade", "07700 900123")] };

        Assert.Equal(changed, SafetyPlanMerge.ThreeWay(@base, changed, @base).Merged);
        Assert.Equal(changed, SafetyPlanMerge.ThreeWay(@base, @base, changed).Merged);
        Assert.Empty(SafetyPlanMerge.ThreeWay(@base, @base, changed).Conflicts);
    }

    [Fact]
    public void MergingTwoIdenticalChanges_GivesThatChange()
    {
        var @base = Signs(A, B, C);
        var both = Signs(C, new PlanEntry("edited"), D);

        var result = SafetyPlanMerge.ThreeWay(@base, both, both);

        Assert.Equal(both, result.Merged);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void TheMergedResult_IsNotCappedAt20Entries_SoTheWriterTrimsBeforeSaving()
    {
        var mine = Enumerable.Range(1, 11).Select(i => new PlanEntry($"mine {i}")).ToArray();
        var theirs = Enumerable.Range(1, 11).Select(i => new PlanEntry($"theirs {i}")).ToArray();

        var result = Merge([], mine, theirs);

        Assert.Equal(22, result.Merged.WarningSigns.Count);
        Assert.Throws<Aftercare.Domain.Common.ClinicalRuleException>(() => result.Merged.Validated());
    }

    [Fact]
    public void NothingIsLost_InAnyMergeOfRandomEdits()
    {
        var random = new Random(20260510);
        for (var run = 0; run < 2000; run++)
        {
            var @base = Enumerable.Range(0, random.Next(0, 8)).Select(i => new PlanEntry($"base {i}")).ToList();
            var mine = Edit(@base, "mine", random);
            var theirs = Edit(@base, "theirs", random);

            var merged = Merge([.. @base], [.. mine], [.. theirs]).Merged.WarningSigns;

            var context = $"run {run}: base [{Show(@base)}], mine [{Show(mine)}], theirs [{Show(theirs)}], merged [{Show(merged)}]";
            // Everything either side wrote that was not there before is kept.
            foreach (var written in mine.Concat(theirs).Except(@base))
                Assert.True(merged.Contains(written), $"{written.Text} was lost; {context}");
            // Everything both sides still have is kept.
            foreach (var shared in mine.Intersect(theirs))
                Assert.True(merged.Contains(shared), $"{shared.Text} was lost; {context}");
            // What both sides removed stays removed, and nothing comes from nowhere.
            foreach (var removed in @base.Except(mine).Except(theirs))
                Assert.False(merged.Contains(removed), $"{removed.Text} came back; {context}");
            Assert.All(merged, e => Assert.True(@base.Contains(e) || mine.Contains(e) || theirs.Contains(e), context));
            Assert.True(merged.Distinct().Count() == merged.Count, $"duplicates; {context}");
            // With one side unchanged, the other side wins exactly.
            Assert.Equal(mine, Merge([.. @base], [.. mine], [.. @base]).Merged.WarningSigns);
            Assert.Equal(theirs, Merge([.. @base], [.. @base], [.. theirs]).Merged.WarningSigns);
            Assert.Equal(mine, Merge([.. @base], [.. mine], [.. mine]).Merged.WarningSigns);
        }
    }

    private static List<PlanEntry> Edit(List<PlanEntry> @base, string who, Random random)
    {
        var entries = @base.ToList();
        var changes = random.Next(0, 4);
        for (var i = 0; i < changes; i++)
        {
            switch (random.Next(5))
            {
                case 0 when entries.Count > 0:
                    entries.RemoveAt(random.Next(entries.Count));
                    break;
                case 1 when entries.Count > 0:
                    var at = random.Next(entries.Count);
                    entries[at] = new PlanEntry($"{entries[at].Text} edited by {who} {i}");
                    break;
                case 2 when entries.Count > 1:
                    var from = random.Next(entries.Count);
                    var moved = entries[from];
                    entries.RemoveAt(from);
                    entries.Insert(random.Next(entries.Count + 1), moved);
                    break;
                case 3:
                    // Sometimes both sides add the same words.
                    var shared = new PlanEntry($"shared {random.Next(3)}");
                    if (!entries.Contains(shared)) entries.Insert(random.Next(entries.Count + 1), shared);
                    break;
                default:
                    entries.Insert(random.Next(entries.Count + 1), new PlanEntry($"added by {who} {i}"));
                    break;
            }
        }
        return entries;
    }

    private static string Show(IEnumerable<PlanEntry> entries) => string.Join(", ", entries.Select(e => e.Text));
}
