using System.Text.RegularExpressions;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Messaging;

public enum CrisisRuleKind
{
    /// <summary>Any one of the rule's phrases in a message is enough.</summary>
    Phrase = 1,
    /// <summary>One phrase from each of the rule's groups must be in the same message: a means with a time, say.</summary>
    Combination = 2,
}

/// <summary>
/// An explainable reason a message may signal immediate danger: the words it looks for, the
/// name a clinician reads and the one sentence shown on the duty alert. A rule either matches or
/// does not; there is no score, no weight and no ranking (NICE NG225 advises against risk
/// prediction). Rules are data, so a team can read them all and add its own (decision 0012).
/// </summary>
public sealed record CrisisRule
{
    public const int MaxIdLength = 40;
    public const int MaxNameLength = 80;
    public const int MaxReasonLength = 300;
    public const int MaxPhraseLength = 80;
    public const int MaxPhraseWords = 10;
    public const int MaxPhrases = 300;
    public const int MaxGroups = 4;
    public const int MinLetters = 3;

    /// <summary>A phrase rule's phrase of this many words or fewer, all of them everyday words ("I am", "want to go"), is refused.</summary>
    private const int MostEverydayWords = 3;

    private static readonly Regex IdPattern = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    /// <summary>Stable id, such as "goodbye": what a duty alert records as the reason it was raised.</summary>
    public string Id { get; }

    /// <summary>Short name a clinician reads, such as "Saying goodbye".</summary>
    public string Name { get; }

    /// <summary>One sentence shown on the duty alert, saying why such words can mean danger.</summary>
    public string Reason { get; }

    public CrisisRuleKind Kind { get; }

    /// <summary>
    /// The words looked for, as written by whoever wrote the rule: a phrase rule has one group
    /// (its phrases); a combination has two or more, one of each needed.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    /// <summary>A phrase rule's phrases; empty for a combination (see <see cref="Groups"/>).</summary>
    public IReadOnlyList<string> Phrases => Kind == CrisisRuleKind.Phrase ? Groups[0] : [];

    /// <summary>Each group's phrases as the rules read them (see <see cref="CrisisText"/>).</summary>
    internal IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> ReadGroups { get; }

    private CrisisRule(string id, string name, string reason, CrisisRuleKind kind,
        IReadOnlyList<IReadOnlyList<string>> groups, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> readGroups)
    {
        Id = id;
        Name = name;
        Reason = reason;
        Kind = kind;
        Groups = groups;
        ReadGroups = readGroups;
    }

    /// <summary>A rule that matches when any one of its phrases is in the message.</summary>
    public static CrisisRule Phrase(string? id, string? name, string? reason, IEnumerable<string?>? phrases)
    {
        var (cleanId, cleanName, cleanReason) = Describe(id, name, reason);
        var list = phrases?.ToList() ?? [];
        if (list.Count == 0)
            throw new ClinicalRuleException($"The rule '{cleanId}' needs at least one phrase to look for", nameof(Phrases));
        if (list.Count > MaxPhrases)
            throw new ClinicalRuleException($"The rule '{cleanId}' has {list.Count} phrases; a rule may have at most {MaxPhrases}", nameof(Phrases));

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var (written, read) = ReadGroup(cleanId, list, nameof(Phrases), null, seen);
        foreach (var (phrase, words) in written.Zip(read))
        {
            if (words.All(w => w[0] == CrisisText.NumberTermMark || w.All(char.IsAsciiDigit)))
                throw new ClinicalRuleException($"The phrase '{phrase}' is only a number and would flag almost every message: add the words that make it a warning sign", nameof(Phrases));
            if (words.Count <= MostEverydayWords && words.All(CrisisVocabulary.CommonWords.Contains))
                throw new ClinicalRuleException($"The phrase '{phrase}' is made only of everyday words and would flag almost every message: add the words that make it a warning sign", nameof(Phrases));
        }
        return new CrisisRule(cleanId, cleanName, cleanReason, CrisisRuleKind.Phrase, [written], [read]);
    }

    /// <summary>
    /// A rule that matches when one phrase of each of its groups is in the same message, in any
    /// order: a means of harm with a time, or with an intention.
    /// </summary>
    public static CrisisRule Combination(string? id, string? name, string? reason, IEnumerable<IEnumerable<string?>?>? groups)
    {
        var (cleanId, cleanName, cleanReason) = Describe(id, name, reason);
        var list = groups?.ToList() ?? [];
        if (list.Count < 2)
            throw new ClinicalRuleException($"The combination '{cleanId}' needs at least two groups of words, one of each to be found in the same message", nameof(Groups));
        if (list.Count > MaxGroups)
            throw new ClinicalRuleException($"The combination '{cleanId}' has {list.Count} groups; it may have at most {MaxGroups}", nameof(Groups));

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var written = new List<IReadOnlyList<string>>();
        var read = new List<IReadOnlyList<IReadOnlyList<string>>>();
        for (var g = 0; g < list.Count; g++)
        {
            var phrases = list[g]?.ToList() ?? [];
            if (phrases.Count == 0)
                throw new ClinicalRuleException($"Group {g + 1} of '{cleanId}' has no words to look for", nameof(Groups));
            if (phrases.Count > MaxPhrases)
                throw new ClinicalRuleException($"Group {g + 1} of '{cleanId}' has {phrases.Count} phrases; a group may have at most {MaxPhrases}", nameof(Groups));
            var (w, r) = ReadGroup(cleanId, phrases, nameof(Groups), g + 1, seen);
            written.Add(w);
            read.Add(r);
        }
        return new CrisisRule(cleanId, cleanName, cleanReason, CrisisRuleKind.Combination, written, read);
    }

