using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Domain.Tests.Common;

namespace Aftercare.Domain.Tests.Referrals;

/// <summary>
/// A person who came to hospital on the evening of 2 March 2026, with a signed-off assessment and
/// a safety plan, and a talking therapies service to refer them to (another arrival time can be
/// given). The clock starts three hours after they arrived; tests move it.
/// </summary>
internal sealed class ReferralWorld
{
    public static readonly StaffId Asha = StaffId.New();
    public const string AshaName = "Asha Patel";
    public static readonly StaffId Senior = StaffId.New();
    public const string SeniorName = "Dr Ruth Mensah";
    public static readonly StaffId Psychiatrist = StaffId.New();
    public static readonly StaffId ServiceLead = StaffId.New();
    public const string ServiceLeadName = "Kim Lowe";
    /// <summary>Kim, of the referring team, recording what the service said on its behalf.</summary>
    public static readonly ReferralActor OnBehalf = ReferralActor.ForStaff(ServiceLead, ServiceLeadName);
    /// <summary>Grace, of the service the referral is addressed to, answering in Aftercare; the service's id is given per referral.</summary>
    public static readonly ServiceUserId Grace = new(Guid.CreateVersion7());
    public const string GraceName = "Grace Adeyemi";
    public static ReferralActor TheService(Referral referral) => ReferralActor.ForServiceUser(Grace, referral.ServiceId, GraceName);
    public static readonly TeamId Team = TeamId.New();

    public static readonly DateTimeOffset Arrived = UkTime.ToUtc(new DateOnly(2026, 3, 2), new TimeOnly(22, 15));

    public const string Story = "I lost my job in January and stopped going out. That night I couldn't see a way through. I don't feel like that now.";

    public static readonly IReadOnlyList<string> TalkingTherapiesCriteria =
    [
        "Aged 18 or over",
        "Registered with a GP in Salford",
        "A common mental health problem such as depression or anxiety",
        "Able to attend appointments in Eccles",
    ];

    public readonly FakeTimeProvider Clock;
    public readonly Person Person;
    public readonly Presentation Presentation;
    public readonly Assessment Assessment;
    public readonly SafetyPlan Plan;

    public ReferralWorld(PersonDetails? details = null, DateTimeOffset? arrived = null)
    {
        Clock = new((arrived ?? Arrived).AddHours(3));
        Person = Person.Register(details ?? new PersonDetails
        {
            GivenName = "Jordan",
            FamilyName = "Reid",
            DateOfBirth = new DateOnly(1999, 2, 3),
            Sex = Sex.Male,
            NhsNumber = "9434765919",
            Pronouns = "he/him",
            Postcode = "m6 5hd",
            GpPractice = "Pendleton Medical Centre",
            WhatMattersToMe = "My sister and my dog",
            Strengths = "I keep going",
        }, Team, Asha, Now);
        Presentation = Presentation.Record(Person.Id, SiteId.New(), Team, new PresentationDetails
        {
            ArrivedAt = arrived ?? Arrived,
            AccountInOwnWords = "I cut my arm after I lost my job.",
            Method = MethodCategory.SelfInjuryCutting,
        }, Asha, Now);
        Assessment = Assessment.Start(Person.Id, Presentation, Asha, Now);
        Assessment.SaveDraft(new AssessmentSections
        {
            WhatHappenedAndIntent = "Cut his forearm at home after losing his job; says he wanted the feeling to stop.",
            MentalAndPhysicalHealth = "Six months of poor sleep and feeling flat; no earlier contact with mental health services.",
            AlcoholAndDrugs = "Drinks at weekends, more since January.",
            Needs = "Wants help with his mood and to get back to work.",
            SafetyFormulation = "Safer with his brother around; less safe alone at night.",
        }, Asha, Now);
        Assessment.SignOff(Asha, Now);
        Plan = SafetyPlan.Create(Person.Id, SafetyPlanContent.Empty with
        {
            WarningSigns = [new("staying in bed all day")],
            ThingsICanDo = [new("walk the dog by the canal")],
            PeopleICanAsk = [new("my brother Dev", "07700 900123")],
            Professionals = [new("Salford crisis line", "0161 496 0000", "24 hours")],
            ReasonsForLiving = [new("my little sister Mia")],
        }, Author.ForStaff(Asha, AshaName), Now).Plan;
    }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static ReceivingService TalkingTherapies(bool gp = false) =>
        new(ServiceId.New(), gp ? "Pendleton Medical Centre" : "Salford Talking Therapies", TalkingTherapiesCriteria)
        {
            Exclusions = ["Active suicidal thoughts with a plan", "Currently under a community mental health team"],
            IsGpPractice = gp,
        };

    public NarrativeInterview Narrative(NarrativeSharing sharing) => NarrativeInterview.Record(Person.Id, Story, sharing, Asha, Now);

    public ReferralLetterSources Sources(ReceivingService? service = null, NarrativeInterview? narrative = null) =>
        new(Person, Presentation, service ?? TalkingTherapies(), AshaName, "Salford Liaison Team")
        {
            Assessment = Assessment,
            SafetyPlan = Plan,
            Narrative = narrative,
        };

    public Referral Draft(ReceivingService? service = null, NarrativeInterview? narrative = null) =>
        Referral.Draft(Sources(service, narrative), Asha, Team, Now);

    /// <summary>A draft whose only unanswered criterion (Eccles) has been answered, ready to send.</summary>
    public Referral Ready(ReceivingService? service = null, NarrativeInterview? narrative = null)
    {
        var referral = Draft(service, narrative);
        referral.ReviseLetter(new Dictionary<string, string?> { ["Criterion4"] = "Jordan lives a short bus ride from Eccles and can come weekly." }, Asha, Now);
        return referral;
    }

    public Referral Sent(ReceivingService? service = null, NarrativeInterview? narrative = null)
    {
        var referral = Ready(service, narrative);
        Clock.Advance(TimeSpan.FromHours(1));
        referral.Send(narrative, Asha, AshaName, Now);
        return referral;
    }

    public Referral Declined(DeclineReason reason, string explanation = "We cannot take people who have self-harmed in the last six months.")
    {
        var referral = Sent();
        Clock.Advance(TimeSpan.FromDays(3));
        referral.Decline(reason, explanation, reason == DeclineReason.NeedsBetterMetByAnotherService ? "Salford Community Mental Health Team" : null,
            OnBehalf, Now);
        return referral;
    }

    public Referral Accepted()
    {
        var referral = Sent();
        Clock.Advance(TimeSpan.FromDays(2));
        referral.Accept(null, OnBehalf, Now);
        return referral;
    }

    public Referral Offered()
    {
        var referral = Accepted();
        Clock.Advance(TimeSpan.FromDays(1));
        referral.OfferFirstAppointment(Now.AddDays(7), OnBehalf, Now);
        return referral;
    }
}
