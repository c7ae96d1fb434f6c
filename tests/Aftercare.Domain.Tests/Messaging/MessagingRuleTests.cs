using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Tests.Messaging;

public class MessagingRuleTests
{
    private static readonly TeamId Team = new(Guid.NewGuid());
    private static readonly StaffId Named = new(Guid.NewGuid());
    private static readonly StaffId Covering = new(Guid.NewGuid());
    private static readonly StaffId Colleague = new(Guid.NewGuid());

    private static bool MayReply(StaffId staff, StaffRole role, AccessBasis basis = AccessBasis.CareTeam, TeamId? team = null, bool active = true) =>
        MessagingRule.MayReply(basis, role, staff, team ?? Team, Team, active, [Named], [Covering]);

    [Fact]
    public void TheNamedPractitioner_Replies() => Assert.True(MayReply(Named, StaffRole.Practitioner));

    [Fact]
    public void APractitionerCoveringNow_Replies() => Assert.True(MayReply(Covering, StaffRole.Practitioner));

    [Fact]
    public void TheTeamsSupervisor_Replies() => Assert.True(MayReply(Colleague, StaffRole.Supervisor));

    [Fact]
    public void AnotherClinicianOfTheTeam_OnlyReads() => Assert.False(MayReply(Colleague, StaffRole.Practitioner));

    [Fact]
    public void ASupervisorOfAnotherTeam_DoesNotReply() =>
        Assert.False(MayReply(Colleague, StaffRole.Supervisor, team: new TeamId(Guid.NewGuid())));

    [Fact]
    public void SomeoneReadingUnderBreakGlass_OnlyReads_EvenIfNamedOnceBefore() =>
        Assert.False(MayReply(Named, StaffRole.Practitioner, AccessBasis.BreakGlass));

    [Fact]
    public void AnAdministrator_NeverReplies() => Assert.False(MayReply(Named, StaffRole.Administrator));

    [Fact]
    public void OnceCareHasEnded_NobodyReplies()
    {
        Assert.False(MayReply(Named, StaffRole.Practitioner, active: false));
        Assert.False(MayReply(Colleague, StaffRole.Supervisor, active: false));
    }
}
