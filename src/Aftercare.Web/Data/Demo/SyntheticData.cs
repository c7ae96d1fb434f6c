using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;

namespace Aftercare.Web.Data.Demo;

/// <summary>
/// Makes realistic but entirely invented sites, people and presentations: no real person's data.
/// Deterministic for a seed, so the demo and the benchmark are repeatable. Used by the demo seeder
/// and by the benchmark's loader.
/// </summary>
public sealed class SyntheticData(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Towns =
    [
        "Northgate", "Riverside", "Kingsmead", "Ashford Vale", "Holmbury", "Westcliff", "Marston", "Eastleigh Park", "Brookfield",
        "Harrowdene", "Fenwick", "Oakhampton", "Millbrook", "Saltash Bay", "Thornbury", "Wyndham", "Larkhill", "Greystone",
        "Pendle Cross", "Carrow", "Elmstead", "Redmarsh", "Stanmoor", "Whitcombe", "Bramley Heath", "Coldwater", "Dunmore", "Lindhurst",
    ];
    private static readonly string[] HospitalKinds = ["General Hospital", "Royal Infirmary", "University Hospital", "District Hospital"];

    private static readonly string[] GivenNames =
    [
        "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Grace", "Freya", "Emily", "Sophie", "Chloe", "Aisha", "Fatima", "Zara",
        "Priya", "Maya", "Nia", "Amara", "Chen", "Mei", "Hannah", "Ruth", "Bethany", "Megan", "Siobhan", "Niamh", "Kasia", "Ewa", "Leila",
        "Oliver", "George", "Noah", "Arthur", "Leo", "Oscar", "Harry", "Jack", "Muhammad", "Omar", "Yusuf", "Ibrahim", "Arjun", "Ravi",
        "Kwame", "Kofi", "Tunde", "Daniel", "Liam", "Connor", "Callum", "Ryan", "Tomasz", "Piotr", "Wei", "Jamal", "Elijah", "Sam", "Alex", "Jordan",
    ];
    private static readonly string[] FamilyNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker",
        "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Ahmed", "Hussain", "Ali", "Begum", "Singh",
        "Kaur", "Shah", "Okafor", "Mensah", "Adeyemi", "Osei", "Campbell", "Murphy", "O'Brien", "Kelly", "Nowak", "Kowalski", "Wang",
        "Li", "Nguyen", "Hughes", "Edwards", "Lewis", "Morgan", "Price", "Hughes-Bennett", "Fraser", "MacDonald",
    ];
    private static readonly string[] Districts =
    [
        "M13", "M14", "M20", "LS6", "LS9", "B15", "B23", "L8", "L15", "S10", "NE6", "BS5", "NG7", "LE2", "SE15", "E8", "N17", "SW9",
        "CF24", "PL4", "EX4", "NR2", "CB1", "OX4", "YO10", "HU5", "DE23", "ST4", "WV1", "CV1", "BN2", "PO4", "SO14", "TR1", "CA1", "LA1",
    ];
    /// <summary>The postcode districts the invented people live in, so invented services can cover them.</summary>
    public static IReadOnlyList<string> PostcodeDistricts => Districts;

    private static readonly string[] Pronouns = ["she/her", "he/him", "they/them", "she/they", "he/they"];
    private static readonly string[] WhatMatters =
    [
        "My little brother and being there for him", "Getting back to college to finish my course", "My dog, Biscuit",
        "Music: I play guitar in a band with friends", "My faith and my church community", "Being a good mum to my two children",
        "Running, when I can get out", "My allotment and being outdoors", "Keeping my job at the garage", "Drawing and painting",
        "My grandmother, who I look after", "Football on Saturdays", "Gaming with my online friends", "Cooking for my family",
    ];
    private static readonly string[] StrengthsList =
    [
        "Honest about how I'm feeling when I'm asked", "Good at looking after other people", "I've got through hard times before",
        "Creative and funny", "Determined once I set my mind to something", "Close to my sister", "I know when I need help and I came here",
        "Good with my hands; I like fixing things", "Loyal friend",
    ];
    private static readonly string[] Accounts =
    [
        "I took all the tablets I had in the house after a row with my partner. I wanted everything to stop for a while.",
        "I cut my arm in the bathroom. It's been building up for weeks with money worries and I didn't know what else to do.",
        "I'd been drinking and took some of my mum's pills. I don't really remember deciding to.",
        "Things at school got too much. I hurt myself and my friend made me come in.",
        "I went to the bridge. I didn't jump; a man talked to me and the police brought me here.",
        "I've been struggling since I lost my job. Last night I took an overdose and then rang 999 myself.",
        "I hit my head against the wall until it bled. I was so angry and I couldn't get it out.",
        "I tried to hang myself but the cord broke. I'm scared of how close I came.",
    ];
    private static readonly string[] Intents =
    [
        "I wanted to die at the time; now I'm not sure.", "I didn't want to die, I wanted the pain to stop.",
        "I don't know what I wanted.", "I wanted to sleep and not wake up.", "It's how I cope when it gets too much.",
    ];
    private static readonly string[] Treatments =
    [
        "Paracetamol levels taken; N-acetylcysteine infusion for 21 hours.", "Wounds cleaned and closed with steri-strips.",
        "Wound sutured by ED; tetanus up to date.", "Observed for 6 hours; no treatment needed.", "Activated charcoal given.",
        "Head wound glued; CT head normal.", "Admitted to the medical ward overnight for monitoring.",
    ];
    private static readonly string[] Communication =
    [
        "Prefers short sentences and written notes to take away", "Deaf: uses BSL; book an interpreter", "Polish interpreter preferred",
        "Autistic: a quiet room helps; tell me what's going to happen", "Dyslexic: please read letters out or use large print",
    ];
    private static readonly string[] Practices =
    [
        "Parkside Medical Centre", "The Willows Surgery", "Bridge Street Practice", "Hillview Health Centre", "Canal Side Surgery",
        "Oak Tree Medical Practice", "Station Road Surgery", "Riverside Family Practice",
    ];

    public string HospitalName(int index) =>
        $"{Towns[index % Towns.Length]} {HospitalKinds[index / Towns.Length % HospitalKinds.Length]}" + (index >= Towns.Length * HospitalKinds.Length ? $" {index / (Towns.Length * HospitalKinds.Length) + 1}" : "");

    /// <summary>The town a hospital named by <see cref="HospitalName"/> serves.</summary>
    public static string TownOf(string hospitalName) =>
        Towns.Where(t => hospitalName.StartsWith(t + " ", StringComparison.Ordinal)).MaxBy(t => t.Length) ?? hospitalName;

    public string OdsCode(int index) => $"R{(char)('A' + index % 26)}{(char)('A' + index / 26 % 26)}{index % 100:00}";

    public T Pick<T>(IReadOnlyList<T> list) => list[_random.Next(list.Count)];

    public int Next(int max) => _random.Next(max);

    public double NextDouble() => _random.NextDouble();

    public PersonDetails Person(DateOnly today)
    {
        var age = AgeBand();
        var dob = today.AddYears(-age).AddDays(-_random.Next(365));
        var sex = _random.NextDouble() < 0.6 ? Sex.Female : _random.NextDouble() < 0.97 ? Sex.Male : Sex.NotSpecified;
        var hasNhs = _random.NextDouble() < 0.85;
        return new PersonDetails
        {
            NhsNumber = hasNhs ? NewNhsNumber() : null,
            GivenName = Pick(GivenNames),
            FamilyName = Pick(FamilyNames),
            PreferredName = _random.NextDouble() < 0.15 ? Pick(GivenNames) : null,
            Pronouns = _random.NextDouble() < 0.5 ? Pick(Pronouns) : null,
            DateOfBirth = dob,
            Sex = sex,
            EthnicCategory = Pick(Aftercare.Domain.Patients.EthnicCategory.All).Code,
            Postcode = $"{Pick(Districts)} {_random.Next(1, 10)}{(char)('A' + _random.Next(26))}{(char)('A' + _random.Next(26))}",
            GpPractice = Pick(Practices),
            Phone = $"07{_random.Next(100, 999)} {_random.Next(100000, 999999)}",
            Contacts = _random.NextDouble() < 0.7 ? [new PersonContact(Pick(GivenNames) + " " + Pick(FamilyNames), Pick(new[] { "Mum", "Partner", "Friend", "Brother", "Support worker" }), $"07{_random.Next(100, 999)} {_random.Next(100000, 999999)}")] : [],
            CommunicationNeeds = _random.NextDouble() < 0.15 ? Pick(Communication) : null,
            WhatMattersToMe = Pick(WhatMatters),
            Strengths = Pick(StrengthsList),
        };
    }

    public PresentationDetails Presentation(DateTimeOffset arrivedAt) => new()
    {
        ArrivedAt = arrivedAt,
        AccountInOwnWords = Pick(Accounts),
        Method = (MethodCategory)Pick(new[] { 1, 1, 1, 2, 2, 3, 4, 5, 6, 9 }),
        PhysicalTreatment = Pick(Treatments),
        IntentInOwnWords = _random.NextDouble() < 0.8 ? Pick(Intents) : null,
    };

    /// <summary>Self-harm presentations peak in the late teens and twenties.</summary>
    private int AgeBand()
    {
        var r = _random.NextDouble();
        return r < 0.25 ? _random.Next(16, 20) : r < 0.55 ? _random.Next(20, 30) : r < 0.75 ? _random.Next(30, 45) : r < 0.92 ? _random.Next(45, 65) : _random.Next(65, 90);
    }

    /// <summary>A number that passes the modulus-11 check, drawn from the 999 range kept for testing.</summary>
    public string NewNhsNumber()
    {
        while (true)
        {
            var digits = "999" + _random.Next(0, 10_000_000).ToString("0000000");
            if (NhsNumber.HasValidCheckDigit(digits)) return digits;
        }
    }
}
