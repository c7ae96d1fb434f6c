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
}
