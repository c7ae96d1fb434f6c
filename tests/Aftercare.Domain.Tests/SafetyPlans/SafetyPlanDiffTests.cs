using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Domain.Tests.SafetyPlans;

public class SafetyPlanDiffTests
{
    private static readonly PlanEntry Cat = new("My cat, Biscuit");
    private static readonly PlanEntry Nephew = new("Seeing my nephew grow up");
    private static readonly PlanEntry Football = new("Playing football on Sundays");
    private static readonly PlanEntry NotSleeping = new("Not sleeping");
    private static readonly PlanEntry StayingIn = new("Staying in my room");

    [Fact]
    public void Between_TheSameContent_HasNoChanges()
    {
        var content = new SafetyPlanContent { ReasonsForLiving = [Cat, Nephew] };

        var diff = SafetyPlanDiff.Between(content, content with { ReasonsForLiving = [Cat, Nephew] });

        Assert.False(diff.HasChanges);
        Assert.Empty(diff.Summary);
        Assert.Equal(7, diff.Sections.Count);
        Assert.All(diff.Sections, s => Assert.Null(s.Summary));
    }

    [Fact]
    public void Between_ShowsAddedRemovedAndKeptEntries()
    {
        var older = new SafetyPlanContent { ReasonsForLiving = [Cat, Nephew] };
        var newer = new SafetyPlanContent { ReasonsForLiving = [Cat, Football] };

        var section = SafetyPlanDiff.Between(older, newer)[SafetyPlanSection.ReasonsForLiving];

        Assert.Equal([Football], section.Added);
        Assert.Equal([Nephew], section.Removed);
        Assert.Equal([Cat], section.Kept);
        Assert.False(section.OrderChanged);
        Assert.True(section.HasChanges);
    }

    [Fact]
    public void Summary_SaysWhatChangedInEachChangedSection()
    {
        var older = new SafetyPlanContent { WarningSigns = [NotSleeping], ReasonsForLiving = [Cat, Nephew] };
        var newer = new SafetyPlanContent { WarningSigns = [NotSleeping], ReasonsForLiving = [Cat, Football] };

        var diff = SafetyPlanDiff.Between(older, newer);

        Assert.Equal(["Reasons for living: 1 added, 1 removed"], diff.Summary);
        Assert.True(diff.HasChanges);
        Assert.False(diff[SafetyPlanSection.WarningSigns].HasChanges);
    }

    [Fact]
    public void Summary_ListsSectionsInPlanOrder()
    {
        var older = SafetyPlanContent.Empty;
        var newer = new SafetyPlanContent { ReasonsForLiving = [Cat], WarningSigns = [NotSleeping, StayingIn] };

        Assert.Equal(["Warning signs: 2 added", "Reasons for living: 1 added"], SafetyPlanDiff.Between(older, newer).Summary);
    }

    [Fact]
    public void Between_AReorder_IsNotAnAdditionOrRemoval()
    {
        var older = new SafetyPlanContent { WarningSigns = [NotSleeping, StayingIn] };
        var newer = new SafetyPlanContent { WarningSigns = [StayingIn, NotSleeping] };

        var section = SafetyPlanDiff.Between(older, newer)[SafetyPlanSection.WarningSigns];

        Assert.Empty(section.Added);
        Assert.Empty(section.Removed);
        Assert.Equal([StayingIn, NotSleeping], section.Kept);
        Assert.True(section.OrderChanged);
        Assert.Equal("Warning signs: reordered", section.Summary);
    }

    [Fact]
    public void Between_AnAdditionAtTheTop_DoesNotCountAsAReorder()
    {
        var older = new SafetyPlanContent { WarningSigns = [NotSleeping, StayingIn] };
        var newer = new SafetyPlanContent { WarningSigns = [new("Drinking more"), NotSleeping, StayingIn] };

        var section = SafetyPlanDiff.Between(older, newer)[SafetyPlanSection.WarningSigns];

        Assert.False(section.OrderChanged);
        Assert.Equal("Warning signs: 1 added", section.Summary);
    }

    [Fact]
    public void Between_AChangedPhoneNumber_IsTheOldEntryRemovedAndTheNewOneAdded()
    {
        var older = new SafetyPlanContent { PeopleICanAsk = [new("Ade", "07700 900123")] };
        var newer = new SafetyPlanContent { PeopleICanAsk = [new("Ade", "07700 900999")] };

        var section = SafetyPlanDiff.Between(older, newer)[SafetyPlanSection.PeopleICanAsk];

        Assert.Equal([new PlanEntry("Ade", "07700 900999")], section.Added);
        Assert.Equal([new PlanEntry("Ade", "07700 900123")], section.Removed);
        Assert.Equal("People I can ask for help: 1 added, 1 removed", section.Summary);
    }

    [Fact]
    public void Between_ARepeatedEntry_IsCountedOncePerCopy()
    {
        var older = new SafetyPlanContent { ThingsICanDo = [new("Walk"), new("Walk")] };
        var newer = new SafetyPlanContent { ThingsICanDo = [new("Walk")] };

        var section = SafetyPlanDiff.Between(older, newer)[SafetyPlanSection.ThingsICanDo];

        Assert.Equal([new PlanEntry("Walk")], section.Removed);
        Assert.Equal([new PlanEntry("Walk")], section.Kept);
        Assert.Empty(section.Added);
    }

    [Fact]
    public void Between_AnAdditionARemovalAndAReorder_AllShowInOneLine()
    {
        var older = new SafetyPlanContent { ReasonsForLiving = [Cat, Nephew, Football] };
        var newer = new SafetyPlanContent { ReasonsForLiving = [Football, new("My mum"), Cat] };

        var section = SafetyPlanDiff.Between(older, newer)[SafetyPlanSection.ReasonsForLiving];

        Assert.Equal("Reasons for living: 1 added, 1 removed, reordered", section.Summary);
        Assert.Equal([Football, Cat], section.Kept);
    }
}
