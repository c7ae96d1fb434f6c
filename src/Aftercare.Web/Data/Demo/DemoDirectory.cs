using Aftercare.Domain.Directory;

namespace Aftercare.Web.Data.Demo;

/// <summary>
/// Invented aftercare services around the demo hospitals (Northgate, Riverside), so the demo's
/// directory shows what a real one would: local services first, national lines always, criteria
/// and exclusions one by one. Names are fictional; phone numbers are Ofcom's drama numbers;
/// web and email addresses are under example.org.
/// </summary>
public static class DemoDirectory
{
    public static IReadOnlyList<ServiceDetails> Services() =>
    [
        new()
        {
            Name = "Northgate Talking Therapies",
            Type = ServiceType.NhsTalkingTherapies,
            Provider = "Northgate and Riverside NHS Foundation Trust",
            Description = "Short courses of talking therapy (CBT, counselling, guided self-help) for anxiety, low mood and stress, by video, phone or in person.",
            Areas = ["Northgate", "LS6", "LS9"],
            Needs = ["talking-therapy"],
            EligibilityCriteria = ["Aged 16 or over", "Registered with a GP in Northgate", "Anxiety, low mood or stress affecting day-to-day life"],
            Exclusions = ["Needs a same-day crisis response", "Already receiving therapy from a community mental health team for the same difficulty"],
            HowToRefer = "The person can refer themselves online or by phone. A professional may refer with the person's agreement using the form on the website; say what happened, what they want help with and how they prefer to be contacted.",
            TypicalWaitDays = 28,
            Contacts = ServiceContacts.Create("0113 496 0471", "talking.therapies@example.org", "https://talking-therapies.example.org/refer", null, null, null, null),
            Hours = Hours("Closed on bank holidays.", ("MO,TU,WE,TH", "08:00 to 20:00"), ("FR", "08:00 to 17:00")),
        },
        new()
        {
            Name = "Northgate Crisis and Home Treatment Team",
            Type = ServiceType.CrisisAndHomeTreatment,
            Provider = "Northgate and Riverside NHS Foundation Trust",
            Description = "Assessment and intensive support at home for adults in a mental health crisis, as an alternative to a hospital admission.",
            Areas = ["Northgate"],
            Needs = ["crisis-support", "self-harm"],
            EligibilityCriteria = ["Aged 18 or over", "In a mental health crisis that would otherwise need an admission to hospital"],
            Exclusions = ["Already under the care of another crisis team"],
            HowToRefer = "Phone the team at any hour. The liaison team refers by phone, then shares the assessment.",
            TypicalWaitDays = 0,
            Contacts = ServiceContacts.Create("0113 496 0822", "crisis.team@example.org", null, "Harbourside House", "12 Quay Street", "Northgate", "LS1 4AP"),
            Hours = Hours("Open 24 hours, every day."),
        },
        new()
        {
            Name = "Riverside Community Mental Health Team",
            Type = ServiceType.CommunityMentalHealth,
            Provider = "Northgate and Riverside NHS Foundation Trust",
            Description = "Care coordination, psychological therapy and medication review for adults with complex or longer-lasting mental health needs.",
            Areas = ["Riverside", "M13", "M14"],
            Needs = ["talking-therapy", "self-harm"],
            EligibilityCriteria = ["Aged 18 or over", "Registered with a GP in Riverside", "Needs more than primary care or talking therapies can offer"],
            Exclusions = ["Main difficulty is drug or alcohol use"],
            HowToRefer = "Referral letter to the single point of access from the GP or the liaison team. Include the assessment, the safety plan and what the person wants from the service.",
            TypicalWaitDays = 42,
            Contacts = ServiceContacts.Create("0161 496 0333", "riverside.spa@example.org", null, "Riverside Resource Centre", null, "Riverside", "M13 9PL"),
            Hours = Hours(null, ("MO,TU,WE,TH,FR", "09:00 to 17:00")),
        },
        new()
        {
            Name = "Kirkstall Lane Crisis Café",
            Type = ServiceType.VoluntarySector,
            Provider = "Kirkstall Lane Community Trust",
            Description = "A calm place to go in the evening when things feel too much: a hot drink, someone to talk to, and help to make a plan for the night.",
            Areas = ["Northgate"],
            Needs = ["crisis-support", "peer-support"],
            EligibilityCriteria = ["Aged 18 or over"],
            HowToRefer = "No referral: the person can drop in, or ring ahead.",
            TypicalWaitDays = 0,
            Contacts = ServiceContacts.Create("0113 496 0935", null, "https://crisis-cafe.example.org", "Kirkstall Lane Chapel", "Kirkstall Lane", "Northgate", "LS5 3HE"),
            Hours = Hours(null, ("TH,FR,SA", "18:00 to 24:00")),
        },
        new()
        {
            Name = "Harbour Line",
            Type = ServiceType.VoluntarySector,
            Provider = "Harbour Line Trust",
            Description = "A free listening line for anyone struggling to cope, including after self-harm. Callers can stay anonymous.",
            IsNational = true,
            Needs = ["crisis-support", "self-harm"],
            HowToRefer = "No referral: give the person the number. They can call at any time.",
            TypicalWaitDays = 0,
            Contacts = ServiceContacts.Create("0808 157 0192", null, "https://harbour-line.example.org", null, null, null, null),
            Hours = Hours("Open 24 hours, every day."),
        },
        new()
        {
            Name = "Afterwards Bereavement Support",
            Type = ServiceType.VoluntarySector,
            Provider = "Afterwards",
            Description = "Phone and online support for anyone bereaved, including by suicide, from trained volunteers who have been bereaved themselves.",
            IsNational = true,
            Needs = ["bereavement", "peer-support", "carers-and-families"],
            HowToRefer = "The person can call or use the web form; a professional may refer with their agreement.",
            TypicalWaitDays = 14,
            Contacts = ServiceContacts.Create("0808 157 0455", "support@afterwards.example.org", "https://afterwards.example.org", null, null, null, null),
            Hours = Hours(null, ("MO,TU,WE,TH,FR", "10:00 to 16:00")),
        },
        new()
        {
            Name = "Meadowbank Young People's Wellbeing Service",
            Type = ServiceType.VoluntarySector,
            Provider = "Meadowbank Youth Trust",
            Description = "One-to-one and group support for young people, with a worker who stays with them.",
            Areas = ["Northgate", "Riverside"],
            Needs = ["young-people", "talking-therapy", "lgbtq"],
            EligibilityCriteria = ["Aged 11 to 25"],
            HowToRefer = "Young people can refer themselves; professionals refer by email with the young person's agreement.",
            TypicalWaitDays = 21,
            Contacts = ServiceContacts.Create("01632 960 118", "hello@young-wellbeing.example.org", null, null, null, null, null),
            Hours = Hours(null, ("MO,TU,WE,TH", "10:00 to 19:00"), ("FR", "10:00 to 16:00")),
        },
        new()
        {
            Name = "Open Door Drug and Alcohol Service",
            Type = ServiceType.VoluntarySector,
            Provider = "Open Door Recovery",
            Description = "Advice, harm reduction, prescribing and recovery groups for people whose drinking or drug use is causing them problems.",
            Areas = ["Riverside", "M13"],
            Needs = ["substance-use", "peer-support"],
            EligibilityCriteria = ["Aged 18 or over", "Lives in Riverside"],
            HowToRefer = "Self-referral by phone or drop-in. Professionals refer by phone with the person's agreement.",
            TypicalWaitDays = 7,
            Contacts = ServiceContacts.Create("0161 496 0654", null, "https://open-door.example.org", "14 Canal Street", null, "Riverside", "M13 0AB"),
            Hours = Hours(null, ("MO,TU,WE,TH,FR", "09:00 to 17:00"), ("TU", "18:00 to 20:00")),
        },
        new()
        {
            Name = "Northgate Housing Options",
            Type = ServiceType.Other,
            Provider = "Northgate Council",
            Description = "Help for people who are homeless or at risk of losing their home, and advice on debts and benefits.",
            Areas = ["Northgate"],
            Needs = ["housing", "money-and-debt"],
            EligibilityCriteria = ["Lives in Northgate, or has a local connection"],
            HowToRefer = "Phone or use the online form; with consent, the liaison team can refer under the duty to refer.",
            TypicalWaitDays = 2,
            Contacts = ServiceContacts.Create("0113 496 0919", "housing.options@example.org", null, null, null, null, null),
            Hours = Hours("Out of hours, phone the emergency housing line on the same number.", ("MO,TU,WE,TH,FR", "09:00 to 17:00")),
        },
        new()
        {
            Name = "Hyde Park Surgery",
            Type = ServiceType.GeneralPractice,
            Description = "A general practice. The person's GP stays with them after the liaison team: send the assessment and safety plan.",
            Areas = ["LS6"],
            EligibilityCriteria = ["Registered with the practice, or living in its area and wishing to register"],
            HowToRefer = "Send the discharge summary by secure email. Phone the practice for anything urgent; the duty doctor sees urgent cases the same day.",
            Contacts = ServiceContacts.Create("0113 496 0102", "hydepark.surgery@example.org", null, "3 Hyde Park Road", null, "Northgate", "LS6 1AA"),
            Hours = Hours(null, ("MO,TU,WE,TH,FR", "08:00 to 18:30")),
        },
    ];

    /// <summary>Opening hours from days ("MO,TU") and times ("09:00 to 17:00"), with a note in words.</summary>
    private static OpeningHours Hours(string? note, params (string Days, string Times)[] days)
    {
        var sessions = new List<OpeningSession>();
        foreach (var (codes, times) in days)
            foreach (var code in codes.Split(','))
                sessions.AddRange(OpeningHours.ReadDay(Features.Directory.OpenReferral.DayFromCode(code)!.Value, times));
        return OpeningHours.Create(sessions, note);
    }
}
