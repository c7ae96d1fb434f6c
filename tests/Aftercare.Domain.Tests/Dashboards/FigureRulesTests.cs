using Aftercare.Domain.Dashboards;
using Aftercare.Domain.Pathways;

namespace Aftercare.Domain.Tests.Dashboards;

public class FigureRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, FollowUpBand.UpTo12Hours)]
    [InlineData(12 * 60, FollowUpBand.UpTo12Hours)]
    [InlineData(12 * 60 + 1, FollowUpBand.From12To24Hours)]
    [InlineData(24 * 60, FollowUpBand.From12To24Hours)]
    [InlineData(24 * 60 + 1, FollowUpBand.From24To48Hours)]
    [InlineData(48 * 60, FollowUpBand.From24To48Hours)]
    [InlineData(48 * 60 + 1, FollowUpBand.From48To72Hours)]
    [InlineData(72 * 60, FollowUpBand.From48To72Hours)]
    [InlineData(72 * 60 + 1, FollowUpBand.Over72Hours)]
    public void TheHoursToFollowUp_FallInTheirBand(int minutes, FollowUpBand band) =>
        Assert.Equal(band, FigureRules.Band(Start, ContactStatus.Done, Start.AddMinutes(minutes)));

    [Fact]
    public void AFollowUpClosedWithout_IsNotDone_AndOneStillOpen_IsStillOpen()
    {
        Assert.Equal(FollowUpBand.NotDone, FigureRules.Band(Start, ContactStatus.Closed, null));
        Assert.Equal(FollowUpBand.StillOpen, FigureRules.Band(Start, ContactStatus.Open, null));
        Assert.False(FigureRules.FollowedUpInTime(Start, ContactStatus.Closed, null));
        Assert.False(FigureRules.FollowedUpInTime(Start, ContactStatus.Open, null));
    }

    [Fact]
    public void FollowUpAt48HoursExactly_IsInTime_AndAMinuteLater_IsNot()
    {
        Assert.True(FigureRules.FollowedUpInTime(Start, ContactStatus.Done, Start.AddHours(48)));
        Assert.False(FigureRules.FollowedUpInTime(Start, ContactStatus.Done, Start.AddHours(48).AddMinutes(1)));
    }

    [Fact]
    public void The48Hours_AreRealHours_AcrossTheClockChange()
    {
        // Clocks go back at 02:00 BST on 25 October 2026. Started 09:00 BST on Saturday 24th (08:00 UTC):
        // 48 real hours later is 08:00 GMT on Monday 26th, when the wall clock reads only 47 hours on.
        // At 09:00 GMT the wall clock reads 48 hours, but 49 real hours have passed: not in time.
        var started = new DateTimeOffset(2026, 10, 24, 8, 0, 0, TimeSpan.Zero);
        Assert.True(FigureRules.FollowedUpInTime(started, ContactStatus.Done, new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero)));
        Assert.False(FigureRules.FollowedUpInTime(started, ContactStatus.Done, new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ARepeatPresentation_CountsOnDay365_AndNotOnDay366()
    {
        var first = new DateTimeOffset(2025, 3, 10, 23, 30, 0, TimeSpan.Zero); // 10 March 2025, 23:30 GMT
        Assert.True(FigureRules.IsRepeat(first, first.AddDays(1)));
        Assert.True(FigureRules.IsRepeat(first, new DateTimeOffset(2026, 3, 10, 0, 30, 0, TimeSpan.Zero))); // day 365
        Assert.False(FigureRules.IsRepeat(first, new DateTimeOffset(2026, 3, 11, 0, 30, 0, TimeSpan.Zero))); // day 366
        Assert.False(FigureRules.IsRepeat(first, null));
        Assert.False(FigureRules.IsRepeat(first, first));
    }

    [Fact]
    public void ARepeatPresentation_IsCountedOnTheUkCalendar_InSummerTime()
    {
        // 23:30 UTC on 10 June is 00:30 BST on 11 June: the UK day is the 11th.
        var first = new DateTimeOffset(2025, 6, 10, 23, 30, 0, TimeSpan.Zero);
        Assert.True(FigureRules.IsRepeat(first, new DateTimeOffset(2026, 6, 11, 12, 0, 0, TimeSpan.Zero))); // day 365
        Assert.False(FigureRules.IsRepeat(first, new DateTimeOffset(2026, 6, 11, 23, 30, 0, TimeSpan.Zero))); // 12 June BST: day 366
    }

    [Fact]
    public void AMonthsRepeatFigure_IsCompleteOnlyOnce365DaysHavePassedSinceItsLastDay()
    {
        var march2025 = new DateOnly(2025, 3, 1);
        Assert.False(FigureRules.RepeatMonthComplete(march2025, new DateOnly(2026, 3, 31))); // 365 days after 31 March 2025
        Assert.True(FigureRules.RepeatMonthComplete(march2025, new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void TheMedianAndNinetiethCentile_ComeFromTheDayCounts()
    {
        // Ten people seen: days 1,1,2,3,3,3,7,10,14,30.
        var days = new Dictionary<int, long> { [1] = 2, [2] = 1, [3] = 3, [7] = 1, [10] = 1, [14] = 1, [30] = 1 };
        Assert.Equal(3, FigureRules.Centile(days, 0.5));  // 5th of 10
        Assert.Equal(14, FigureRules.Centile(days, 0.9)); // 9th of 10
        Assert.Null(FigureRules.Centile(new Dictionary<int, long>(), 0.5));
    }

    [Fact]
    public void DaysToFirstContact_AreUkCalendarDays_AndAYearOrMoreSharesTheLastBin()
    {
        var sent = new DateTimeOffset(2026, 6, 1, 22, 30, 0, TimeSpan.Zero); // 23:30 BST on 1 June
        Assert.Equal(1, FigureRules.DaysToFirstContact(sent, new DateTimeOffset(2026, 6, 1, 23, 30, 0, TimeSpan.Zero))); // 00:30 BST on 2 June
        Assert.Equal(365, FigureRules.DaysToFirstContact(sent, sent.AddDays(500)));
    }

    [Fact]
    public void MonthsAreUkMonths()
    {
        Assert.Equal(new DateOnly(2026, 7, 1), FigureRules.MonthOf(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero))); // 00:30 BST on 1 July
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), FigureRules.StartOf(new DateOnly(2026, 7, 1)));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), FigureRules.StartOf(new DateOnly(2026, 1, 1)));
    }
}
