using Aftercare.Domain.Dashboards;

namespace Aftercare.Domain.Tests.Dashboards;

public class SmallNumbersTests
{
    [Fact]
    public void AGroupOfFewerThanTen_IsSuppressed_WithNoCountAndNoRate()
    {
        var shown = SmallNumbers.Suppress([new("A", 5, 9), new("B", 10, 10), new("C", 3, 20), new("D", 6, 30)], totalShown: false);
        Assert.Equal(Suppression.SmallNumber, shown[0].Suppression);
        Assert.Null(shown[0].Rate);
        Assert.All(shown.Skip(1), g => Assert.Equal(Suppression.Shown, g.Suppression));
        Assert.Equal(1.0, shown[1].Rate);
    }

    [Fact]
    public void WhenExactlyOneGroupIsSuppressed_AndTheTotalIsShown_TheNextSmallestIsSuppressedToo()
    {
        var shown = SmallNumbers.Suppress([new("A", 5, 9), new("B", 10, 12), new("C", 3, 20), new("D", 6, 11)], totalShown: true);
        Assert.Equal(Suppression.SmallNumber, shown[0].Suppression);
        Assert.Equal(Suppression.Secondary, shown[3].Suppression); // D, 11, is the next smallest
        Assert.Equal(Suppression.Shown, shown[1].Suppression);
        Assert.Equal(Suppression.Shown, shown[2].Suppression);
        Assert.Null(shown[3].Rate);
    }

    [Fact]
    public void WhenTwoGroupsAreSuppressed_OrTheTotalIsHidden_NoSecondGroupIsHidden()
    {
        var two = SmallNumbers.Suppress([new("A", 1, 3), new("B", 2, 4), new("C", 3, 20)], totalShown: true);
        Assert.Equal(Suppression.Shown, two[2].Suppression);
        var noTotal = SmallNumbers.Suppress([new("A", 1, 3), new("C", 3, 20), new("D", 3, 30)], totalShown: false);
        Assert.Equal(Suppression.Shown, noTotal[1].Suppression);
    }

    [Fact]
    public void TheGap_IsHighestMinusLowestRate_OfTheGroupsShown_NamingBoth()
    {
        var shown = SmallNumbers.Suppress([new("Under 18", 9, 9), new("18 to 24", 8, 10), new("25 to 34", 10, 20), new("35 to 44", 15, 20), new("45 to 54", 5, 11)], totalShown: true);
        // Under 18 (9 of 9, 100%) is suppressed, and so is 18 to 24 (8 of 10, 80%), the next smallest:
        // neither takes part. Of the rest, 35 to 44 is 15/20 = 75%, 45 to 54 is 5/11 = 45.45...%.
        Assert.Equal(Suppression.Secondary, shown[1].Suppression);
        var gap = SmallNumbers.GapBetween(shown)!;
        Assert.Equal("35 to 44", gap.Highest);
        Assert.Equal("45 to 54", gap.Lowest);
        Assert.Equal(29.5, gap.PercentagePoints);
        Assert.Contains("29.5 percentage points", gap.Describe());
    }

    [Fact]
    public void ThereIsNoGap_WithFewerThanTwoGroupsShown() =>
        Assert.Null(SmallNumbers.GapBetween(SmallNumbers.Suppress([new("A", 1, 3), new("B", 5, 20)], totalShown: true)));
}
