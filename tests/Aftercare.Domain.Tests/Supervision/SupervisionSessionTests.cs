using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;

namespace Aftercare.Domain.Tests.Supervision;

public class SupervisionSessionTests
{
    private static readonly TeamId Team = new(Guid.NewGuid());
    private static readonly SupervisionParticipant Supervisor = new(new StaffId(Guid.NewGuid()), "Sam Supervisor", StaffRole.Supervisor, Team);
    private static readonly SupervisionParticipant Asha = new(new StaffId(Guid.NewGuid()), "Asha Practitioner", StaffRole.Practitioner, Team);
    private static readonly PersonId Robin = new(Guid.NewGuid());
    // 22:30 UTC on 30 June 2026 is 23:30 on 30 June in the UK (summer time); 23:30 UTC is already 1 July there.
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 22, 30, 0, TimeSpan.Zero);

    private static SupervisionSession Record(SupervisionParticipant? practitioner = null, DateOnly? heldOn = null, string? covered = null,
        SupervisionCaseDraft[]? cases = null, SupervisionActionDraft[]? actions = null, DateTimeOffset? now = null, SupervisionParticipant? supervisor = null) =>
        SupervisionSession.Record(Team, supervisor ?? Supervisor, practitioner ?? Asha, heldOn ?? new DateOnly(2026, 6, 30), 60, SupervisionKind.OneToOne, covered,
            cases ?? [new SupervisionCaseDraft(Robin, "Safety plan not yet shared with her sister")], [Robin], [],
            actions ?? [new SupervisionActionDraft("Review the safety plan with Robin this week", SupervisionActionOwner.Practitioner, new DateOnly(2026, 7, 3), Robin)],
            now ?? Now);

    private static ClinicalRuleException Refused(Action act) => Assert.Throws<ClinicalRuleException>(act);

    [Fact]
    public void ASession_KeepsItsCasesReviewsAndActions_WithTheActionOpenForItsOwner()
    {
        var session = Record();
        Assert.Single(session.Cases);
        Assert.Equal(SupervisionReviewKind.Transcript, Assert.Single(session.Reviews).Kind);
        var action = Assert.Single(session.Actions);
        Assert.Equal(SupervisionActionStatus.Open, action.Status);
        Assert.Equal(Asha.Id, action.OwnerId);
        Assert.Equal(new DateOnly(2026, 6, 30), action.AgreedOn);
        Assert.Single(action.History);
    }

    [Fact]
    public void TheDateHeld_IsNeverInTheFuture_InUkDates_AcrossMidnightInSummerTime()
    {
        Assert.Equal("HeldOn", Refused(() => Record(heldOn: new DateOnly(2026, 7, 1))).Field);
        // At 23:30 UTC on 30 June it is already 1 July in the UK: a session held on 1 July can be recorded.
        Assert.Equal(new DateOnly(2026, 7, 1), Record(heldOn: new DateOnly(2026, 7, 1), now: Now.AddHours(1)).HeldOn);
        // In winter, UK time is UTC: 23:30 UTC on 30 December is still 30 December.
        Assert.Equal("HeldOn", Refused(() => Record(heldOn: new DateOnly(2026, 12, 31), now: new DateTimeOffset(2026, 12, 30, 23, 30, 0, TimeSpan.Zero))).Field);
    }

    [Fact]
    public void ThePractitioner_IsAClinicianOfTheTeam_AndTheRecorderItsSupervisor()
    {
        var otherTeam = Asha with { TeamId = new TeamId(Guid.NewGuid()) };
        Assert.Equal("Practitioner", Refused(() => Record(practitioner: otherTeam)).Field);
        Assert.Equal("Practitioner", Refused(() => Record(practitioner: Asha with { Role = StaffRole.Administrator })).Field);
        Assert.Equal("Practitioner", Refused(() => Record(practitioner: Asha with { IsActive = false })).Field);
        Assert.Equal("Supervisor", Refused(() => Record(supervisor: Asha with { Id = new StaffId(Guid.NewGuid()) })).Field);
    }

    [Fact]
    public void ASession_NeedsACase_OrANoteOfWhatWasCovered()
    {
        Assert.Equal("Cases", Refused(() => Record(cases: [], covered: "  ")).Field);
        Assert.Empty(Record(cases: [], covered: "Reflective supervision: managing a heavy caseload").Cases);
        Assert.Equal("Cases[0].Discussed", Refused(() => Record(cases: [new SupervisionCaseDraft(Robin, "")])).Field);
    }

    [Fact]
    public void AnAction_IsWordsOfAtMost1000Characters()
    {
        Assert.Equal("Actions[1].Text", Refused(() => Record(actions:
            [new("Ring the GP", SupervisionActionOwner.Supervisor, null), new("  ", SupervisionActionOwner.Practitioner, null)])).Field);
        Assert.Equal("Actions[0].Text", Refused(() => Record(actions: [new(new string('a', 1001), SupervisionActionOwner.Practitioner, null)])).Field);
        Assert.Single(Record(actions: [new(new string('a', 1000), SupervisionActionOwner.Practitioner, null)]).Actions);
        Assert.Equal(Supervisor.Id, Record(actions: [new("Ring the GP", SupervisionActionOwner.Supervisor, null)]).Actions[0].OwnerId);
    }

    [Fact]
    public void AnAction_IsDoneOnce_ByItsOwnerOrTheSupervisor_AndNeverReopened()
    {
        var action = Record().Actions[0];
        Assert.Equal("Note", Refused(() => action.MarkDone(new StaffId(Guid.NewGuid()), "Someone else", null, Now)).Field);
        action.MarkDone(Asha.Id, Asha.Name, "Plan reviewed and shared", Now.AddDays(1));
        Assert.Equal(SupervisionActionStatus.Done, action.Status);
        Assert.Equal(Asha.Id, action.ClosedBy);
        Assert.Equal("Plan reviewed and shared", action.ClosedNote);
        Assert.Equal(2, action.History.Count);
        Refused(() => action.MarkDone(Asha.Id, Asha.Name, null, Now.AddDays(2)));
        Refused(() => action.MarkNoLongerNeeded(Supervisor.Id, Supervisor.Name, "Moved away", Now.AddDays(2)));
    }

    [Fact]
    public void AnActionNoLongerNeeded_SaysWhy()
    {
        var action = Record().Actions[0];
        Assert.Equal("Note", Refused(() => action.MarkNoLongerNeeded(Supervisor.Id, Supervisor.Name, " ", Now)).Field);
        action.MarkNoLongerNeeded(Supervisor.Id, Supervisor.Name, "Robin moved out of area; handed to the new team", Now);
        Assert.Equal(SupervisionActionStatus.NoLongerNeeded, action.Status);
        Assert.False(action.IsOpen);
    }

    [Fact]
    public void AnOpenAction_IsOverdueTheDayAfterItWasDue()
    {
        var action = Record().Actions[0];
        Assert.False(action.IsOverdueOn(new DateOnly(2026, 7, 3)));
        Assert.True(action.IsOverdueOn(new DateOnly(2026, 7, 4)));
        action.MarkDone(Asha.Id, Asha.Name, null, Now);
        Assert.False(action.IsOverdueOn(new DateOnly(2026, 7, 4)));
    }

    [Fact]
    public void AnAddendum_IsTheSupervisorsWords_AndLeavesTheSessionAsRecorded()
    {
        var session = Record();
        var addendum = session.AddAddendum(Supervisor, "Also discussed: the sister is now a named contact", Now.AddDays(1));
        Assert.Equal(session.Id, addendum.SupervisionSessionId);
        Assert.Equal(Supervisor.Name, addendum.AddedByName);
        Assert.Equal("Safety plan not yet shared with her sister", session.Cases[0].Discussed);
        Assert.Equal("Text", Refused(() => session.AddAddendum(Asha, "Mine", Now)).Field);
        Assert.Equal("Text", Refused(() => session.AddAddendum(Supervisor, "", Now)).Field);
    }
}
