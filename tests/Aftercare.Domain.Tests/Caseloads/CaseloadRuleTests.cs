using Aftercare.Domain.Caseloads;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Tests.Caseloads;

public class CaseloadRuleTests
{
    [Fact]
    public void AllocatingBelowOrUpToTheLimit_NeedsNoReason()
    {
        Assert.Null(CaseloadRule.ReasonToRecord(new AllocationCheck(ActiveNow: 10, Limit: 12), null));
        Assert.Null(CaseloadRule.ReasonToRecord(new AllocationCheck(ActiveNow: 11, Limit: 12), "  "));
        Assert.False(new AllocationCheck(11, 12).IsAboveLimit);
    }

    [Fact]
    public void AllocatingAboveTheLimit_WarnsWithTheNumbers_AndNeedsAReason_WhichIsKept()
    {
        var check = new AllocationCheck(ActiveNow: 12, Limit: 12);
        Assert.True(check.IsAboveLimit);
        var e = Assert.Throws<ClinicalRuleException>(() => CaseloadRule.ReasonToRecord(check, ""));
        Assert.Equal("AllocationReason", e.Field);
        Assert.Contains("12 active people against a limit of 12", e.Message);
        Assert.Equal("Continuity: she saw him last year", CaseloadRule.ReasonToRecord(check, " Continuity: she saw him last year "));
    }

    [Fact]
    public void WithoutALimit_NoAllocationNeedsAReason()
    {
        Assert.False(new AllocationCheck(500, null).IsAboveLimit);
        Assert.Null(CaseloadRule.ReasonToRecord(new AllocationCheck(500, null), null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(201)]
    public void ALimitOutsideOneTo200_IsRefused(int limit) =>
        Assert.Equal("Limit", Assert.Throws<ClinicalRuleException>(() => CaseloadRule.ValidLimit(limit)).Field);

    [Theory]
    [InlineData(5, null, CaseloadState.NoLimit)]
    [InlineData(5, 12, CaseloadState.BelowLimit)]
    [InlineData(12, 12, CaseloadState.AtLimit)]
    [InlineData(13, 12, CaseloadState.AboveLimit)]
    public void ACaseload_IsBelowAtOrAboveItsLimit(int active, int? limit, CaseloadState state) =>
        Assert.Equal(state, CaseloadRule.StateOf(active, limit));

    [Fact]
    public void HandingOverAWholeCaseload_CountsEveryPersonItAdds()
    {
        Assert.False(new AllocationCheck(ActiveNow: 8, Limit: 12, Adding: 4).IsAboveLimit);
        var check = new AllocationCheck(ActiveNow: 8, Limit: 12, Adding: 5);
        Assert.True(check.IsAboveLimit);
        Assert.Contains("taking 5 more would make 13 against a limit of 12", check.Warning);
    }

    [Fact]
    public void AHandover_AlwaysNeedsAReason_EvenWithoutALimit()
    {
        Assert.Equal("Reason", Assert.Throws<ClinicalRuleException>(() => CaseloadRule.HandoverReason(new AllocationCheck(3, null, 2), " ", false)).Field);
        Assert.Equal("Asha leaves the team", CaseloadRule.HandoverReason(new AllocationCheck(3, null, 2), " Asha leaves the team ", false));
        Assert.Equal("Reason", Assert.Throws<ClinicalRuleException>(() => CaseloadRule.HandoverReason(new AllocationCheck(3, 12), new string('x', 901), false)).Field);
    }

    [Fact]
    public void AHandoverAboveTheLimit_MustBeConfirmed_AndItsReasonSaysItWasAboveTheLimit()
    {
        var check = new AllocationCheck(ActiveNow: 11, Limit: 12, Adding: 3);
        var e = Assert.Throws<ClinicalRuleException>(() => CaseloadRule.HandoverReason(check, "Asha leaves the team", confirmedAboveLimit: false));
        Assert.Equal("ConfirmAboveLimit", e.Field);
        Assert.Contains("14 active people against a limit of 12", e.Message);
        Assert.Equal("Reason", Assert.Throws<ClinicalRuleException>(() => CaseloadRule.HandoverReason(check, null, confirmedAboveLimit: true)).Field);
        Assert.Equal("Asha leaves the team; above the caseload limit (14 against 12)", CaseloadRule.HandoverReason(check, "Asha leaves the team", confirmedAboveLimit: true));
    }

    [Fact]
    public void AHandoverUpToTheLimit_NeedsNoConfirmation() =>
        Assert.Equal("Cover for nights", CaseloadRule.HandoverReason(new AllocationCheck(10, 12, 2), "Cover for nights", confirmedAboveLimit: false));
}
