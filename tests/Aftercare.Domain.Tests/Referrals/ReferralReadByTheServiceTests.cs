using Aftercare.Domain.Narratives;
using Aftercare.Domain.Referrals;
using static Aftercare.Domain.Tests.Referrals.ReferralWorld;

namespace Aftercare.Domain.Tests.Referrals;

/// <summary>The letter as the receiving service reads it: as sent, with the person's story only while they still agree.</summary>
public class ReferralReadByTheServiceTests
{
    [Fact]
    public void TheStory_IsShownWhileThePersonStillAgrees_AndReplacedOnceTheyWithdraw_TheRestAsSent()
    {
        var world = new ReferralWorld();
        var narrative = world.Narrative(NarrativeSharing.CareTeamAndReferredServices);
        var referral = world.Sent(narrative: narrative);
        Assert.True(referral.LetterCarriesTheStory);

        var shared = referral.PrintedLetterForTheService(narrative);
        Assert.Equal(referral.PrintedLetter(), shared);
        Assert.Contains(shared, s => s.Text.Contains(Story));

        narrative.ChangeSharing(NarrativeSharing.CareTeamOnly, Asha, world.Now);
        var withdrawn = referral.PrintedLetterForTheService(narrative);
        Assert.DoesNotContain(withdrawn, s => s.Text.Contains(Story));
        Assert.Single(withdrawn, s => s.Text == Referral.StoryNotSharedNow);
        Assert.Equal(referral.PrintedLetter().Count, withdrawn.Count);
        Assert.Equal(referral.PrintedLetter().Where(s => !s.Text.Contains(Story)), withdrawn.Where(s => s.Text != Referral.StoryNotSharedNow));
        // No story on record now reads as no agreement.
        Assert.DoesNotContain(referral.PrintedLetterForTheService(null), s => s.Text.Contains(Story));
    }

    [Fact]
    public void AGpPractice_ReadsTheStoryOnlyWhileThePersonAgreesTheirGpMay()
    {
        var world = new ReferralWorld();
        var narrative = world.Narrative(NarrativeSharing.CareTeamReferredServicesAndGp);
        var referral = world.Sent(TalkingTherapies(gp: true), narrative);
        Assert.Contains(referral.PrintedLetterForTheService(narrative), s => s.Text.Contains(Story));

        narrative.ChangeSharing(NarrativeSharing.CareTeamAndReferredServices, Asha, world.Now);
        Assert.DoesNotContain(referral.PrintedLetterForTheService(narrative), s => s.Text.Contains(Story));
    }

    [Fact]
    public void AnotherPersonsStory_IsNeverUsedToDecide()
    {
        var world = new ReferralWorld();
        var referral = world.Sent(narrative: world.Narrative(NarrativeSharing.CareTeamAndReferredServices));
        var someoneElse = new ReferralWorld().Narrative(NarrativeSharing.CareTeamAndReferredServices);
        Assert.Throws<Aftercare.Domain.Common.ClinicalRuleException>(() => referral.PrintedLetterForTheService(someoneElse));
    }
}
