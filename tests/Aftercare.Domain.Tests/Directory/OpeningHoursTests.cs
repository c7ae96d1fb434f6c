using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;

namespace Aftercare.Domain.Tests.Directory;

public class OpeningHoursTests
{
    [Fact]
    public void ADay_IsReadFromTheTimesTyped_WithMoreThanOneSession()
    {
        var sessions = OpeningHours.ReadDay(DayOfWeek.Monday, "9:00 to 12:30, 13.30-1700");

        Assert.Equal([new OpeningSession(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 30)),
            new OpeningSession(DayOfWeek.Monday, new TimeOnly(13, 30), new TimeOnly(17, 0))], sessions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Closed")]
    [InlineData(null)]
    public void ADayLeftBlankOrClosed_HasNoSessions(string? typed)
    {
        Assert.Empty(OpeningHours.ReadDay(DayOfWeek.Sunday, typed));
    }

    [Theory]
    [InlineData("9am to 5pm")]
    [InlineData("09:00")]
    [InlineData("25:00 to 26:00")]
    public void TimesThatCannotBeRead_AreRefused_NamingTheDay(string typed)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => OpeningHours.ReadDay(DayOfWeek.Tuesday, typed));

        Assert.Equal("Hours[1]", ex.Field);
        Assert.Contains("Tuesday", ex.Message);
    }

    [Fact]
    public void AnEveningServiceClosingAfterMidnight_RunsPastMidnight()
    {
        var hours = OpeningHours.Create(OpeningHours.ReadDay(DayOfWeek.Friday, "18:00 to 24:00"), null);

        Assert.True(hours.Sessions[0].RunsPastMidnight);
        Assert.Equal("18:00 to 00:00", hours.Describe(DayOfWeek.Friday));
    }

    [Fact]
    public void OverlappingSessions_AreRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => OpeningHours.Create(OpeningHours.ReadDay(DayOfWeek.Wednesday, "09:00 to 13:00, 12:00 to 17:00"), null));

        Assert.Contains("overlap", ex.Message);
        Assert.Equal("Hours[2]", ex.Field);
    }

    [Fact]
    public void TheSameTimetable_ReadAgain_IsEqual_SoItIsNotAChange()
    {
        var a = OpeningHours.Create(OpeningHours.ReadDay(DayOfWeek.Monday, "09:00 to 17:00"), "Closed on bank holidays");
        var b = OpeningHours.Create(OpeningHours.ReadDay(DayOfWeek.Monday, "9:00-17:00"), " Closed on bank holidays ");

        Assert.Equal(a, b);
        Assert.NotEqual(a, OpeningHours.Create(a.Sessions, null));
    }

    [Fact]
    public void Sessions_AreKeptMondayFirst()
    {
        var hours = OpeningHours.Create(
            [new(DayOfWeek.Sunday, new(10, 0), new(16, 0)), new(DayOfWeek.Monday, new(9, 0), new(17, 0))], null);

        Assert.Equal(DayOfWeek.Monday, hours.Sessions[0].Day);
    }
}
