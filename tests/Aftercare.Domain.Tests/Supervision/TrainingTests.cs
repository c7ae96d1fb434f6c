using Aftercare.Domain.Common;
using Aftercare.Domain.Supervision;

namespace Aftercare.Domain.Tests.Supervision;

public class TrainingTests
{
    private static readonly StaffId Asha = new(Guid.NewGuid());
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NeverCompleted_IsNotDone()
    {
        Assert.Equal(TrainingState.NotDone, TrainingStatus.Of(null, 12, new DateOnly(2026, 3, 10)).State);
    }

    [Fact]
    public void AModuleWithoutRefresh_StaysUpToDate()
    {
        var status = TrainingStatus.Of(new DateOnly(2010, 1, 1), null, new DateOnly(2026, 3, 10));
        Assert.Equal(TrainingState.Current, status.State);
        Assert.Null(status.DueOn);
    }

    [Fact]
    public void TheRefresh_IsCalendarMonths_AndAMonthEndLandsOnTheLastDayOfAShorterMonth()
    {
        Assert.Equal(new DateOnly(2026, 2, 28), TrainingStatus.Of(new DateOnly(2026, 1, 31), 1, new DateOnly(2026, 2, 1)).DueOn);
        Assert.Equal(new DateOnly(2028, 2, 29), TrainingStatus.Of(new DateOnly(2028, 1, 31), 1, new DateOnly(2028, 2, 1)).DueOn);
        Assert.Equal(new DateOnly(2027, 2, 28), TrainingStatus.Of(new DateOnly(2025, 2, 28), 24, new DateOnly(2026, 2, 1)).DueOn);
        // Due on 28 February: that day it is due, the next (1 March) overdue.
        Assert.Equal(TrainingState.DueSoon, TrainingStatus.Of(new DateOnly(2026, 1, 31), 1, new DateOnly(2026, 2, 28)).State);
        Assert.Equal(TrainingState.Overdue, TrainingStatus.Of(new DateOnly(2026, 1, 31), 1, new DateOnly(2026, 3, 1)).State);
    }

    [Fact]
    public void DueWithin30Days_IsDueSoon_AndFurtherOff_UpToDate()
    {
        var done = new DateOnly(2025, 4, 9);
        Assert.Equal(TrainingState.Current, TrainingStatus.Of(done, 12, new DateOnly(2026, 3, 9)).State);   // due 9 April: 31 days away
        Assert.Equal(TrainingState.DueSoon, TrainingStatus.Of(done, 12, new DateOnly(2026, 3, 10)).State);  // 30 days away
        Assert.Equal(TrainingState.DueSoon, TrainingStatus.Of(done, 12, new DateOnly(2026, 4, 9)).State);
        Assert.Equal(TrainingState.Overdue, TrainingStatus.Of(done, 12, new DateOnly(2026, 4, 10)).State);
    }

    [Fact]
    public void Today_IsTheUkDate_SoJustAfterMidnightInSummerTimeIsTheNextDay()
    {
        var done = new DateOnly(2025, 6, 30);
        // 23:30 UTC on 30 June 2026 is 00:30 on 1 July in the UK: the refresh due on 30 June is overdue there.
        Assert.Equal(TrainingState.DueSoon, TrainingStatus.Of(done, 12, new DateTimeOffset(2026, 6, 30, 22, 59, 0, TimeSpan.Zero)).State);
        Assert.Equal(TrainingState.Overdue, TrainingStatus.Of(done, 12, new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero)).State);
        // The night the clocks go forward (29 March 2026, 01:00 UTC): 00:30 UTC is still 28 March, 23:30 UTC is 30 March.
        Assert.Equal(TrainingState.DueSoon, TrainingStatus.Of(new DateOnly(2025, 3, 28), 12, new DateTimeOffset(2026, 3, 28, 23, 59, 0, TimeSpan.Zero)).State);
        Assert.Equal(TrainingState.Overdue, TrainingStatus.Of(new DateOnly(2025, 3, 29), 12, new DateTimeOffset(2026, 3, 29, 23, 30, 0, TimeSpan.Zero)).State);
    }

    [Fact]
    public void ACompletion_IsNotInTheFuture_AndNotOfARetiredModule()
    {
        var module = TrainingModule.Create("safety-planning", "Safety planning", null, 12, Now);
        Assert.Equal("CompletedOn", Assert.Throws<ClinicalRuleException>(() => TrainingRecord.Record(Asha, module, new DateOnly(2026, 3, 11), Asha, "Asha", null, Now)).Field);
        var record = TrainingRecord.Record(Asha, module, new DateOnly(2026, 3, 10), Asha, "Asha", "Certificate seen", Now);
        Assert.Equal(module.Id, record.TrainingModuleId);
        module.Retire(Now);
        Assert.Equal("Module", Assert.Throws<ClinicalRuleException>(() => TrainingRecord.Record(Asha, module, new DateOnly(2026, 3, 10), Asha, "Asha", null, Now)).Field);
    }

    [Fact]
    public void AModulesRefresh_IsAWholeNumberOfMonthsOrNone()
    {
        var module = TrainingModule.Create("Safeguarding", "Safeguarding", null, null, Now);
        Assert.Equal("safeguarding", module.Code);
        Assert.Equal("RefreshMonths", Assert.Throws<ClinicalRuleException>(() => module.ChangeRefresh(0)).Field);
        module.ChangeRefresh(12);
        Assert.Equal(12, module.RefreshMonths);
        Assert.Equal("Code", Assert.Throws<ClinicalRuleException>(() => TrainingModule.Create("a b", "x", null, 1, Now)).Field);
    }
}
