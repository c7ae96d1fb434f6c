using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using static Aftercare.Domain.Tests.Referrals.ReferralWorld;

namespace Aftercare.Domain.Tests.Referrals;

/// <summary>A sent letter never changes: a changed letter is a resubmission, linked to the referral it replaces.</summary>
public class ReferralResubmissionTests
{
    [Fact]
    public void Resubmit_ADeclinedReferral_MakesANewDraftToTheSameService_LinkedBothWays_AndClosesTheOriginal()
    {
        var world = new ReferralWorld();
        var original = world.Declined(DeclineReason.RiskOfSuicideOrSelfHarm);
        world.Clock.Advance(TimeSpan.FromHours(2));

        var next = original.Resubmit(Asha, AshaName, world.Now);

        Assert.NotEqual(original.Id, next.Id);
        Assert.Equal(ReferralStatus.Draft, next.Status);
        Assert.Equal((original.PersonId, original.PresentationId, original.ServiceId, original.ServiceName, original.TeamId),
            (next.PersonId, next.PresentationId, next.ServiceId, next.ServiceName, next.TeamId));
        Assert.Equal(original.Id, next.ResubmissionOf);
        Assert.Equal(next.Id, original.ResubmittedAs);
        Assert.Equal(ReferralStatus.Closed, original.Status);
        Assert.Equal(ReferralClosure.SupersededByResubmission, original.Closure);
        Assert.Equal(world.Now, original.ClosedAt);
        Assert.Equal((ReferralHistoryKind.Resubmitted, ReferralStatus.Closed), (original.History[^1].Kind, original.History[^1].StatusAfter));
        var drafted = Assert.Single(next.History);
        Assert.StartsWith("Resubmission of the referral sent on", drafted.Detail);
        Assert.Null(next.SentAt);
    }

    [Fact]
    public void Resubmit_CarriesTheLetterForward_WithASectionAnsweringTheDecline_RightAfterTheOpening()
    {
        var world = new ReferralWorld();
        var original = world.Declined(DeclineReason.RiskOfSuicideOrSelfHarm, "Too risky for step 2 at present.");

        var next = original.Resubmit(Asha, AshaName, world.Now);

        var sections = next.Letter.Sections;
        Assert.Equal(LetterSectionKind.Introduction, sections[0].Kind);
        var answer = sections[1];
        Assert.Equal((LetterSectionKind.Resubmission, "Resubmission", "Your reasons for declining, answered"), (answer.Kind, answer.Key, answer.Heading));
        Assert.Null(answer.Text);
        Assert.Contains("Too risky for step 2 at present.", answer.Hint);
        Assert.Contains(DeclineReasons.Describe(DeclineReason.RiskOfSuicideOrSelfHarm), answer.Hint);
        Assert.Contains("NICE NG225", answer.Hint);
        Assert.Equal(original.Letter.Sections, sections.Where(s => s.Kind != LetterSectionKind.Resubmission));
    }

    [Fact]
    public void AResubmission_CannotBeSent_UntilTheDeclineIsAnswered()
    {
        var world = new ReferralWorld();
        var next = world.Declined(DeclineReason.IncompleteInformation, "We need to know about his drinking.").Resubmit(Asha, AshaName, world.Now);

        Assert.Equal("Resubmission", Assert.Throws<ClinicalRuleException>(() => next.Send(null, Asha, AshaName, world.Now)).Field);
        Assert.DoesNotContain("NICE", next.Letter.Find("Resubmission")!.Hint);

        next.ReviseLetter(new Dictionary<string, string?> { ["Resubmission"] = "You asked about alcohol: he drinks at weekends, more since January, and wants to cut down." }, Asha, world.Now);
        next.Send(null, Asha, AshaName, world.Now);
        Assert.Equal(ReferralStatus.Sent, next.Status);
        Assert.Equal("Your reasons for declining, answered", next.PrintedLetter()[1].Heading);
    }

    [Fact]
    public void ResubmittingAResubmission_ReplacesTheEarlierAnswerSection_RatherThanAddingAnother()
    {
        var world = new ReferralWorld();
        var second = world.Declined(DeclineReason.IncompleteInformation, "More please.").Resubmit(Asha, AshaName, world.Now);
        second.ReviseLetter(new Dictionary<string, string?> { ["Resubmission"] = "Here is more." }, Asha, world.Now);
        second.Send(null, Asha, AshaName, world.Now);
        second.Decline(DeclineReason.Age, "He is too young for us.", null, OnBehalf, world.Now);

        var third = second.Resubmit(Asha, AshaName, world.Now);

        var answer = Assert.Single(third.Letter.OfKind(LetterSectionKind.Resubmission));
        Assert.Null(answer.Text);
        Assert.Contains("He is too young for us.", answer.Hint);
        Assert.Equal(second.Id, third.ResubmissionOf);
    }

