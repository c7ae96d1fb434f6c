using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;

namespace Aftercare.Domain.Tests.Messaging;

/// <summary>
/// When the team reads messages, on its own wall clock. In 2026 the UK clocks go forward at
/// 01:00 UTC on Sunday 29 March and back at 01:00 UTC on Sunday 25 October.
/// </summary>
public class ReadingHoursTests
{
    private static readonly TimeZoneInfo London = UkTime.Zone;
    private static readonly ReadingHours OfficeHours = ReadingHours.Standard(London);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void AMessageOnAFridayEvening_IsReadOnMondayAt9am()
    {
        var friday = Utc(3, 6, 19, 30);

        Assert.False(OfficeHours.IsOpen(friday));
        Assert.Equal(Utc(3, 9, 9), OfficeHours.NextOpening(friday));
        Assert.Equal("Monday at 9am", OfficeHours.DescribeMoment(OfficeHours.NextOpening(friday), friday));
    }

    [Fact]
    public void AMessageWhileTheTeamIsReading_IsReadAtOnce()
    {
        var tuesday = Utc(3, 10, 11, 15);

        Assert.True(OfficeHours.IsOpen(tuesday));
        Assert.Equal(tuesday, OfficeHours.NextOpening(tuesday));
    }

    [Fact]
    public void TheHoursAreTheTeamsWallClock_ClosingAt5pmExactly_AndOpeningAt9amExactly()
    {
        Assert.True(OfficeHours.IsOpen(Utc(3, 10, 9)));
        Assert.True(OfficeHours.IsOpen(Utc(3, 10, 16, 59)));
        Assert.False(OfficeHours.IsOpen(Utc(3, 10, 17)));
        Assert.False(OfficeHours.IsOpen(Utc(3, 10, 8, 59)));
    }

