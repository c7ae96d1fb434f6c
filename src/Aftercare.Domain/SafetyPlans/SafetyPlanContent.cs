using Aftercare.Domain.Common;

namespace Aftercare.Domain.SafetyPlans;

/// <summary>One line of a safety plan, in the person's words; a phone number and hours where the section takes them.</summary>
public sealed record PlanEntry(string Text, string? Phone = null, string? Hours = null);

/// <summary>The sections of the enhanced safety plan (Stanley–Brown steps, plus reasons for living), in order.</summary>
public enum SafetyPlanSection
{
    WarningSigns = 1,
    ThingsICanDo = 2,
    PeopleAndPlaces = 3,
    PeopleICanAsk = 4,
    Professionals = 5,
    SafeSpace = 6,
    ReasonsForLiving = 7,
}

/// <summary>How a page shows one section: its heading in the person's voice, a short name for summaries, and what each entry takes.</summary>
public sealed record SafetyPlanSectionInfo(SafetyPlanSection Key, string Heading, string ShortName, bool TakesPhone, bool TakesHours);

/// <summary>
/// What the safety plan says: seven sections, each a list of entries in the person's order.
/// Two contents are equal when every section holds the same entries in the same order.
/// </summary>
public sealed record SafetyPlanContent
{
    public const int MaxEntriesPerSection = 20;
    public const int MaxTextLength = 500;
    public const int MaxPhoneLength = 30;
    public const int MaxHoursLength = 100;

    public static readonly SafetyPlanContent Empty = new();

    public IReadOnlyList<PlanEntry> WarningSigns { get; init; } = [];
    public IReadOnlyList<PlanEntry> ThingsICanDo { get; init; } = [];
    public IReadOnlyList<PlanEntry> PeopleAndPlaces { get; init; } = [];
    public IReadOnlyList<PlanEntry> PeopleICanAsk { get; init; } = [];
    public IReadOnlyList<PlanEntry> Professionals { get; init; } = [];
    public IReadOnlyList<PlanEntry> SafeSpace { get; init; } = [];
    public IReadOnlyList<PlanEntry> ReasonsForLiving { get; init; } = [];

    /// <summary>Every section, in the order the plan shows them.</summary>
    public static readonly IReadOnlyList<SafetyPlanSectionInfo> Sections =
    [
        new(SafetyPlanSection.WarningSigns, "Warning signs that a crisis may be coming", "Warning signs", false, false),
        new(SafetyPlanSection.ThingsICanDo, "Things I can do on my own to take my mind off things", "Things I can do on my own", false, false),
        new(SafetyPlanSection.PeopleAndPlaces, "People and places that help me take my mind off things", "People and places", false, false),
        new(SafetyPlanSection.PeopleICanAsk, "People I can ask for help", "People I can ask for help", true, false),
        new(SafetyPlanSection.Professionals, "Professionals and services I can contact", "Professionals and services", true, true),
        new(SafetyPlanSection.SafeSpace, "Making my space safer", "Making my space safer", false, false),
        new(SafetyPlanSection.ReasonsForLiving, "My reasons for living", "Reasons for living", false, false),
    ];

    public static SafetyPlanSectionInfo Describe(SafetyPlanSection section) =>
        Sections.FirstOrDefault(s => s.Key == section) ?? throw new ArgumentOutOfRangeException(nameof(section), section, null);

    /// <summary>The entries of one section.</summary>
    public IReadOnlyList<PlanEntry> this[SafetyPlanSection section] => section switch
    {
        SafetyPlanSection.WarningSigns => WarningSigns,
        SafetyPlanSection.ThingsICanDo => ThingsICanDo,
        SafetyPlanSection.PeopleAndPlaces => PeopleAndPlaces,
        SafetyPlanSection.PeopleICanAsk => PeopleICanAsk,
        SafetyPlanSection.Professionals => Professionals,
        SafetyPlanSection.SafeSpace => SafeSpace,
        SafetyPlanSection.ReasonsForLiving => ReasonsForLiving,
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
    } ?? [];