    [Fact]
    public void Resubmit_CarriesTheContributorsAndTheirParts_ButNotThoseRemoved()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        var psychiatrist = referral.NameContributor("Dr Sam Okafor", Discipline.Psychiatry, "Consultant liaison psychiatrist", Psychiatrist, Asha, AshaName, world.Now);
        referral.AddContribution(psychiatrist.Id, "No severe mental illness; depression that talking therapy can help.", Psychiatrist, "Dr Sam Okafor", world.Now);
        var gp = referral.NameContributor("Dr Lee", Discipline.GeneralPractice, null, null, Asha, AshaName, world.Now);
        referral.RemoveContributor(gp.Id, "On leave for three weeks; Jordan should not wait.", Asha, AshaName, world.Now);
        referral.Send(null, Asha, AshaName, world.Now);
        referral.Decline(DeclineReason.Diagnosis, "Needs a diagnosis.", null, OnBehalf, world.Now);

        var next = referral.Resubmit(Asha, AshaName, world.Now);

        var carried = Assert.Single(next.Contributors);
        Assert.NotEqual(psychiatrist.Id, carried.Id);
        Assert.Equal(next.Id, carried.ReferralId);
        Assert.Equal(("Dr Sam Okafor", Psychiatrist, psychiatrist.Part), (carried.Name, carried.StaffId, carried.Part));
        Assert.Equal(Psychiatrist, carried.PartWrittenBy);
    }

    [Fact]
    public void Resubmit_ASentReferralNotYetDecided_AsksWhatHasChanged()
    {
        var world = new ReferralWorld();
        var original = world.Sent();

        var next = original.Resubmit(Asha, AshaName, world.Now);

        var answer = Assert.Single(next.Letter.OfKind(LetterSectionKind.Resubmission));
        Assert.StartsWith("What has changed since our letter of", answer.Heading);
        Assert.Equal(ReferralClosure.SupersededByResubmission, original.Closure);
    }

    [Fact]
    public void Resubmit_ADraft_IsRefused()
    {
        var world = new ReferralWorld();
        var draft = world.Ready();

        Assert.Throws<ClinicalRuleException>(() => draft.Resubmit(Asha, AshaName, world.Now));
        Assert.Equal(ReferralStatus.Draft, draft.Status);
    }

    [Fact]
    public void Resubmit_WhenTheServiceHasAcceptedOrWaitListedThePerson_IsRefused_SoTheirPlaceIsNotLost()
    {
        var world = new ReferralWorld();
        var accepted = world.Accepted();
        Assert.Throws<ClinicalRuleException>(() => accepted.Resubmit(Asha, AshaName, world.Now));
        Assert.Equal(ReferralStatus.Accepted, accepted.Status);

        var waiting = new ReferralWorld();
        var listed = waiting.Sent();
        listed.PlaceOnWaitingList(null, OnBehalf, waiting.Now);
        Assert.Contains("lose their place", Assert.Throws<ClinicalRuleException>(() => listed.Resubmit(Asha, AshaName, waiting.Now)).Message);
        Assert.Null(listed.ResubmittedAs);
    }

    [Fact]
    public void TimeToFirstContact_OnAResubmission_IsStillCountedFromTheOriginalArrivalAtHospital()
    {
        var world = new ReferralWorld();
        var next = world.Declined(DeclineReason.SelfHarm).Resubmit(Asha, AshaName, world.Now);
        next.ReviseLetter(new Dictionary<string, string?> { ["Resubmission"] = "NICE NG225 is clear that self-harm is not a reason to refuse." }, Asha, world.Now);
        next.Send(null, Asha, AshaName, world.Now);
        next.Accept(null, OnBehalf, world.Now);
        var appointment = Arrived.AddDays(30);
        next.OfferFirstAppointment(appointment, OnBehalf, world.Now);
        world.Clock.SetUtcNow(appointment.AddHours(1));

        next.RecordFirstAppointmentAttended(appointment, OnBehalf, world.Now);

        Assert.Equal(Arrived, next.PresentationArrivedAt);
        Assert.Equal(TimeSpan.FromDays(30), next.TimeFromPresentationToFirstContact);
    }
}
