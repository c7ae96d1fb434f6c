using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;

namespace Aftercare.Domain.Tests.Patients;

public class PatientInvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 16, 0, 0, TimeSpan.Zero);
    private static readonly PersonId Patient = PersonId.New();
    private static readonly StaffId Practitioner = StaffId.New();

    private static PatientInvitation Issue() => PatientInvitation.Issue(Patient, "hash-of-the-code", Practitioner, Now);

    [Fact]
    public void Invitation_KeepsWhoItIsForWhoIssuedItAndOnlyTheHash()
    {
        var invitation = Issue();

        Assert.NotEqual(Guid.Empty, invitation.Id);
        Assert.Equal(Patient, invitation.PersonId);
        Assert.Equal(Practitioner, invitation.IssuedBy);
        Assert.Equal("hash-of-the-code", invitation.CodeHash);
        Assert.Equal(Now, invitation.CreatedAt);
        Assert.Null(invitation.UsedAt);
        Assert.Null(invitation.WithdrawnAt);
    }

    [Fact]
    public void Invitation_WithoutACodeHash_Throws()
    {
        Assert.Throws<ArgumentException>(() => PatientInvitation.Issue(Patient, " ", Practitioner, Now));
    }

    [Fact]
    public void Invitation_IsValidFor72Hours()
    {
        var invitation = Issue();

        Assert.Equal(Now.AddHours(72), invitation.ExpiresAt);
        Assert.True(invitation.CanBeUsedAt(Now));
        Assert.True(invitation.CanBeUsedAt(Now.AddHours(72).AddTicks(-1)));
        Assert.False(invitation.CanBeUsedAt(Now.AddHours(72)));
    }

    [Fact]
    public void Invitation_Use_RecordsWhenItWasUsed_AndItCannotBeUsedAgain()
    {
        var invitation = Issue();

        invitation.Use(Now.AddHours(1));

        Assert.Equal(Now.AddHours(1), invitation.UsedAt);
        Assert.False(invitation.CanBeUsedAt(Now.AddHours(2)));
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

        var ex = Assert.Throws<ClinicalRuleException>(() => invitation.Use(invitation.ExpiresAt.AddMinutes(minutesAfterExpiry)));

        Assert.Contains("practitioner", ex.Message);
        Assert.Null(invitation.UsedAt);
    }

    [Fact]
    public void Invitations_IssuedAgain_AreSeparate_AndEachSingleUse()
    {
        var first = Issue();
        var second = Issue();

        first.Use(Now.AddHours(1));

        Assert.NotEqual(first.Id, second.Id);
        Assert.True(second.CanBeUsedAt(Now.AddHours(1)));
        second.Use(Now.AddHours(2));
        Assert.Throws<ClinicalRuleException>(() => second.Use(Now.AddHours(3)));
    }

    [Fact]
    public void Invitation_Withdrawn_CannotBeUsed()
    {
        var invitation = Issue();

        invitation.Withdraw(Now.AddHours(1));

        Assert.Equal(Now.AddHours(1), invitation.WithdrawnAt);
        Assert.False(invitation.CanBeUsedAt(Now.AddHours(2)));
        Assert.Throws<ClinicalRuleException>(() => invitation.Use(Now.AddHours(2)));
        Assert.Null(invitation.UsedAt);
    }

    [Fact]
    public void Invitation_AlreadyUsed_IsNotWithdrawn()
    {
        var invitation = Issue();
        invitation.Use(Now.AddHours(1));

        invitation.Withdraw(Now.AddHours(2));

        Assert.Null(invitation.WithdrawnAt);
        Assert.Equal(Now.AddHours(1), invitation.UsedAt);
    }

    [Fact]
    public void Invitation_WithdrawnTwice_KeepsTheFirstTime()
    {
        var invitation = Issue();

        invitation.Withdraw(Now.AddHours(1));
        invitation.Withdraw(Now.AddHours(2));

        Assert.Equal(Now.AddHours(1), invitation.WithdrawnAt);
    }
}
