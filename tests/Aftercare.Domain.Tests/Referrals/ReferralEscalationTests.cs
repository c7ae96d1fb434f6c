using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using static Aftercare.Domain.Tests.Referrals.ReferralWorld;

namespace Aftercare.Domain.Tests.Referrals;

/// <summary>A decline contrary to NICE NG225 goes, in one step, to a named senior clinician, and what came of it is recorded.</summary>
public class ReferralEscalationTests
{
    [Fact]
    public void Escalate_AFlaggedDecline_NamesTheSeniorClinician_WithWhoAndWhen()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.RiskOfSuicideOrSelfHarm);
        world.Clock.Advance(TimeSpan.FromHours(1));

        var escalation = referral.Escalate(Senior, SeniorName, "Declined for risk alone; please speak to their lead.", Asha, AshaName, world.Now);

        Assert.Same(escalation, referral.OpenEscalation);
        Assert.Equal((Senior, SeniorName, DeclineReason.RiskOfSuicideOrSelfHarm), (escalation.SeniorClinicianId, escalation.SeniorClinicianName, escalation.DeclineReason));
        Assert.Equal((Asha, AshaName, world.Now), (escalation.EscalatedBy, escalation.EscalatedByName, escalation.EscalatedAt));
        Assert.Equal("Declined for risk alone; please speak to their lead.", escalation.Note);
        Assert.True(escalation.IsOpen);
        Assert.Equal(referral.Id, escalation.ReferralId);
        Assert.Equal(ReferralStatus.Declined, referral.Status);
        Assert.Equal((ReferralHistoryKind.Escalated, SeniorName), (referral.History[^1].Kind, referral.History[^1].Detail));
    }

    [Theory]
    [InlineData(DeclineReason.OutOfArea)]
    [InlineData(DeclineReason.IncompleteInformation)]
    public void Escalate_ADeclineNotContraryToGuidance_IsRefused(DeclineReason reason)
    {
        var world = new ReferralWorld();
        var referral = world.Declined(reason, "Explained.");

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Escalate(Senior, SeniorName, null, Asha, AshaName, world.Now));

        Assert.Contains("NICE NG225", e.Message);
        Assert.Empty(referral.Escalations);
    }

    [Fact]
    public void Escalate_AReferralThatIsNotDeclined_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        Assert.Throws<ClinicalRuleException>(() => referral.Escalate(Senior, SeniorName, null, Asha, AshaName, world.Now));
        Assert.Empty(referral.Escalations);
    }

    [Fact]
    public void Escalate_Twice_WhileTheFirstIsOpen_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.Age);
        referral.Escalate(Senior, SeniorName, null, Asha, AshaName, world.Now);

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Escalate(StaffId.New(), "Dr Other", null, Asha, AshaName, world.Now));

        Assert.Contains(SeniorName, e.Message);
        Assert.Single(referral.Escalations);
    }

    [Fact]
    public void Escalate_ToYourself_OrWithoutNamingTheSeniorClinician_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.Diagnosis);

        Assert.Equal("SeniorClinician", Assert.Throws<ClinicalRuleException>(() => referral.Escalate(Asha, AshaName, null, Asha, AshaName, world.Now)).Field);
        Assert.Equal("SeniorClinician", Assert.Throws<ClinicalRuleException>(() => referral.Escalate(Senior, " ", null, Asha, AshaName, world.Now)).Field);
        Assert.Empty(referral.Escalations);
    }

    [Fact]
    public void AnEscalation_IsClosedOnlyWithAnOutcomeAndWhatHappened()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.SelfHarm);
        var escalation = referral.Escalate(Senior, SeniorName, null, Asha, AshaName, world.Now);

        Assert.Equal("Outcome", Assert.Throws<ClinicalRuleException>(() => referral.RecordEscalationOutcome(escalation.Id, null, "Spoke to them", Senior, SeniorName, world.Now)).Field);
        Assert.Equal("Detail", Assert.Throws<ClinicalRuleException>(() => referral.RecordEscalationOutcome(escalation.Id, EscalationOutcome.DeclineUpheld, " ", Senior, SeniorName, world.Now)).Field);
        Assert.Throws<ClinicalRuleException>(() => referral.RecordEscalationOutcome(Guid.NewGuid(), EscalationOutcome.DeclineUpheld, "Upheld", Senior, SeniorName, world.Now));
        Assert.True(escalation.IsOpen);
    }

    [Fact]
    public void DeclineOverturned_SendsTheReferralBackToTheService_WhichThenAcceptsIt()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.RiskOfSuicideOrSelfHarm);
        var escalation = referral.Escalate(Senior, SeniorName, null, Asha, AshaName, world.Now);
        world.Clock.Advance(TimeSpan.FromDays(1));

        referral.RecordEscalationOutcome(escalation.Id, EscalationOutcome.DeclineOverturned, "Their clinical lead agreed to see him after a call.", Senior, SeniorName, world.Now);

        Assert.False(escalation.IsOpen);
        Assert.Equal((EscalationOutcome.DeclineOverturned, Senior, world.Now), (escalation.Outcome, escalation.OutcomeRecordedBy, escalation.OutcomeRecordedAt));
        Assert.Equal(ReferralStatus.Sent, referral.Status);
        Assert.False(referral.IsDeclinedContraryToGuidance);
        Assert.True(referral.IsContraryToGuidance);
        Assert.Equal((ReferralHistoryKind.EscalationOutcomeRecorded, ReferralStatus.Sent), (referral.History[^1].Kind, referral.History[^1].StatusAfter));
        referral.Accept(null, OnBehalf, world.Now);
        Assert.Equal(ReferralStatus.Accepted, referral.Status);
    }

    [Fact]
    public void DeclineUpheld_LeavesTheReferralDeclinedAndFlagged_AndItCanBeEscalatedFurther()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.CoexistingCondition);
        var first = referral.Escalate(Senior, SeniorName, null, Asha, AshaName, world.Now);

        referral.RecordEscalationOutcome(first.Id, EscalationOutcome.DeclineUpheld, "Service says its therapists cannot work with his epilepsy.", Senior, SeniorName, world.Now);

        Assert.Equal(ReferralStatus.Declined, referral.Status);
        Assert.True(referral.IsDeclinedContraryToGuidance);
        Assert.Throws<ClinicalRuleException>(() => referral.RecordEscalationOutcome(first.Id, EscalationOutcome.DeclineOverturned, "Changed", Senior, SeniorName, world.Now));
        var second = referral.Escalate(StaffId.New(), "Dr Clinical Director", null, Asha, AshaName, world.Now);
        Assert.Equal(2, referral.Escalations.Count);
        Assert.Same(second, referral.OpenEscalation);
    }

    [Fact]
    public void WhileADeclineIsWithASeniorClinician_TheReferralCanBeNeitherClosedNorResubmitted()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.AlcoholOrDrugUse);
        var escalation = referral.Escalate(Senior, SeniorName, null, Asha, AshaName, world.Now);

        Assert.Contains(SeniorName, Assert.Throws<ClinicalRuleException>(() => referral.Close(ReferralClosure.ReferredElsewhere, "CMHT", Asha, AshaName, world.Now)).Message);
        Assert.Contains(SeniorName, Assert.Throws<ClinicalRuleException>(() => referral.Resubmit(Asha, AshaName, world.Now)).Message);
        Assert.Equal(ReferralStatus.Declined, referral.Status);

        referral.RecordEscalationOutcome(escalation.Id, EscalationOutcome.ReferralResubmitted, "Agreed to resubmit with the psychiatrist's view.", Senior, SeniorName, world.Now);
        var next = referral.Resubmit(Asha, AshaName, world.Now);
        Assert.Equal(ReferralStatus.Draft, next.Status);
    }

    [Fact]
    public void EveryOutcome_IsDescribedInWords()
    {
        Assert.Equal(4, Enum.GetValues<EscalationOutcome>().Select(EscalationOutcomes.Describe).Distinct().Count());
    }
}
