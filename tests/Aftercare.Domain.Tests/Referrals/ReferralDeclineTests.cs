using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using static Aftercare.Domain.Tests.Referrals.ReferralWorld;

namespace Aftercare.Domain.Tests.Referrals;

/// <summary>NICE NG225: access to aftercare must not be refused because of self-harm, risk, diagnosis, age, drug or alcohol use or a co-existing condition.</summary>
public class ReferralDeclineTests
{
    [Theory]
    [InlineData(DeclineReason.SelfHarm)]
    [InlineData(DeclineReason.RiskOfSuicideOrSelfHarm)]
    [InlineData(DeclineReason.Diagnosis)]
    [InlineData(DeclineReason.Age)]
    [InlineData(DeclineReason.AlcoholOrDrugUse)]
    [InlineData(DeclineReason.CoexistingCondition)]
    public void Decline_OnGroundsNiceRulesOut_IsFlaggedAsContraryToGuidance(DeclineReason reason)
    {
        var world = new ReferralWorld();

        var referral = world.Declined(reason);

        Assert.True(DeclineReasons.IsContraryToGuidance(reason));
        Assert.True(referral.IsContraryToGuidance);
        Assert.True(referral.IsDeclinedContraryToGuidance);
        Assert.Equal(reason, referral.DeclineReason);
    }

    [Theory]
    [InlineData(DeclineReason.OutOfArea)]
    [InlineData(DeclineReason.NeedsBetterMetByAnotherService)]
    [InlineData(DeclineReason.PersonDoesNotWantTheService)]
    [InlineData(DeclineReason.ServiceCannotMeetTheNeed)]
    [InlineData(DeclineReason.IncompleteInformation)]
    public void Decline_ForAReasonAServiceMayProperlyGive_IsNotFlagged(DeclineReason reason)
    {
        var world = new ReferralWorld();

        var referral = world.Declined(reason, "Explained in the service's words.");

        Assert.False(DeclineReasons.IsContraryToGuidance(reason));
        Assert.False(referral.IsContraryToGuidance);
        Assert.False(referral.IsDeclinedContraryToGuidance);
        Assert.Equal(ReferralStatus.Declined, referral.Status);
    }

    [Fact]
    public void Decline_ForRisk_IsFlaggedAsContraryToGuidance()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        referral.Decline(DeclineReason.RiskOfSuicideOrSelfHarm, "Too risky for a primary care service.", null, OnBehalf, world.Now);

