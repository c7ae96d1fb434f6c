using Aftercare.Domain.Common;
using Aftercare.Domain.Sessions;

namespace Aftercare.Domain.Tests.Sessions;

public class CareSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 17, 11, 0, 0, TimeSpan.Zero);
    private static readonly PersonId Jordan = PersonId.New();
    private static readonly StaffId Asha = StaffId.New();

    private static CareSession Record(ContactOutcome? outcome = ContactOutcome.Attended, ContactMode? mode = ContactMode.Video,
        SolutionFocusedNotes? sf = null, DateTimeOffset? at = null) =>
        CareSession.Record(Jordan, PathwayId.New(), PlannedContactId.New(), Asha, "Asha Patel", at ?? Now.AddHours(-1), mode, outcome,
            "Talked about the job interview.", sf, Adaptations.None, null, Now);

    [Fact]
    public void AnAttendedSolutionFocusedSession_KeepsItsNotesAndScale_InThePersonsWords()
    {
        var sf = SolutionFocusedNotes.Create(" To feel like myself again ", "Getting up and seeing friends", "Walking the dog every morning", 4, "Text Sam on Saturday");
        var session = CareSession.Record(Jordan, null, null, Asha, "Asha Patel", Now.AddHours(-1), ContactMode.InPerson, ContactOutcome.Attended, null, sf,
            Adaptations.Neurodiversity | Adaptations.LanguageOrInterpreter, "Written summary; Polish interpreter", Now);
        Assert.Equal("To feel like myself again", session.SolutionFocused.BestHopes);
        Assert.Equal(4, session.SolutionFocused.Scale);
        Assert.True(session.Adaptations.HasFlag(Adaptations.Neurodiversity));
        Assert.Equal("Written summary; Polish interpreter", session.AdaptationNotes);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void AScaleOutsideZeroToTen_IsRefused(int scale) =>
        Assert.Equal("Scale", Assert.Throws<ClinicalRuleException>(() => SolutionFocusedNotes.Create(null, null, null, scale, null)).Field);

    [Fact]
    public void HowItTookPlace_AndWhetherThePersonCame_MustBeChosen_AndItCannotBeInTheFuture()
    {
        Assert.Equal("Mode", Assert.Throws<ClinicalRuleException>(() => Record(mode: null)).Field);
        Assert.Equal("Outcome", Assert.Throws<ClinicalRuleException>(() => Record(outcome: null)).Field);
        Assert.Equal("OccurredAt", Assert.Throws<ClinicalRuleException>(() => Record(at: Now.AddHours(2))).Field);
    }

    [Fact]
    public void AMissedContact_HasNoScale_ButCollectsEachAttemptToReEngage()
    {
        Assert.Throws<ClinicalRuleException>(() => Record(ContactOutcome.Missed, sf: SolutionFocusedNotes.Create(null, null, null, 5, null)));
        var missed = Record(ContactOutcome.Missed, ContactMode.Phone);
        Assert.Equal("Outcome", Assert.Throws<ClinicalRuleException>(() => missed.AddReEngagement(Now, ReEngagementMethod.Phone, "", Asha, "Asha Patel", Now)).Field);
        Assert.Throws<ClinicalRuleException>(() => missed.AddReEngagement(Now.AddHours(-3), ReEngagementMethod.Phone, "No answer", Asha, "Asha Patel", Now));
        Assert.Throws<ClinicalRuleException>(() => missed.AddReEngagement(Now.AddHours(1), ReEngagementMethod.Phone, "No answer", Asha, "Asha Patel", Now));
        missed.AddReEngagement(Now.AddMinutes(-30), ReEngagementMethod.Phone, "No answer; left a voicemail", Asha, "Asha Patel", Now);
        missed.AddReEngagement(Now, ReEngagementMethod.TextMessage, "Texted; he replied and we rebooked", Asha, "Asha Patel", Now);
        Assert.Equal(2, missed.ReEngagement.Count);

        var attended = Record();
        Assert.Throws<ClinicalRuleException>(() => attended.AddReEngagement(Now, ReEngagementMethod.Phone, "Called", Asha, "Asha Patel", Now));
    }

    [Fact]
    public void TheAllianceRating_HasFourItemsFromZeroToTen_IsGivenOnce_AndOnlyForASessionThatTookPlace()
    {
        Assert.Equal("Approach", Assert.Throws<ClinicalRuleException>(() => AllianceRating.Create(8, 7, 11, 9, true, Now)).Field);
        Assert.Equal("Overall", Assert.Throws<ClinicalRuleException>(() => AllianceRating.Create(8, 7, 6, null, true, Now)).Field);
        var session = Record();
        session.RateAlliance(AllianceRating.Create(9, 8, 8, 9, enteredByPerson: true, Now));
        Assert.Equal(9, session.Alliance!.Overall);
        Assert.True(session.Alliance.EnteredByPerson);
        Assert.Throws<ClinicalRuleException>(() => session.RateAlliance(AllianceRating.Create(1, 1, 1, 1, true, Now)));
        Assert.Throws<ClinicalRuleException>(() => Record(ContactOutcome.Cancelled).RateAlliance(AllianceRating.Create(5, 5, 5, 5, false, Now)));
    }
}
