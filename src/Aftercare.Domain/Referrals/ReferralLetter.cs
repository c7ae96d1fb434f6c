using Aftercare.Domain.Common;

namespace Aftercare.Domain.Referrals;

/// <summary>What a part of the referral letter is, so the rules (and the page) can tell them apart.</summary>
public enum LetterSectionKind
{
    /// <summary>The opening: who the person is and what we are asking. Needed before sending.</summary>
    Introduction = 1,
    /// <summary>On a resubmission: the answer to the service's reasons for declining, or what has changed. Needed before sending.</summary>
    Resubmission = 2,
    /// <summary>What matters to the person and their strengths, quoted in their words: the person beyond the self-harm.</summary>
    AboutThePerson = 3,
    /// <summary>One of the service's stated criteria, and how the person meets it. Every one needs an answer before sending.</summary>
    Criterion = 4,
    /// <summary>One of the service's stated exclusions; answered only where it could be read as applying.</summary>
    Exclusion = 5,
    /// <summary>A section of the signed-off assessment.</summary>
    Assessment = 6,
    /// <summary>Addenda added to the assessment after sign-off.</summary>
    AssessmentAddenda = 7,
    /// <summary>The person's safety plan, quoted in their words.</summary>
    SafetyPlan = 8,
    /// <summary>The person's story in their own words: only ever drafted, and only ever sent, with their consent.</summary>
    Narrative = 9,
    /// <summary>The thanks, the invitation to call, and the practitioner's name.</summary>
    Closing = 10,
}

/// <summary>
/// One part of the letter. <see cref="Key"/> names it on the form (and in a refusal's field);
/// <see cref="Heading"/> is printed above it; <see cref="Hint"/> tells the practitioner what to
/// write and is never printed; <see cref="Text"/> is what the service reads, null while blank.
/// </summary>
public sealed record LetterSection(string Key, LetterSectionKind Kind, string Heading, string? Hint, string? Text)
{
    /// <summary>The opening and the closing are printed as the start and end of a letter, without a heading.</summary>
    public bool PrintsHeading => Kind is not (LetterSectionKind.Introduction or LetterSectionKind.Closing);
}

/// <summary>A part of the letter as printed: a heading (none for the opening and closing) and its text.</summary>
public sealed record PrintedSection(string? Heading, string Text);

/// <summary>
/// The referral letter: its sections in the order the service reads them. The practitioner changes
/// the text of any section while the referral is a draft; the headings (a criterion's wording, an
/// assessment section's name) stay as drafted. Once sent, the letter is fixed.
/// </summary>
public sealed record ReferralLetter
{
    public const int MaxSectionLength = 20000;

    public static readonly ReferralLetter Empty = new();

    public IReadOnlyList<LetterSection> Sections { get; init; } = [];

    public LetterSection? Find(string key) => Sections.FirstOrDefault(s => s.Key == key);

    public IEnumerable<LetterSection> OfKind(LetterSectionKind kind) => Sections.Where(s => s.Kind == kind);

    /// <summary>True when no section has any text.</summary>
    public bool IsEmpty => Sections.All(s => s.Text is null);

    /// <summary>Every word that will be printed, for checking quotations against the person's own words.</summary>
    public string AllText => string.Join("\n\n", Sections.Where(s => s.Text is not null).Select(s => s.Text));

    /// <summary>
    /// A copy with the texts given, by section key; sections not named keep their text. Texts are
    /// trimmed, line endings made "\n", and blank ones made null; the words are kept as typed. An
    /// unknown key or a section over <see cref="MaxSectionLength"/> is refused, naming the section.
    /// </summary>
    public ReferralLetter Revised(IReadOnlyDictionary<string, string?> texts)
    {
        foreach (var key in texts.Keys)
            if (Find(key) is null)
                throw new ClinicalRuleException("That part of the letter was not found. Reload the letter and try again", key);
        return this with
        {
            Sections = Sections.Select(s => texts.TryGetValue(s.Key, out var text) ? s with { Text = Clean(text, s) } : s).ToList(),
        };
    }

    internal static string? Clean(string? text, LetterSection section)
    {
        var clean = Text.Clean(text?.Replace("\r\n", "\n"));
        if (clean is { Length: > MaxSectionLength })
            throw new ClinicalRuleException($"Keep \"{section.Heading}\" to 20,000 characters or fewer", section.Key);
        return clean;
    }

    // A record compares its lists by reference; two letters are equal when their sections are.
    public bool Equals(ReferralLetter? other) => other is not null && Sections.SequenceEqual(other.Sections);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var section in Sections) hash.Add(section);
        return hash.ToHashCode();
    }
}
