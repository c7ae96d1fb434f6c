using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Tests.Staff;

public class StaffInvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly StaffId NewStarter = StaffId.New();

    private static StaffInvitation Issue() => StaffInvitation.Issue(NewStarter, "hash-of-the-code", Now);

    [Fact]
    public void Invitation_KeepsWhoItIsForAndOnlyTheHash()
    {
        var invitation = Issue();

        Assert.NotEqual(Guid.Empty, invitation.Id);
        Assert.Equal(NewStarter, invitation.StaffId);
        Assert.Equal("hash-of-the-code", invitation.CodeHash);
        Assert.Equal(Now, invitation.CreatedAt);
        Assert.Null(invitation.UsedAt);
    }

    [Fact]
    public void Invitation_IsValidFor72Hours()
    {
        var invitation = Issue();

        Assert.Equal(Now.AddHours(72), invitation.ExpiresAt);
        Assert.True(invitation.CanBeUsedAt(Now));
        Assert.True(invitation.CanBeUsedAt(Now.AddHours(71)));
        Assert.True(invitation.CanBeUsedAt(Now.AddHours(72).AddTicks(-1)));
    }

    [Fact]
    public void Invitation_CannotBeUsedAtOrAfterExpiry()
    {
        var invitation = Issue();

        Assert.False(invitation.CanBeUsedAt(Now.AddHours(72)));
        Assert.False(invitation.CanBeUsedAt(Now.AddDays(30)));
    }

    [Fact]
    public void Invitation_Use_RecordsWhenItWasUsed()
    {
        var invitation = Issue();

        invitation.Use(Now.AddHours(1));

        Assert.Equal(Now.AddHours(1), invitation.UsedAt);
        Assert.False(invitation.CanBeUsedAt(Now.AddHours(2)));
    }

    [Fact]
    public void Invitation_UsedTwice_IsRefused()
    {
        var invitation = Issue();
        invitation.Use(Now.AddHours(1));

        Assert.Throws<ClinicalRuleException>(() => invitation.Use(Now.AddHours(2)));
        Assert.Equal(Now.AddHours(1), invitation.UsedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(24 * 60)]
    public void Invitation_UsedAtOrAfterExpiry_IsRefused(int minutesAfterExpiry)
    {
        var invitation = Issue();

        Assert.Throws<ClinicalRuleException>(() => invitation.Use(invitation.ExpiresAt.AddMinutes(minutesAfterExpiry)));
        Assert.Null(invitation.UsedAt);
    }

    [Fact]
    public void Invitation_UsedJustBeforeExpiry_IsAccepted()
    {
        var invitation = Issue();
        var justBefore = invitation.ExpiresAt.AddSeconds(-1);

        invitation.Use(justBefore);

        Assert.Equal(justBefore, invitation.UsedAt);
    }

    [Fact]
    public void Invitations_EachHaveTheirOwnId()
    {
        Assert.NotEqual(Issue().Id, Issue().Id);
    }
}