    [Fact]
    public void OverTheSpringForwardWeekend_MondayAt9am_Is8amUtc()
    {
        // Friday 27 March is still GMT; by Monday 30 March the clocks have gone forward.
        var friday = Utc(3, 27, 18);

        var opens = OfficeHours.NextOpening(friday);

        Assert.Equal(Utc(3, 30, 8), opens);
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(UkTime.ToLocal(opens)));
        Assert.True(OfficeHours.IsOpen(Utc(3, 30, 8)));
        Assert.False(OfficeHours.IsOpen(Utc(3, 30, 16, 30)), "5pm BST is 16:00 UTC: closed by 16:30 UTC");
    }

    [Fact]
    public void OverTheAutumnBackWeekend_MondayAt9am_Is9amUtc()
    {
        // Friday 23 October 6pm BST (17:00 UTC); the clocks go back on Sunday 25 October.
        var friday = Utc(10, 23, 17);

        Assert.False(OfficeHours.IsOpen(friday));
        Assert.Equal(Utc(10, 26, 9), OfficeHours.NextOpening(friday));
        Assert.True(OfficeHours.IsOpen(Utc(10, 23, 15, 59)), "4:59pm BST on the Friday is still reading time");
    }

    [Fact]
    public void ANightPeriodAcrossTheHourSkippedInSpring_IsAnHourShorter_AndOpenUntilItsClockTime()
    {
        var night = ReadingHours.FromTyped(["", "", "", "", "", "", "00:30 to 03:00"], London);
        var sunday = Utc(3, 29, 0, 30);

        Assert.True(night.IsOpen(Utc(3, 29, 1, 30)), "01:30 UTC is 02:30 BST: still open");
        Assert.False(night.IsOpen(Utc(3, 29, 2)), "02:00 UTC is 03:00 BST: closed");
        // 00:30 GMT to 03:00 BST is an hour and a half of real time.
        Assert.Equal(Utc(3, 29, 2), night.AddOpenHours(sunday, TimeSpan.FromHours(1.5)));
        // The half hour beyond runs into the next Sunday, 00:30 BST (23:30 UTC on the Saturday).
        Assert.Equal(Utc(4, 5, 0), night.AddOpenHours(sunday, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void AnOpeningTimeThatTheClocksSkip_OpensWhenTheClocksGoForward()
    {
        // 01:30 does not happen on 29 March: the clock goes from 00:59 GMT to 02:00 BST at 01:00 UTC.
        var hours = ReadingHours.FromTyped(["", "", "", "", "", "", "01:30 to 04:00"], London);

        Assert.Equal(Utc(3, 29, 1), hours.NextOpening(Utc(3, 28, 23)));
        Assert.True(hours.IsOpen(Utc(3, 29, 1)));
        Assert.False(hours.IsOpen(Utc(3, 29, 0, 59)));
    }

    [Fact]
    public void AnOpeningTimeThatHappensTwiceInAutumn_OpensTheFirstTime_AndThePeriodIsAnHourLonger()
    {
        // 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT) on 25 October.
        var hours = ReadingHours.FromTyped(["", "", "", "", "", "", "01:30 to 03:00"], London);
        var opens = hours.NextOpening(Utc(10, 24, 20));

        Assert.Equal(Utc(10, 25, 0, 30), opens);
        Assert.True(hours.IsOpen(Utc(10, 25, 1, 15)));
        Assert.Equal(Utc(10, 25, 3), hours.AddOpenHours(opens, TimeSpan.FromHours(2.5)));
        Assert.False(hours.IsOpen(Utc(10, 25, 3)));
    }

    [Fact]
    public void ATeamInAnotherZone_ReadsOnItsOwnClock()
    {
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var hours = ReadingHours.Standard(kolkata);
        // 12:00 UTC on a Friday is 17:30 in India (UTC+5:30): closed until Monday 09:00 there.
        var friday = Utc(3, 6, 12);

        Assert.False(hours.IsOpen(friday));
        Assert.True(hours.IsOpen(Utc(3, 6, 11)));
        Assert.Equal(Utc(3, 9, 3, 30), hours.NextOpening(friday));
        Assert.Equal("Monday at 9am", hours.DescribeMoment(hours.NextOpening(friday), friday));
    }

    [Fact]
    public void ATeamReadingSevenDaysAWeek_IsDescribedAsEveryDay_AndOpensNextMorning()
    {
        var hours = ReadingHours.FromTyped(Enumerable.Repeat<string?>("8am to 8pm", 7).ToList(), London);
        var saturdayNight = Utc(3, 7, 21);

        Assert.Equal("every day, 8am to 8pm", hours.Describe());
        Assert.Equal("every day, at any time", ReadingHours.FromTyped(Enumerable.Repeat<string?>("00:00 to 24:00", 7).ToList(), London).Describe());
        Assert.True(hours.IsOpen(Utc(3, 7, 10)));
        Assert.Equal(Utc(3, 8, 8), hours.NextOpening(saturdayNight));
        Assert.Equal("tomorrow at 8am", hours.DescribeMoment(Utc(3, 8, 8), saturdayNight));
    }

    [Fact]
    public void AWeekWithNoReadingHours_IsRefused_WithAMessageASupervisorCanAct_On()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => ReadingHours.FromTyped(["", "closed", null, "", "", "", ""], London));

        Assert.Equal("Hours[0]", ex.Field);
        Assert.Contains("at least one day", ex.Message);
        Assert.Throws<ClinicalRuleException>(() => ReadingHours.Parse("", London));
    }

    [Fact]
    public void TheExpectedReplyTime_CountsOnlyReadingHours()
    {
        // Sent at 4pm on a Friday with a reply within 16 reading hours: 1 on Friday, 8 on Monday, 7 on Tuesday.
        Assert.Equal(Utc(3, 10, 16), OfficeHours.AddOpenHours(Utc(3, 6, 16), TimeSpan.FromHours(16)));
        // Sent on Friday evening: all of Monday and Tuesday.
        Assert.Equal(Utc(3, 10, 17), OfficeHours.AddOpenHours(Utc(3, 6, 19), TimeSpan.FromHours(16)));
        Assert.Equal("Tuesday at 5pm", OfficeHours.DescribeMoment(Utc(3, 10, 17), Utc(3, 6, 19)));
        // No time to add: when it is read.
        Assert.Equal(Utc(3, 9, 9), OfficeHours.AddOpenHours(Utc(3, 6, 19), TimeSpan.Zero));
    }

    [Fact]
    public void TheWeek_IsDescribedInPlainWords_GroupingDaysWithTheSameHours()
    {
        Assert.Equal("Monday to Friday, 9am to 5pm", OfficeHours.Describe());
        var mixed = ReadingHours.FromTyped(["09:00-17:30", "09:00-17:30", "", "12:00 to 24:00", "", "10am to 2pm", "10am to 2pm"], London);
        Assert.Equal("Monday and Tuesday, 9am to 5:30pm; Thursday, midday to midnight; Saturday and Sunday, 10am to 2pm", mixed.Describe());
    }

    [Fact]
    public void TheHours_AreKeptAsCompactText_AndReadBackTheSame()
    {
        var mixed = ReadingHours.FromTyped(["0830 to 1600", "", "", "", "", "", "12:00 to 24:00"], London);

        Assert.Equal("Mo 08:30-16:00;Su 12:00-24:00", mixed.ToStored());
        var again = ReadingHours.Parse(mixed.ToStored(), London);
        Assert.Equal(mixed.Periods, again.Periods);
        Assert.Equal("08:30 to 16:00", again.Typed(DayOfWeek.Monday));
        Assert.Equal("", again.Typed(DayOfWeek.Tuesday));
        Assert.Equal(ReadingHours.StandardText, OfficeHours.ToStored());
    }

    [Theory]
    [InlineData("nine to five", "Enter Tuesday's reading hours like 09:00 to 17:00")]
    [InlineData("17:00 to 09:00", "On Tuesday messages must stop being read after they start")]
    [InlineData("25:00 to 26:00", "Enter Tuesday's reading hours like 09:00 to 17:00")]
    [InlineData("9 to 5", "Enter Tuesday's reading hours like 09:00 to 17:00")]
    public void HoursThatCannotBeRead_AreRefused_NamingTheDay(string typed, string message)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => ReadingHours.FromTyped(["09:00 to 17:00", typed], London));

        Assert.Equal("Hours[1]", ex.Field);
        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public void AMoment_IsToldFromWhereThePersonIsNow()
    {
        var now = Utc(3, 4, 10); // a Wednesday
        Assert.Equal("today at 3pm", OfficeHours.DescribeMoment(Utc(3, 4, 15), now));
        Assert.Equal("tomorrow at 9am", OfficeHours.DescribeMoment(Utc(3, 5, 9), now));
        Assert.Equal("Monday at 9:30am", OfficeHours.DescribeMoment(Utc(3, 9, 9, 30), now));
        Assert.Equal("Thursday 12 March at 9am", OfficeHours.DescribeMoment(Utc(3, 12, 9), now));
    }
}
