using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Tests.Access;

public class CareAccessRuleTests
{
    private static readonly TeamId RecordTeam = TeamId.New();
    private static readonly TeamId OtherTeam = TeamId.New();

    [Theory]
    [InlineData(StaffRole.Practitioner, false)]
    [InlineData(StaffRole.Practitioner, true)]
    [InlineData(StaffRole.Supervisor, false)]
    [InlineData(StaffRole.Supervisor, true)]
    public void PractitionerOrSupervisor_InTheRecordsTeam_ReadsAsCareTeam(StaffRole role, bool breakGlass)
    {
        Assert.Equal(AccessBasis.CareTeam, CareAccessRule.Decide(role, RecordTeam, RecordTeam, breakGlass));
    }

    [Fact]
    public void CareTeam_IsDecidedByTeamIdValue_NotByInstance()
    {
        var sameTeamRebuilt = new TeamId(RecordTeam.Value);

        Assert.Equal(AccessBasis.CareTeam, CareAccessRule.Decide(StaffRole.Practitioner, sameTeamRebuilt, RecordTeam, false));
    }

    [Fact]
    public void Practitioner_InAnotherTeam_WithoutBreakGlass_HasNoAccess()
    {
        Assert.Equal(AccessBasis.None, CareAccessRule.Decide(StaffRole.Practitioner, OtherTeam, RecordTeam, false));
    }

    [Fact]
    public void Practitioner_InAnotherTeam_WithActiveBreakGlass_ReadsByBreakGlass()
    {
        Assert.Equal(AccessBasis.BreakGlass, CareAccessRule.Decide(StaffRole.Practitioner, OtherTeam, RecordTeam, true));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Supervisor_InAnotherTeam_HasNoAccess_EvenWithBreakGlass(bool breakGlass)
    {
        Assert.Equal(AccessBasis.None, CareAccessRule.Decide(StaffRole.Supervisor, OtherTeam, RecordTeam, breakGlass));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Administrator_HasNoAccess_EvenWithTheSameTeamId(bool breakGlass)
    {
        Assert.Equal(AccessBasis.None, CareAccessRule.Decide(StaffRole.Administrator, RecordTeam, RecordTeam, breakGlass));
        Assert.Equal(AccessBasis.None, CareAccessRule.Decide(StaffRole.Administrator, OtherTeam, RecordTeam, breakGlass));
        Assert.Equal(AccessBasis.None, CareAccessRule.Decide(StaffRole.Administrator, null, RecordTeam, breakGlass));
    }

    [Theory]
    [InlineData(StaffRole.Practitioner)]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Administrator)]
    public void Reader_WithNoTeam_AndNoBreakGlass_HasNoAccess(StaffRole role)
    {
        Assert.Equal(AccessBasis.None, CareAccessRule.Decide(role, null, RecordTeam, false));
    }

    [Fact]
    public void Supervisor_WithNoTeam_HasNoAccess_EvenWithBreakGlass()
    {
        Assert.Equal(AccessBasis.None, CareAccessRule.Decide(StaffRole.Supervisor, null, RecordTeam, true));
    }

    [Fact]
    public void UnknownRole_HasNoAccess()
    {
        Assert.Equal(AccessBasis.None, CareAccessRule.Decide((StaffRole)99, RecordTeam, RecordTeam, true));
        Assert.Equal(AccessBasis.None, CareAccessRule.Decide(default, RecordTeam, RecordTeam, true));
    }

    [Theory]
    [InlineData(StaffRole.Practitioner, true)]
    [InlineData(StaffRole.Supervisor, false)]
    [InlineData(StaffRole.Administrator, false)]
    public void OnlyPractitioners_MayBreakGlass(StaffRole role, bool expected)
    {
        Assert.Equal(expected, CareAccessRule.MayBreakGlass(role));
    }

    [Fact]
    public void AReceivingService_HasNoAccess_ToAnyPersonsRecord()
    {
        var service = ServiceId.New();

        Assert.Equal(AccessBasis.None, CareAccessRule.DecideForReceivingService(service, RecordTeam));
        Assert.Equal(AccessBasis.None, CareAccessRule.DecideForReceivingService(service, OtherTeam));
        Assert.Equal(AccessBasis.None, CareAccessRule.DecideForReceivingService(ServiceId.New(), RecordTeam));
    }

    [Fact]
    public void AReceivingService_WhoseIdHappensToBeTheCareTeamsId_StillHasNoAccess()
    {
        // A service is never matched to a care team by the value of its id.
        var sameValue = new ServiceId(RecordTeam.Value);

        Assert.Equal(AccessBasis.None, CareAccessRule.DecideForReceivingService(sameValue, RecordTeam));
        Assert.Equal(AccessBasis.None, CareAccessRule.DecideForReceivingService(default, default));
    }
}