        Assert.True(referral.IsDeclinedContraryToGuidance);
        Assert.Contains("NICE NG225", DeclineReasons.ContraryToGuidanceNotice);
    }

    [Fact]
    public void Decline_ForSelfHarm_IsFlaggedAsContraryToGuidance()
    {
        Assert.True(new ReferralWorld().Declined(DeclineReason.SelfHarm).IsDeclinedContraryToGuidance);
    }

    [Fact]
    public void EveryDeclineCode_IsOnOneSideOfTheGuidanceOrTheOther_AndDescribedInWords()
    {
        var codes = Enum.GetValues<DeclineReason>();

        Assert.Equal(6, codes.Count(DeclineReasons.IsContraryToGuidance));
        Assert.Equal(5, codes.Count(c => !DeclineReasons.IsContraryToGuidance(c)));
        Assert.Equal(codes.Length, codes.Select(DeclineReasons.Describe).Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => DeclineReasons.IsContraryToGuidance((DeclineReason)99));
    }

    [Fact]
    public void ThereIsNoCatchAllReason_ThatWouldLetARiskDeclineGoUnflagged()
    {
        Assert.DoesNotContain(Enum.GetNames<DeclineReason>(), n => n.StartsWith("Other", StringComparison.OrdinalIgnoreCase) || n.Contains("Unknown", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Decline_KeepsTheServicesWords_WhoAndWhen_AndTheCodeInTheHistory()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();
        world.Clock.Advance(TimeSpan.FromDays(2));

        referral.Decline(DeclineReason.Diagnosis, "  We only see people with a diagnosis of severe mental illness.\n", null, OnBehalf, world.Now);

        Assert.Equal("We only see people with a diagnosis of severe mental illness.", referral.DeclineExplanation);
        Assert.Equal(world.Now, referral.DeclinedAt);
        Assert.Equal(ServiceLeadName, referral.DeclinedByName);
        var entry = referral.History[^1];
        Assert.Equal((ReferralHistoryKind.Declined, ReferralStatus.Declined, DeclineReason.Diagnosis, ServiceLead), (entry.Kind, entry.StatusAfter, entry.DeclineReason, entry.By));
        Assert.Equal(referral.DeclineExplanation, entry.Detail);
    }

    [Fact]
    public void Decline_WithoutAReason_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        Assert.Equal("Reason", Assert.Throws<ClinicalRuleException>(() => referral.Decline(null, "No", null, OnBehalf, world.Now)).Field);
        Assert.Equal("Reason", Assert.Throws<ClinicalRuleException>(() => referral.Decline((DeclineReason)42, "No", null, OnBehalf, world.Now)).Field);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Decline_WithoutTheServicesOwnWords_IsRefused(string? explanation)
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Decline(DeclineReason.RiskOfSuicideOrSelfHarm, explanation, null, OnBehalf, world.Now));

        Assert.Equal("Explanation", e.Field);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
        Assert.False(referral.IsContraryToGuidance);
    }

    [Fact]
    public void Decline_WithAnExplanationOver4000Characters_IsRefused_AndOfExactly4000_IsKept()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        Assert.Equal("Explanation", Assert.Throws<ClinicalRuleException>(() => referral.Decline(DeclineReason.Age, new string('w', 4001), null, OnBehalf, world.Now)).Field);
        referral.Decline(DeclineReason.Age, new string('w', 4000), null, OnBehalf, world.Now);
        Assert.Equal(4000, referral.DeclineExplanation!.Length);
    }

    [Fact]
    public void Decline_AsBetterMetElsewhere_MustNameTheOtherService()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        Assert.Equal("AlternativeService", Assert.Throws<ClinicalRuleException>(() =>
            referral.Decline(DeclineReason.NeedsBetterMetByAnotherService, "The CMHT would suit him better.", " ", OnBehalf, world.Now)).Field);
        referral.Decline(DeclineReason.NeedsBetterMetByAnotherService, "The CMHT would suit him better.", "Salford CMHT", OnBehalf, world.Now);
        Assert.Equal("Salford CMHT", referral.DeclineAlternativeService);
    }

    [Fact]
    public void Decline_Twice_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.OutOfArea);

        Assert.Throws<ClinicalRuleException>(() => referral.Decline(DeclineReason.Age, "Also too young", null, OnBehalf, world.Now));
        Assert.Equal(DeclineReason.OutOfArea, referral.DeclineReason);
    }

    [Fact]
    public void ADeclinedReferral_CannotThenBeAcceptedDirectly_TheWayBackIsTheEscalationOrAResubmission()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.RiskOfSuicideOrSelfHarm);

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Accept(null, OnBehalf, world.Now));

        Assert.Contains("escalation", e.Message);
        Assert.Equal(ReferralStatus.Declined, referral.Status);
    }

    [Fact]
    public void AFlaggedDecline_StaysFlaggedOnTheWorklist_UntilTheReferralIsClosed()
    {
        var world = new ReferralWorld();
        var referral = world.Declined(DeclineReason.AlcoholOrDrugUse);
        Assert.True(referral.IsDeclinedContraryToGuidance);

        referral.Close(ReferralClosure.ReferredElsewhere, "Salford Drug and Alcohol Service with shared care", Asha, AshaName, world.Now);

        Assert.False(referral.IsDeclinedContraryToGuidance);
        Assert.True(referral.IsContraryToGuidance);   // what the service did stays on the record
    }
}
