namespace Aftercare.Domain.Messaging;

/// <summary>
/// What the crisis rules found in one message. It says only whether the message may signal
/// immediate danger and which rules matched, with the person's own words; it carries no score and
/// puts no match above another (NICE NG225). A human on duty decides what it means.
/// </summary>
public sealed class CrisisAssessment
{
    public static readonly CrisisAssessment NothingFound = new([]);

    internal CrisisAssessment(IReadOnlyList<CrisisMatch> matches) => Matches = matches;

    /// <summary>At least one rule matched: the message goes in front of the practitioner on duty at once.</summary>
    public bool MayBeDanger => Matches.Count > 0;

    /// <summary>The rules that matched, in the order of the rule set (not by any measure of danger).</summary>
    public IReadOnlyList<CrisisMatch> Matches { get; }
}

/// <summary>One rule that matched a message, with what a duty alert shows: why, and the words that matched.</summary>
/// <param name="RuleId">The rule's stable id, such as "goodbye".</param>
/// <param name="RuleName">The rule's name, such as "Saying goodbye".</param>
/// <param name="Reason">The rule's one-sentence reason for the duty alert.</param>
/// <param name="Words">The words of the message that matched, as the person wrote them, in the order they appear.</param>
public sealed record CrisisMatch(string RuleId, string RuleName, string Reason, IReadOnlyList<CrisisMatchedWords> Words);

/// <summary>Words of a message that matched a rule, exactly as written, and where they are in the message.</summary>
/// <param name="Text">The words as written ("CAN’T go on", "kms", "2nite").</param>
/// <param name="Start">Where they begin in the message, for showing them marked.</param>
/// <param name="Length">How many characters of the message they take.</param>
public readonly record struct CrisisMatchedWords(string Text, int Start, int Length);