    /// <summary>A copy with one section's entries replaced.</summary>
    public SafetyPlanContent With(SafetyPlanSection section, IReadOnlyList<PlanEntry> entries) => section switch
    {
        SafetyPlanSection.WarningSigns => this with { WarningSigns = entries },
        SafetyPlanSection.ThingsICanDo => this with { ThingsICanDo = entries },
        SafetyPlanSection.PeopleAndPlaces => this with { PeopleAndPlaces = entries },
        SafetyPlanSection.PeopleICanAsk => this with { PeopleICanAsk = entries },
        SafetyPlanSection.Professionals => this with { Professionals = entries },
        SafetyPlanSection.SafeSpace => this with { SafeSpace = entries },
        SafetyPlanSection.ReasonsForLiving => this with { ReasonsForLiving = entries },
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
    };

    /// <summary>
    /// The content as it will be kept: every text trimmed (the words are kept as written), entries
    /// with nothing in them dropped, blank phone and hours made null. Refuses an entry with no text,
    /// text over 500 characters, a phone number that is not a phone number, a phone number or hours
    /// in a section that does not take them, and more than 20 entries in a section. The refusal's
    /// field is the form name of the entry as submitted, e.g. "PeopleICanAsk[2].Phone".
    /// </summary>
    public SafetyPlanContent Validated()
    {
        var result = Empty;
        foreach (var info in Sections)
        {
            var kept = new List<PlanEntry>();
            var entries = this[info.Key];
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i] is not { } entry) continue;
                var field = $"{info.Key}[{i}]";
                var text = Text.Clean(entry.Text);
                var phone = Text.Clean(entry.Phone);
                var hours = Text.Clean(entry.Hours);
                if (text is null && phone is null && hours is null) continue;
                if (text is null)
                    throw new ClinicalRuleException(info.TakesPhone ? "Enter who or what this entry is, as well as the number" : "Enter the words for this entry", $"{field}.Text");
                if (text.Length > MaxTextLength)
                    throw new ClinicalRuleException("Keep each entry to 500 characters or fewer; split it into two entries if you need to", $"{field}.Text");
                if (phone is not null)
                {
                    if (!info.TakesPhone)
                        throw new ClinicalRuleException("Phone numbers go under \"People I can ask for help\" or \"Professionals and services\"", $"{field}.Phone");
                    if (phone.Length > MaxPhoneLength || !phone.All(IsPhoneCharacter) || phone.Count(char.IsAsciiDigit) < 3)
                        throw new ClinicalRuleException("Enter a phone number using digits, like 0161 496 0000 or 116 123", $"{field}.Phone");
                }
                if (hours is not null)
                {
                    if (!info.TakesHours)
                        throw new ClinicalRuleException("Opening hours go under \"Professionals and services\"", $"{field}.Hours");
                    if (hours.Length > MaxHoursLength)
                        throw new ClinicalRuleException("Keep the hours to 100 characters or fewer", $"{field}.Hours");
                }
                kept.Add(new PlanEntry(text, phone, hours));
            }
            if (kept.Count > MaxEntriesPerSection)
                throw new ClinicalRuleException($"Keep \"{info.ShortName}\" to 20 entries or fewer", info.Key.ToString());
            result = result.With(info.Key, kept);
        }
        return result;
    }

    private static bool IsPhoneCharacter(char c) => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-';

    // A record compares its lists by reference; a plan's content is equal when its entries are.
    public bool Equals(SafetyPlanContent? other) =>
        other is not null && Sections.All(s => this[s.Key].SequenceEqual(other[s.Key]));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var s in Sections)
        {
            var entries = this[s.Key];
            hash.Add(entries.Count);
            foreach (var entry in entries) hash.Add(entry);
        }
        return hash.ToHashCode();
    }
}