    public bool Equals(CrisisRule? other) =>
        other is not null && Id == other.Id && Name == other.Name && Reason == other.Reason && Kind == other.Kind
        && Groups.Count == other.Groups.Count && Groups.Zip(other.Groups).All(p => p.First.SequenceEqual(p.Second));

    public override int GetHashCode() => HashCode.Combine(Id, Kind);

    private static (string Id, string Name, string Reason) Describe(string? id, string? name, string? reason)
    {
        var cleanId = Text.Clean(id)?.ToLowerInvariant()
            ?? throw new ClinicalRuleException("A crisis rule needs a short id, such as 'local-bridge'", nameof(Id));
        if (cleanId.Length > MaxIdLength || !IdPattern.IsMatch(cleanId))
            throw new ClinicalRuleException($"The id '{cleanId}' may use only lower-case letters, digits and single hyphens, up to {MaxIdLength}", nameof(Id));
        var cleanName = Text.Required(name, $"The rule '{cleanId}' needs a name a clinician will recognise", nameof(Name));
        if (cleanName.Length > MaxNameLength)
            throw new ClinicalRuleException($"The name of '{cleanId}' is longer than {MaxNameLength} characters: keep it short, the reason says the rest", nameof(Name));
        var cleanReason = Text.Required(reason, $"The rule '{cleanId}' needs a reason: one sentence shown on the duty alert", nameof(Reason));
        if (cleanReason.Length > MaxReasonLength)
            throw new ClinicalRuleException($"The reason of '{cleanId}' is longer than {MaxReasonLength} characters: one sentence is read fastest on a duty alert", nameof(Reason));
        return (cleanId, cleanName, cleanReason);
    }

    /// <summary>
    /// Checks and reads one group of phrases. <paramref name="seen"/> holds every phrase already
    /// read in the rule, so the same words (however spelt) cannot be written twice.
    /// </summary>
    private static (List<string> Written, List<IReadOnlyList<string>> Read) ReadGroup(
        string id, List<string?> phrases, string field, int? group, Dictionary<string, string> seen)
    {
        var written = new List<string>(phrases.Count);
        var read = new List<IReadOnlyList<string>>(phrases.Count);
        var where = group is null ? $"the rule '{id}'" : $"group {group} of '{id}'";
        foreach (var given in phrases)
        {
            var phrase = Text.Clean(given)
                ?? throw new ClinicalRuleException($"A phrase of {where} is empty: remove it or write the words to look for", field);
            var pieces = phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (phrase.Length > MaxPhraseLength || pieces.Length > MaxPhraseWords)
                throw new ClinicalRuleException($"The phrase '{Shorten(phrase)}' is too long to appear word for word in a message: keep it under {MaxPhraseLength} characters and {MaxPhraseWords} words", field);
            var numbers = pieces.Select(CrisisText.NumberTerm).Where(n => n is not null).ToList();
            if (numbers.Any(n => n < 2))
                throw new ClinicalRuleException($"'{phrase}' would match any number: use 2+ or more", field);
            if (numbers.Count == 0 && phrase.Count(char.IsLetter) < MinLetters)
                throw new ClinicalRuleException($"The phrase '{phrase}' has fewer than {MinLetters} letters and would match almost every message", field);
            var words = CrisisText.ReadPhrase(phrase);
            if (words.Count == 0)
                throw new ClinicalRuleException($"The phrase '{phrase}' has no letters or numbers to look for", field);
            var key = string.Join(' ', words);
            if (seen.TryGetValue(key, out var earlier))
                throw new ClinicalRuleException(earlier == phrase
                    ? $"The phrase '{phrase}' is written twice in the rule '{id}': keep one"
                    : $"The phrases '{earlier}' and '{phrase}' of the rule '{id}' are the same once spelling is set aside: keep one", field);
            seen[key] = phrase;
            written.Add(phrase);
            read.Add(words);
        }
        return (written, read);
    }

    private static string Shorten(string phrase) => phrase.Length <= 40 ? phrase : phrase[..40] + "…";
}
