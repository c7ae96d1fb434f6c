using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Tests.Access;

public class BreakGlassGrantTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 2, 15, 0, TimeSpan.Zero);
    private static readonly StaffId Practitioner = StaffId.New();
    private static readonly TeamId OwnTeam = TeamId.New();
    private static readonly TeamId RecordTeam = TeamId.New();
    private static readonly PersonId Person = PersonId.New();
    private const string GoodReason = "Re-attended our ED at 2am; her care team's office is closed until 9.";

    private static BreakGlassGrant Open(string? reason = GoodReason, StaffRole role = StaffRole.Practitioner, TeamId? staffTeam = null) =>
        BreakGlassGrant.Open(role, Practitioner, staffTeam ?? OwnTeam, Person, RecordTeam, reason, Now);

    [Fact]
    public void BreakGlass_WithAReason_KeepsWhoWhyAndWhen()
    {
        var grant = Open();

        Assert.NotEqual(Guid.Empty, grant.Id);
        Assert.Equal(Practitioner, grant.StaffId);
        Assert.Equal(Person, grant.PersonId);
        Assert.Equal(RecordTeam, grant.RecordTeamId);
        Assert.Equal(GoodReason, grant.Reason);
        Assert.Equal(Now, grant.GrantedAt);
        Assert.Equal(Now.AddHours(12), grant.ExpiresAt);
        Assert.Null(grant.ReviewedAt);
        Assert.Null(grant.ReviewedBy);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("     ")]
    public void BreakGlass_WithoutReason_IsRefused(string? reason)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Open(reason));

        Assert.Equal("Reason", ex.Field);
    }

    [Theory]
    [InlineData("Emergency")]
    [InlineData("Need to see history")] // 19 characters
    [InlineData("     Need to see history     ")] // 19 once trimmed: padding does not count
    public void BreakGlass_WithReasonShorterThan20Characters_IsRefused(string reason)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Open(reason));

        Assert.Equal("Reason", ex.Field);
    }

    [Fact]
    public void BreakGlass_WithReasonOfExactly20Characters_IsAccepted()
    {
        const string reason = "Needs to see history";
        Assert.Equal(20, reason.Length);

        Assert.Equal(reason, Open(reason).Reason);
    }

    [Fact]
    public void BreakGlass_Reason_IsTrimmedButOtherwiseKept()
    {
        var grant = Open("\n   " + GoodReason + "   \t");

        Assert.Equal(GoodReason, grant.Reason);
    }

    [Theory]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Administrator)]
    public void BreakGlass_ByAnyoneButAPractitioner_IsRefused(StaffRole role)
    {
        Assert.Throws<ClinicalRuleException>(() => Open(role: role));
    }

    [Fact]
    public void BreakGlass_IntoOwnTeamsRecord_IsRefused()
    {
        Assert.Throws<ClinicalRuleException>(() => Open(staffTeam: RecordTeam));
    }

    [Fact]
    public void BreakGlass_ByAPractitionerWithNoTeam_IsAllowed()
    {
        var grant = BreakGlassGrant.Open(StaffRole.Practitioner, Practitioner, null, Person, RecordTeam, GoodReason, Now);

        Assert.True(grant.IsActiveAt(Now));
    }

    [Fact]
    public void BreakGlass_IsActiveFromTheMomentItIsGranted()
    {
        var grant = Open();

        Assert.True(grant.IsActiveAt(Now));
        Assert.True(grant.IsActiveAt(Now.AddSeconds(1)));
        Assert.True(grant.IsActiveAt(Now.AddHours(12).AddTicks(-1)));
    }

    [Fact]
    public void BreakGlass_IsNotActiveAtExactlyTwelveHours()
    {
        var grant = Open();

        Assert.False(grant.IsActiveAt(Now.AddHours(12)));
        Assert.False(grant.IsActiveAt(Now.AddDays(3)));
    }

    [Fact]
    public void BreakGlass_IsNotActiveBeforeItWasGranted()
    {
        Assert.False(Open().IsActiveAt(Now.AddTicks(-1)));
    }

    [Fact]
    public void BreakGlass_ActiveWindow_DoesNotDependOnTheOffsetOfTheClock()
    {
        var grant = Open();
        var elevenHoursLaterInBst = Now.AddHours(11).ToOffset(TimeSpan.FromHours(1));
        var twelveHoursLaterInBst = Now.AddHours(12).ToOffset(TimeSpan.FromHours(1));

        Assert.True(grant.IsActiveAt(elevenHoursLaterInBst));
        Assert.False(grant.IsActiveAt(twelveHoursLaterInBst));
    }

    [Fact]
    public void MarkReviewed_RecordsTheSupervisorAndTime()
    {
        var grant = Open();
        var supervisor = StaffId.New();

        grant.MarkReviewed(supervisor, Now.AddHours(8));

        Assert.Equal(supervisor, grant.ReviewedBy);
        Assert.Equal(Now.AddHours(8), grant.ReviewedAt);
    }

    [Fact]
    public void MarkReviewed_Twice_KeepsTheFirstReviewer()
    {
        var grant = Open();
        var first = StaffId.New();
        var second = StaffId.New();

        grant.MarkReviewed(first, Now.AddHours(8));
        grant.MarkReviewed(second, Now.AddHours(9));

        Assert.Equal(first, grant.ReviewedBy);
        Assert.Equal(Now.AddHours(8), grant.ReviewedAt);
    }

    [Fact]
    public void MarkReviewed_DoesNotChangeTheGrant()
    {
        var grant = Open();

        grant.MarkReviewed(StaffId.New(), Now.AddHours(1));

        Assert.Equal(GoodReason, grant.Reason);
        Assert.Equal(Now.AddHours(12), grant.ExpiresAt);
        Assert.True(grant.IsActiveAt(Now.AddHours(2)));
    }
}
