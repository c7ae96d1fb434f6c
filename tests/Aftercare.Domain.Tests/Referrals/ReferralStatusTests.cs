using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using static Aftercare.Domain.Tests.Referrals.ReferralWorld;

namespace Aftercare.Domain.Tests.Referrals;

/// <summary>Where a referral can go from where it is, who moved it and when.</summary>
public class ReferralStatusTests
{
    private static Dictionary<string, string?> Text(string key, string? text) => new() { [key] = text };

    [Fact]
    public void Draft_IsADraftForThePersonFromTheirPresentationToTheService_WithTheArrivalTimeAndWhoDraftedIt()
    {
        var world = new ReferralWorld();
        var service = TalkingTherapies();

        var referral = world.Draft(service);

        Assert.Equal(ReferralStatus.Draft, referral.Status);
        Assert.Equal(world.Person.Id, referral.PersonId);
        Assert.Equal(world.Presentation.Id, referral.PresentationId);
        Assert.Equal(Arrived, referral.PresentationArrivedAt);
        Assert.Equal(service.Id, referral.ServiceId);
        Assert.Equal("Salford Talking Therapies", referral.ServiceName);
        Assert.Equal(Asha, referral.ReferrerId);
        Assert.Equal(AshaName, referral.ReferrerName);
        Assert.Equal(Team, referral.TeamId);
        Assert.Equal(world.Now, referral.DraftedAt);
        Assert.False(referral.IsFinished);
        var drafted = Assert.Single(referral.History);
        Assert.Equal((ReferralHistoryKind.Drafted, ReferralStatus.Draft, Asha, AshaName, world.Now), (drafted.Kind, drafted.StatusAfter, drafted.By, drafted.ByName, drafted.At));
    }

