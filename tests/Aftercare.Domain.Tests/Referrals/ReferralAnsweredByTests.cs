using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using static Aftercare.Domain.Tests.Referrals.ReferralWorld;

namespace Aftercare.Domain.Tests.Referrals;

/// <summary>
/// Who gave the service's answer: the service itself, in Aftercare, or a member of staff recording
/// it on the service's behalf. Each answer keeps which, and a service answers only its own referrals.
/// </summary>
public class ReferralAnsweredByTests
{
    [Fact]
    public void AServiceUser_AnsweringAnotherServicesReferral_IsRefused_AndNothingIsRecorded()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();
        var elsewhere = ReferralActor.ForServiceUser(Grace, ServiceId.New(), GraceName);
        var history = referral.History.Count;

        foreach (var answer in new Action[]
        {
            () => referral.Accept(null, elsewhere, world.Now),
            () => referral.PlaceOnWaitingList(null, elsewhere, world.Now),
            () => referral.Decline(DeclineReason.OutOfArea, "Not our area", null, elsewhere, world.Now),
        })
        {
            var e = Assert.Throws<ClinicalRuleException>(answer);
            Assert.Contains("addressed to another service", e.Message);
        }
        Assert.Equal(ReferralStatus.Sent, referral.Status);
        Assert.Equal(history, referral.History.Count);

        var accepted = world.Accepted();
        Assert.Throws<ClinicalRuleException>(() => accepted.OfferFirstAppointment(world.Now.AddDays(3), elsewhere, world.Now));
        var offered = world.Offered();
        Assert.Throws<ClinicalRuleException>(() => offered.RecordFirstAppointmentAttended(world.Now, elsewhere, world.Now));
        Assert.Equal(ReferralStatus.FirstAppointmentOffered, offered.Status);
    }

    [Fact]
    public void EachAnswer_RecordsWhetherTheServiceGaveItOrStaffRecordedItOnItsBehalf()
    {
        var world = new ReferralWorld();
        var byTheService = world.Sent();
        var service = TheService(byTheService);
        byTheService.PlaceOnWaitingList("About four weeks", service, world.Now);
        byTheService.Accept(null, service, world.Now);
        byTheService.OfferFirstAppointment(world.Now.AddDays(2), service, world.Now);
        world.Clock.Advance(TimeSpan.FromDays(3));
        byTheService.RecordFirstAppointmentAttended(world.Now.AddDays(-1), service, world.Now);

        var answers = byTheService.History.Where(h => h.Kind is not (ReferralHistoryKind.Drafted or ReferralHistoryKind.Sent)).ToList();
        Assert.Equal([ReferralHistoryKind.PlacedOnWaitingList, ReferralHistoryKind.Accepted, ReferralHistoryKind.FirstAppointmentOffered, ReferralHistoryKind.FirstAppointmentAttended],
            answers.Select(h => h.Kind));
        Assert.All(answers, h =>
        {
            Assert.True(h.IsByTheService);
            Assert.Equal(Grace, h.ByServiceUser);
            Assert.Null(h.By);
            Assert.Equal(GraceName, h.ByName);
        });
        // Sending is always the referrer's.
        Assert.All(byTheService.History.Take(2), h => Assert.Equal((Asha, (ServiceUserId?)null), (h.By!.Value, h.ByServiceUser)));

        var declined = world.Sent();
        declined.Decline(DeclineReason.RiskOfSuicideOrSelfHarm, "Too risky for us.", null, TheService(declined), world.Now);
        var decline = declined.History[^1];
        Assert.Equal((ReferralHistoryKind.Declined, true, GraceName), (decline.Kind, decline.IsByTheService, decline.ByName));
        Assert.Equal(GraceName, declined.DeclinedByName);
        // The service's own decline on grounds NICE NG225 rules out is flagged as one recorded for it would be.
        Assert.True(declined.IsDeclinedContraryToGuidance);

        var onBehalf = world.Sent();
        onBehalf.Accept("Said so on the phone", OnBehalf, world.Now);
        var accepted = onBehalf.History[^1];
        Assert.False(accepted.IsByTheService);
        Assert.Equal(ServiceLead, accepted.By);
        Assert.Null(accepted.ByServiceUser);
        Assert.Equal(ServiceLeadName, accepted.ByName);
    }

    [Fact]
    public void AServiceUser_CannotAnswerADraft_AndNeedsTheirName()
    {
        var world = new ReferralWorld();
        var draft = world.Ready();

        var e = Assert.Throws<ClinicalRuleException>(() => draft.Accept(null, TheService(draft), world.Now));
        Assert.Contains("still a draft", e.Message);
        Assert.Equal(ReferralStatus.Draft, draft.Status);

        var sent = world.Sent();
        Assert.Equal("ByName", Assert.Throws<ClinicalRuleException>(() => sent.Accept(null, ReferralActor.ForServiceUser(Grace, sent.ServiceId, " "), world.Now)).Field);
        Assert.Equal(ReferralStatus.Sent, sent.Status);
    }
}
