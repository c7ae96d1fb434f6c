using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Bench;

/// <summary>
/// Invented safety plans in a person's own words: two to five entries in each section, and the
/// small revisions a plan goes through as the person and their practitioner come back to it.
/// Phone numbers are from Ofcom's ranges kept for drama, so none reaches a real person.
/// Deterministic for a seed, so a load is repeatable.
/// </summary>
public sealed class SyntheticPlans(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly PlanEntry[] WarningSigns = Words(
        "I stop replying to messages", "Not sleeping, lying awake going over things", "Drinking on my own in the evening",
        "Thinking everyone would be better off without me", "Staying in my room all day", "Snapping at my mum over nothing",
        "Skipping meals", "Going quiet at work", "Looking at things online I know make it worse", "Feeling numb, like I'm not really here",
        "Getting into arguments with my partner", "Cancelling plans with friends", "Not wanting to get out of bed",
        "Counting the tablets in the cupboard", "Crying in the car before work");

    private static readonly PlanEntry[] ThingsICanDo = Words(
        "Go for a walk round the park with headphones in", "Have a hot shower", "Play guitar for half an hour", "Draw, even if it's just doodling",
        "Put on a comedy I've seen before", "Hold an ice cube until it melts", "Do the breathing app for five minutes", "Bake something",
        "Write down what I'm feeling and rip it up", "Play FIFA online", "Clean the kitchen with loud music on", "Take the dog out",
        "Read a chapter of my book", "Do a jigsaw", "Stroke the cat and talk to her");

    private static readonly PlanEntry[] PeopleAndPlaces = Words(
        "The café on the high street", "My nan's house", "The library", "Football at the leisure centre on Tuesday nights",
        "Sitting on the bench by the canal", "The gym", "Church on Sunday morning", "My friend Jess's flat", "The allotment",
        "Youth club on Thursday", "The big Tesco, just walking round", "Swimming at the baths", "My cousin's garage, helping with cars");

    private static readonly PlanEntry[] PeopleICanAsk =
    [
        new("My sister Amy", "07700 900123"), new("Mum", "07700 900456"), new("My best friend Kasia", "07700 900789"),
        new("Dad, after 6pm when he's home from work", "07700 900321"), new("My partner, Sam", "07700 900654"),
        new("My neighbour Pat, next door at number 12", "07700 900987"), new("Uncle Ravi", "07700 900147"),
        new("My friend Tunde", "07700 900258"), new("My support worker, Leanne", "0161 496 0741"), new("My brother Callum", "07700 900369"),
    ];

    private static readonly PlanEntry[] Professionals =
    [
        new("Samaritans", "116 123", "Any time, day or night"), new("NHS 111, option 2 for mental health", "111", "24 hours"),
        new("The crisis team", "0161 496 0999", "24 hours, every day"), new("My GP, Parkside Medical Centre", "0161 496 0123", "Monday to Friday, 8am to 6:30pm"),
        new("Shout: text SHOUT", "85258", "24 hours, by text"), new("My care coordinator", "0113 496 0456", "Weekdays 9 to 5"),
        new("The Sanctuary café", "0161 496 0555", "Evenings 8pm to 6am"), new("Papyrus HOPELINE247", "0800 068 4141", "24 hours"),
        new("The liaison team at the hospital", "0113 496 0888", "24 hours"), new("CALM helpline", "0800 58 58 58", "5pm to midnight, every day"),
    ];

    private static readonly PlanEntry[] SafeSpace = Words(
        "Give my tablets to Mum to look after", "Keep only a week's prescription in the house", "Take the razor blades out of my room",
        "Don't keep paracetamol in my bag", "Ask my partner to lock the medicine box", "Stay out of the bathroom when I feel like this",
        "Don't drink when I'm on my own", "Leave the car keys with my dad", "Delete the websites from my phone",
        "Go downstairs where other people are");

    private static readonly PlanEntry[] ReasonsForLiving = Words(
        "My little brother", "My dog, Biscuit", "Finishing my course at college", "My kids, Ellie and Josh", "Seeing my band play the festival in summer",
        "My grandmother, who needs me", "Going to Poland to see my family", "The football season", "Getting my own flat one day",
        "My friends, who said they would miss me", "Learning to drive", "My cat", "Being an auntie to baby Noah");

    private static readonly (SafetyPlanSection Section, PlanEntry[] Choices)[] Banks =
    [
        (SafetyPlanSection.WarningSigns, WarningSigns), (SafetyPlanSection.ThingsICanDo, ThingsICanDo),
        (SafetyPlanSection.PeopleAndPlaces, PeopleAndPlaces), (SafetyPlanSection.PeopleICanAsk, PeopleICanAsk),
        (SafetyPlanSection.Professionals, Professionals), (SafetyPlanSection.SafeSpace, SafeSpace),
        (SafetyPlanSection.ReasonsForLiving, ReasonsForLiving),
    ];

    private static PlanEntry[] Words(params string[] texts) => [.. texts.Select(t => new PlanEntry(t))];

    public int Next(int max) => _random.Next(max);

    public double NextDouble() => _random.NextDouble();

    /// <summary>A first plan: two to five different entries in every section.</summary>
    public SafetyPlanContent Plan()
    {
        var content = SafetyPlanContent.Empty;
        foreach (var (section, choices) in Banks)
        {
            var count = 2 + _random.Next(4);
            var picked = new List<PlanEntry>(count);
            while (picked.Count < count)
            {
                var e = choices[_random.Next(choices.Length)];
                if (!picked.Contains(e)) picked.Add(e);
            }
            content = content.With(section, picked);
        }
        return content;
    }

    /// <summary>
    /// The plan after one sitting: one to three changes, each a new entry, one taken out, one
    /// reworded for another, or two swapped round; every section keeps two to five entries.
    /// </summary>
    public SafetyPlanContent Revise(SafetyPlanContent content)
    {
        var changes = 1 + _random.Next(3);
        for (var c = 0; c < changes; c++)
        {
            var (section, choices) = Banks[_random.Next(Banks.Length)];
            var entries = content[section].ToList();
            var unused = choices.Where(e => !entries.Contains(e)).ToArray();
            var kind = _random.Next(4);
            if (kind == 0 && entries.Count < 5 && unused.Length > 0) entries.Add(unused[_random.Next(unused.Length)]);
            else if (kind == 1 && entries.Count > 2) entries.RemoveAt(_random.Next(entries.Count));
            else if (kind == 2 && entries.Count > 1)
            {
                var i = _random.Next(entries.Count - 1);
                (entries[i], entries[i + 1]) = (entries[i + 1], entries[i]);
            }
            else if (unused.Length > 0) entries[_random.Next(entries.Count)] = unused[_random.Next(unused.Length)];
            content = content.With(section, entries);
        }
        return content;
    }

    /// <summary>Another wording for an entry of a section, different from <paramref name="current"/>: what the editor scenario types.</summary>
    public string OtherText(SafetyPlanSection section, string? current)
    {
        var choices = Banks.First(b => b.Section == section).Choices;
        while (true)
        {
            var text = choices[_random.Next(choices.Length)].Text;
            if (text != current) return text;
        }
    }
}