    [Fact]
    public void Accept_WhenDraft_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Accept(null, OnBehalf, world.Now));

        Assert.Contains("still a draft", e.Message);
        Assert.Equal(ReferralStatus.Draft, referral.Status);
        Assert.Null(referral.AcceptedAt);
        Assert.Single(referral.History);
    }

    [Fact]
    public void Decline_WhenDraft_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Decline(DeclineReason.OutOfArea, "Not our area", null, OnBehalf, world.Now));

        Assert.Contains("only once it has been sent", e.Message);
        Assert.Equal(ReferralStatus.Draft, referral.Status);
        Assert.Null(referral.DeclineReason);
    }

    [Fact]
    public void PlaceOnWaitingList_WhenDraft_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();

        Assert.Throws<ClinicalRuleException>(() => referral.PlaceOnWaitingList(null, OnBehalf, world.Now));
        Assert.Equal(ReferralStatus.Draft, referral.Status);
    }

    [Fact]
    public void Send_WithoutAnOpening_IsRefused_NamingTheOpening()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        referral.ReviseLetter(Text(ReferralLetterDraft.IntroductionKey, "  "), Asha, world.Now);

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Send(null, Asha, AshaName, world.Now));

        Assert.Equal("Introduction", e.Field);
        Assert.Equal(ReferralStatus.Draft, referral.Status);
    }

    [Fact]
    public void Send_WithAnEmptyLetter_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        referral.ReviseLetter(referral.Letter.Sections.ToDictionary(s => s.Key, _ => (string?)null), Asha, world.Now);

        Assert.True(referral.Letter.IsEmpty);
        Assert.Throws<ClinicalRuleException>(() => referral.Send(null, Asha, AshaName, world.Now));
        Assert.Null(referral.SentAt);
    }

    [Fact]
    public void Send_WithACriterionUnanswered_IsRefused_NamingTheCriterion()
    {
        var world = new ReferralWorld();
        var referral = world.Draft();

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Send(null, Asha, AshaName, world.Now));

        Assert.Equal("Criterion4", e.Field);
        Assert.Contains("Able to attend appointments in Eccles", e.Message);
        Assert.Equal(ReferralStatus.Draft, referral.Status);
    }

    [Fact]
    public void Send_RecordsWhoAndWhen_AndFixesTheLetter()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        world.Clock.Advance(TimeSpan.FromMinutes(20));

        referral.Send(null, Asha, AshaName, world.Now);

        Assert.Equal(ReferralStatus.Sent, referral.Status);
        Assert.Equal(world.Now, referral.SentAt);
        Assert.Equal(Asha, referral.SentBy);
        Assert.Equal(AshaName, referral.SentByName);
        Assert.Equal(ReferralHistoryKind.Sent, referral.History[^1].Kind);
        var before = referral.Letter;
        var e = Assert.Throws<ClinicalRuleException>(() => referral.ReviseLetter(Text("Criterion4", "Changed after sending"), Asha, world.Now));
        Assert.Contains("resubmit", e.Message);
        Assert.Same(before, referral.Letter);
        Assert.Throws<ClinicalRuleException>(() => referral.Send(null, Asha, AshaName, world.Now));
    }

    [Fact]
    public void TheWholeWay_SentAcceptedOfferedAttended_RecordsEachStep_InOrder_WithWhoAndWhen()
    {
        var world = new ReferralWorld();
        var referral = world.Offered();
        var appointment = referral.FirstAppointmentAt!.Value;
        world.Clock.SetUtcNow(appointment.AddHours(2));

        referral.RecordFirstAppointmentAttended(appointment, OnBehalf, world.Now);

        Assert.Equal(ReferralStatus.FirstAppointmentAttended, referral.Status);
        Assert.True(referral.IsFinished);
        Assert.Equal(appointment, referral.FirstContactAt);
        Assert.Equal(
            [ReferralHistoryKind.Drafted, ReferralHistoryKind.Sent, ReferralHistoryKind.Accepted, ReferralHistoryKind.FirstAppointmentOffered, ReferralHistoryKind.FirstAppointmentAttended],
            referral.History.Select(h => h.Kind));
        Assert.Equal(
            [ReferralStatus.Draft, ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.FirstAppointmentOffered, ReferralStatus.FirstAppointmentAttended],
            referral.History.Select(h => h.StatusAfter));
        Assert.Equal([1, 2, 3, 4, 5], referral.History.Select(h => h.Sequence));
        Assert.Equal([Asha, Asha, ServiceLead, ServiceLead, ServiceLead], referral.History.Select(h => h.By));
        Assert.Equal(referral.History.Select(h => h.At).Order(), referral.History.Select(h => h.At));
        Assert.Equal(world.Now, referral.History[^1].At);
    }

    [Fact]
    public void TimeToFirstContact_IsCountedFromArrivalAtHospital_ToTheFirstAppointmentAttended()
    {
        var world = new ReferralWorld();
        var referral = world.Offered();
        Assert.Null(referral.TimeFromPresentationToFirstContact);
        var seen = Arrived.AddDays(12).AddHours(-8);   // 12 days less 8 hours after arriving at 22:15
        world.Clock.SetUtcNow(seen.AddDays(1));

        referral.RecordFirstAppointmentAttended(seen, OnBehalf, world.Now);

        Assert.Equal(TimeSpan.FromDays(12) - TimeSpan.FromHours(8), referral.TimeFromPresentationToFirstContact);
    }

    [Fact]
    public void FirstAppointmentAttended_InTheFuture_OrBeforeTheReferralWasSent_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Offered();

        Assert.Equal("AttendedAt", Assert.Throws<ClinicalRuleException>(() => referral.RecordFirstAppointmentAttended(world.Now.AddMinutes(10), OnBehalf, world.Now)).Field);
        Assert.Equal("AttendedAt", Assert.Throws<ClinicalRuleException>(() => referral.RecordFirstAppointmentAttended(referral.SentAt!.Value.AddMinutes(-2), OnBehalf, world.Now)).Field);
        Assert.Equal(ReferralStatus.FirstAppointmentOffered, referral.Status);
        Assert.Null(referral.FirstContactAt);
    }

    [Fact]
    public void OfferFirstAppointment_BeforeTheServiceAccepted_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        Assert.Throws<ClinicalRuleException>(() => referral.OfferFirstAppointment(world.Now.AddDays(5), OnBehalf, world.Now));
        Assert.Equal(ReferralStatus.Sent, referral.Status);
        Assert.Null(referral.FirstAppointmentAt);
    }

    [Fact]
    public void OfferFirstAppointment_BeforeSendingOrYearsAhead_IsRefused_NamingTheField()
    {
        var world = new ReferralWorld();
        var referral = world.Accepted();

        Assert.Equal("AppointmentAt", Assert.Throws<ClinicalRuleException>(() => referral.OfferFirstAppointment(referral.SentAt!.Value.AddHours(-1), OnBehalf, world.Now)).Field);
        Assert.Equal("AppointmentAt", Assert.Throws<ClinicalRuleException>(() => referral.OfferFirstAppointment(world.Now.AddYears(3), OnBehalf, world.Now)).Field);
        Assert.Equal(ReferralStatus.Accepted, referral.Status);
    }

    [Fact]
    public void AttendingTheFirstAppointment_BeforeOneWasOffered_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Accepted();

        Assert.Throws<ClinicalRuleException>(() => referral.RecordFirstAppointmentAttended(world.Now, OnBehalf, world.Now));
        Assert.Equal(ReferralStatus.Accepted, referral.Status);
    }

    [Fact]
    public void TheFirstAppointment_CanBeOfferedAgain_AndTheLatestIsKept()
    {
        var world = new ReferralWorld();
        var referral = world.Offered();
        var rebooked = referral.FirstAppointmentAt!.Value.AddDays(3);

        referral.OfferFirstAppointment(rebooked, OnBehalf, world.Now);

        Assert.Equal(rebooked, referral.FirstAppointmentAt);
        Assert.Equal(2, referral.History.Count(h => h.Kind == ReferralHistoryKind.FirstAppointmentOffered));
        Assert.StartsWith("Offered again", referral.History[^1].Detail);
    }

    [Fact]
    public void FromTheWaitingList_TheServiceCanAcceptOfferAnAppointmentOrDecline()
    {
        var accepted = new ReferralWorld();
        var a = accepted.Sent();
        a.PlaceOnWaitingList("About 6 weeks", OnBehalf, accepted.Now);
        Assert.Equal(ReferralStatus.WaitingList, a.Status);
        Assert.Equal("About 6 weeks", a.History[^1].Detail);
        Assert.Throws<ClinicalRuleException>(() => a.PlaceOnWaitingList(null, OnBehalf, accepted.Now));
        a.Accept(null, OnBehalf, accepted.Now);
        Assert.Equal(ReferralStatus.Accepted, a.Status);

        var offered = new ReferralWorld();
        var o = offered.Sent();
        o.PlaceOnWaitingList(null, OnBehalf, offered.Now);
        o.OfferFirstAppointment(offered.Now.AddDays(40), OnBehalf, offered.Now);
        Assert.Equal(ReferralStatus.FirstAppointmentOffered, o.Status);

        var declined = new ReferralWorld();
        var d = declined.Sent();
        d.PlaceOnWaitingList(null, OnBehalf, declined.Now);
        d.Decline(DeclineReason.OutOfArea, "Moved out of Salford.", null, OnBehalf, declined.Now);
        Assert.Equal(ReferralStatus.Declined, d.Status);
    }

    [Fact]
    public void AnAcceptedReferral_CannotBeDeclinedOrPutOnTheWaitingList()
    {
        var world = new ReferralWorld();
        var referral = world.Accepted();

        Assert.Throws<ClinicalRuleException>(() => referral.Decline(DeclineReason.OutOfArea, "Not our area", null, OnBehalf, world.Now));
        Assert.Throws<ClinicalRuleException>(() => referral.PlaceOnWaitingList(null, OnBehalf, world.Now));
        Assert.Throws<ClinicalRuleException>(() => referral.Accept(null, OnBehalf, world.Now));
        Assert.Equal(ReferralStatus.Accepted, referral.Status);
    }

    [Fact]
    public void Close_WithoutOutcome_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        Assert.Equal("Outcome", Assert.Throws<ClinicalRuleException>(() => referral.Close(null, "No longer needed", Asha, AshaName, world.Now)).Field);
        Assert.Equal("Outcome", Assert.Throws<ClinicalRuleException>(() => referral.Close((ReferralClosure)99, null, Asha, AshaName, world.Now)).Field);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
        Assert.Null(referral.ClosedAt);
    }

    [Fact]
    public void Close_WithdrawnWithoutAReason_OrReferredElsewhereWithoutNamingTheService_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        Assert.Equal("Detail", Assert.Throws<ClinicalRuleException>(() => referral.Close(ReferralClosure.WithdrawnByReferrer, " ", Asha, AshaName, world.Now)).Field);
        Assert.Equal("Detail", Assert.Throws<ClinicalRuleException>(() => referral.Close(ReferralClosure.ReferredElsewhere, null, Asha, AshaName, world.Now)).Field);
        Assert.Equal("Detail", Assert.Throws<ClinicalRuleException>(() => referral.Close(ReferralClosure.PersonMovedAway, new string('x', 2001), Asha, AshaName, world.Now)).Field);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
    }

    [Fact]
    public void Close_AsDidNotAttend_BeforeAnAppointmentWasOffered_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Accepted();

        Assert.Equal("Outcome", Assert.Throws<ClinicalRuleException>(() => referral.Close(ReferralClosure.PersonDidNotAttend, null, ServiceLead, ServiceLeadName, world.Now)).Field);
        Assert.Equal(ReferralStatus.Accepted, referral.Status);
    }

    [Fact]
    public void Close_AsDidNotAttend_AfterAnAppointmentWasOffered_ClosesWithTheOutcome_WhoAndWhen()
    {
        var world = new ReferralWorld();
        var referral = world.Offered();
        world.Clock.SetUtcNow(referral.FirstAppointmentAt!.Value.AddDays(1));

        referral.Close(ReferralClosure.PersonDidNotAttend, "Two letters and three calls, no reply.", ServiceLead, ServiceLeadName, world.Now);

        Assert.Equal(ReferralStatus.Closed, referral.Status);
        Assert.Equal(ReferralClosure.PersonDidNotAttend, referral.Closure);
        Assert.Equal("Two letters and three calls, no reply.", referral.ClosureDetail);
        Assert.Equal(world.Now, referral.ClosedAt);
        var closed = referral.History[^1];
        Assert.Equal((ReferralHistoryKind.Closed, ReferralClosure.PersonDidNotAttend, ServiceLead), (closed.Kind, closed.Closure, closed.By));
        Assert.Null(referral.TimeFromPresentationToFirstContact);
    }

    [Fact]
    public void Close_AsSupersededByHand_IsRefused_BecauseOnlyAResubmissionSupersedes()
    {
        var world = new ReferralWorld();
        var referral = world.Sent();

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Close(ReferralClosure.SupersededByResubmission, null, Asha, AshaName, world.Now));

        Assert.Contains("Resubmit", e.Message);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
    }

    [Fact]
    public void ADraft_CanBeClosedWithAnOutcome_AndIsNeverSent()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();

        referral.Close(ReferralClosure.PersonChoseNotToGoAhead, "Jordan would rather wait and see his GP first.", Asha, AshaName, world.Now);

        Assert.Equal(ReferralStatus.Closed, referral.Status);
        Assert.Throws<ClinicalRuleException>(() => referral.Send(null, Asha, AshaName, world.Now));
        Assert.Null(referral.SentAt);
    }

    public static TheoryData<string> EveryStep => new(StepNames);

    private static readonly string[] StepNames =
        ["revise", "send", "accept", "waiting list", "decline", "offer", "attend", "close", "resubmit", "name contributor", "escalate"];

    private static void Try(string step, Referral r, ReferralWorld w)
    {
        switch (step)
        {
            case "revise": r.ReviseLetter(Text("Introduction", "New"), Asha, w.Now); break;
            case "send": r.Send(null, Asha, AshaName, w.Now); break;
            case "accept": r.Accept(null, OnBehalf, w.Now); break;
            case "waiting list": r.PlaceOnWaitingList(null, OnBehalf, w.Now); break;
            case "decline": r.Decline(DeclineReason.RiskOfSuicideOrSelfHarm, "Too risky", null, OnBehalf, w.Now); break;
            case "offer": r.OfferFirstAppointment(w.Now.AddDays(3), OnBehalf, w.Now); break;
            case "attend": r.RecordFirstAppointmentAttended(w.Now, OnBehalf, w.Now); break;
            case "close": r.Close(ReferralClosure.PersonMovedAway, null, Asha, AshaName, w.Now); break;
            case "resubmit": r.Resubmit(Asha, AshaName, w.Now); break;
            case "name contributor": r.NameContributor("Sam Okafor", Discipline.Psychiatry, null, Psychiatrist, Asha, AshaName, w.Now); break;
            case "escalate": r.Escalate(Senior, SeniorName, null, Asha, AshaName, w.Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(step), step, null);
        }
    }

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void NothingIsRecorded_AfterAReferralIsClosed(string step)
    {
        var world = new ReferralWorld();
        var referral = world.Offered();
        referral.Close(ReferralClosure.PersonChoseNotToGoAhead, null, Asha, AshaName, world.Now);
        var history = referral.History.Count;

        var e = Assert.Throws<ClinicalRuleException>(() => Try(step, referral, world));

        Assert.Contains("closed", e.Message);
        Assert.Equal(ReferralStatus.Closed, referral.Status);
        Assert.Equal(history, referral.History.Count);
    }

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void NothingIsRecorded_AfterTheFirstAppointmentWasAttended(string step)
    {
        var world = new ReferralWorld();
        var referral = world.Offered();
        world.Clock.SetUtcNow(referral.FirstAppointmentAt!.Value);
        referral.RecordFirstAppointmentAttended(world.Now, OnBehalf, world.Now);
        var history = referral.History.Count;

        var e = Assert.Throws<ClinicalRuleException>(() => Try(step, referral, world));

        Assert.Contains("complete", e.Message);
        Assert.Equal(ReferralStatus.FirstAppointmentAttended, referral.Status);
        Assert.Equal(history, referral.History.Count);
    }

    [Fact]
    public void EveryStep_NeedsTheNameOfWhoRecordedIt()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();

        Assert.Equal("ByName", Assert.Throws<ClinicalRuleException>(() => referral.Send(null, Asha, " ", world.Now)).Field);
        Assert.Equal(ReferralStatus.Draft, referral.Status);
        referral.Send(null, Asha, AshaName, world.Now);
        Assert.Equal("ByName", Assert.Throws<ClinicalRuleException>(() => referral.Accept(null, ReferralActor.ForStaff(ServiceLead, ""), world.Now)).Field);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
    }

    [Fact]
    public void EveryStatusAndClosure_IsDescribedInWords()
    {
        Assert.Equal(8, Enum.GetValues<ReferralStatus>().Select(ReferralStatuses.Describe).Distinct().Count());
        Assert.Equal(7, Enum.GetValues<ReferralClosure>().Select(ReferralStatuses.Describe).Distinct().Count());
        Assert.Equal("On the waiting list", ReferralStatuses.Describe(ReferralStatus.WaitingList));
    }
}
