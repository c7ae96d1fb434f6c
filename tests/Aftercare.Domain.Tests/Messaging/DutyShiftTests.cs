using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;

namespace Aftercare.Domain.Tests.Messaging;

public class DutyShiftTests
{
    private static readonly TeamId Team = new(Guid.NewGuid());
    private static readonly StaffId Asha = new(Guid.NewGuid());
    private static readonly StaffId Ben = new(Guid.NewGuid());
    private static readonly StaffId Supervisor = new(Guid.NewGuid());
    private static readonly DateTimeOffset Now = new(2026, 3, 28, 17, 0, 0, TimeSpan.Zero);

    private static DutyShift Shift(StaffId who, DateTimeOffset starts, DateTimeOffset ends, DateTimeOffset? arranged = null) =>
        DutyShift.Arrange(Team, who, starts, ends, Supervisor, arranged ?? Now);

    [Fact]
    public void WhoIsOnDuty_IsWhoseShiftCoversTheMoment_AndNobodyInAGap()
    {
        var asha = Shift(Asha, Now, Now.AddHours(8));
        var ben = Shift(Ben, Now.AddHours(10), Now.AddHours(18));
        DutyShift[] rota = [asha, ben];

        Assert.Equal(Asha, DutyShift.OnDutyAt(rota, Now));
        Assert.Equal(Asha, DutyShift.OnDutyAt(rota, Now.AddHours(8).AddTicks(-1)));
        Assert.Null(DutyShift.OnDutyAt(rota, Now.AddHours(8)));
        Assert.Null(DutyShift.OnDutyAt(rota, Now.AddHours(9)));
        Assert.Equal(Ben, DutyShift.OnDutyAt(rota, Now.AddHours(10)));
    }

    [Fact]
    public void WhenShiftsOverlap_TheOneThatStartedLast_HasTheAlerts()
    {
        DutyShift[] rota = [Shift(Asha, Now, Now.AddHours(12)), Shift(Ben, Now.AddHours(8), Now.AddHours(20))];
        Assert.Equal(Asha, DutyShift.OnDutyAt(rota, Now.AddHours(7)));
        Assert.Equal(Ben, DutyShift.OnDutyAt(rota, Now.AddHours(9)));
    }

    [Fact]
    public void AShiftEndedEarly_NoLongerCovers_AndEndingItAgainChangesNothing()
    {
        var asha = Shift(Asha, Now, Now.AddHours(8));
        Assert.True(asha.End(Now.AddHours(2)));
        Assert.False(asha.End(Now.AddHours(3)));

        Assert.Equal(Now.AddHours(2), asha.Until);
        Assert.Null(DutyShift.OnDutyAt([asha], Now.AddHours(2)));
        Assert.Equal(Asha, DutyShift.OnDutyAt([asha], Now.AddHours(1)));
    }

    [Fact]
    public void AShiftArrangedToStartInThePast_StartsNow()
    {
        var asha = Shift(Asha, Now.AddHours(-3), Now.AddHours(5));
        Assert.Equal(Now, asha.StartsAt);
    }

    [Fact]
    public void AShiftAcrossTheSpringClockChange_LastsItsRealHours()
    {
        // 17:00 UTC on 28 March to 09:00 BST on 29 March is 15 real hours (the clocks go forward at 01:00 UTC).
        var endsNineAmBst = new DateTimeOffset(2026, 3, 29, 9, 0, 0, TimeSpan.FromHours(1));
        var asha = Shift(Asha, Now, endsNineAmBst);
        Assert.Equal(TimeSpan.FromHours(15), asha.Until - asha.StartsAt);
        Assert.Equal(Asha, DutyShift.OnDutyAt([asha], new DateTimeOffset(2026, 3, 29, 7, 59, 0, TimeSpan.Zero)));
        Assert.Null(DutyShift.OnDutyAt([asha], new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(0, 0, "EndsAt", "The duty must end after it starts")]
    [InlineData(-10, -2, "EndsAt", "The duty must end in the future")]
    [InlineData(0, 25, "EndsAt", "A duty can be at most 24 hours: add another for the next day")]
    public void AShiftThatCannotBe_IsRefused_WithWhatToChange(int startHours, int endHours, string field, string message)
    {
        var error = Assert.Throws<ClinicalRuleException>(() => Shift(Asha, Now.AddHours(startHours), Now.AddHours(endHours)));
        Assert.Equal((field, message), (error.Field, error.Message));
    }

    [Fact]
    public void AShiftNeedsAStartAndAnEnd()
    {
        Assert.Equal("StartsAt", Assert.Throws<ClinicalRuleException>(() => DutyShift.Arrange(Team, Asha, null, Now.AddHours(1), Supervisor, Now)).Field);
        Assert.Equal("EndsAt", Assert.Throws<ClinicalRuleException>(() => DutyShift.Arrange(Team, Asha, Now, null, Supervisor, Now)).Field);
    }
}
