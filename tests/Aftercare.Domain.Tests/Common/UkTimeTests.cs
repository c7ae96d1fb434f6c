using Aftercare.Domain.Common;

namespace Aftercare.Domain.Tests.Common;

public class UkTimeTests
{
    [Fact]
    public void ToUtc_WinterTime_EqualsUtc()
    {
        var utc = UkTime.ToUtc(new DateOnly(2026, 1, 15), new TimeOnly(14, 30));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 14, 30, 0, TimeSpan.Zero), utc);
        Assert.Equal(TimeSpan.Zero, utc.Offset);
    }

    [Fact]
    public void ToUtc_SummerTime_IsOneHourAheadOfUtc()
    {
        var utc = UkTime.ToUtc(new DateOnly(2026, 7, 15), new TimeOnly(14, 30));

        Assert.Equal(new DateTimeOffset(2026, 7, 15, 13, 30, 0, TimeSpan.Zero), utc);
        Assert.Equal(TimeSpan.Zero, utc.Offset);
    }

    [Fact]
    public void ToUtc_SummerMidnight_IsTheEveningBeforeInUtc()
    {
        Assert.Equal(new DateTimeOffset(2026, 7, 14, 23, 30, 0, TimeSpan.Zero), UkTime.ToUtc(new DateOnly(2026, 7, 15), new TimeOnly(0, 30)));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 30)]
    [InlineData(1, 59)]
    public void ToUtc_TimeSkippedWhenTheClocksGoForward_IsRefused(int hour, int minute)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => UkTime.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(hour, minute)));

        Assert.Equal("ArrivedTime", ex.Field);
    }

    [Fact]
    public void ToUtc_AroundTheSpringGap_IsGmtBeforeAndBstAfter()
    {
        var day = new DateOnly(2026, 3, 29);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero), UkTime.ToUtc(day, new TimeOnly(0, 59)));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), UkTime.ToUtc(day, new TimeOnly(2, 0)));
    }

    [Fact]
    public void ToUtc_TimeThatHappensTwiceWhenTheClocksGoBack_IsTheFirst()
    {
        // 01:30 on 25 October 2026 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
        var utc = UkTime.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(1, 30));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), utc);
    }

    [Fact]
    public void ToUtc_AfterTheClocksGoBack_IsGmt()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.Zero), UkTime.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(2, 30)));
    }

    [Fact]
    public void Format_OfASummerInstant_ShowsUkLocalTime()
    {
        Assert.Equal("15 July 2026 at 14:30", UkTime.Format(new DateTimeOffset(2026, 7, 15, 13, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Format_OfAWinterInstant_ShowsUtcClockTime()
    {
        Assert.Equal("3 January 2026 at 09:05", UkTime.Format(new DateTimeOffset(2026, 1, 3, 9, 5, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Format_OfAnInstantGivenInAnotherOffset_ShowsUkLocalTime()
    {
        // 09:00 in New York in summer (UTC-4) is 13:00 UTC, 14:00 in the UK.
        Assert.Equal("15 July 2026 at 14:00", UkTime.Format(new DateTimeOffset(2026, 7, 15, 9, 0, 0, TimeSpan.FromHours(-4))));
    }

    [Fact]
    public void ToLocal_OfASummerInstant_IsOneHourLater()
    {
        Assert.Equal(new DateTime(2026, 7, 15, 14, 30, 0), UkTime.ToLocal(new DateTimeOffset(2026, 7, 15, 13, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ToUtc_ThenFormat_RoundTripsTheLocalTime()
    {
        Assert.Equal("15 July 2026 at 14:30", UkTime.Format(UkTime.ToUtc(new DateOnly(2026, 7, 15), new TimeOnly(14, 30))));
        Assert.Equal("25 October 2026 at 01:30", UkTime.Format(UkTime.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(1, 30))));
    }

    [Fact]
    public void FormatDate_IsDayMonthNameYear()
    {
        Assert.Equal("7 March 2026", UkTime.FormatDate(new DateOnly(2026, 3, 7)));
    }
}
