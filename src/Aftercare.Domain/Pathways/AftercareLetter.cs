using System.Text;
using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Domain.Pathways;

public enum LetterStatus
{
    /// <summary>Written by Aftercare from the plan; waiting for the practitioner to read and change it.</summary>
    Draft = 1,
    /// <summary>Read and approved by the practitioner; the PDF is made from this text.</summary>
    Approved = 2,
    Sent = 3,
}

public enum LetterSending
{
    Post = 1,
    Email = 2,
    HandedToThePerson = 3,
}

/// <summary>
/// A letter at 3, 6 or 9 months reminding the person of their plan, in warm, plain words. Aftercare
/// drafts it from the plan and the people the person named; the practitioner reads it, changes what
/// they want and approves it; then it is produced as a PDF and its sending is recorded. Approval
/// fixes the text, so what was sent is what is kept.
/// </summary>
public sealed class AftercareLetter
{
    public const int MaxBodyLength = 6000;

    public LetterId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public PathwayId PathwayId { get; private set; }
    public PlannedContactId PlannedContactId { get; private set; }
    public int Month { get; private set; }
    public string Body { get; private set; } = "";
    public LetterStatus Status { get; private set; }
    public DateTimeOffset DraftedAt { get; private set; }
    public StaffId? LastEditedBy { get; private set; }
    public DateTimeOffset? LastEditedAt { get; private set; }
    public StaffId? ApprovedBy { get; private set; }
    public string? ApprovedByName { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public LetterSending? SentBy { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public StaffId? SentRecordedBy { get; private set; }

    private AftercareLetter() { }

    public static AftercareLetter Draft(PlannedContact contact, string body, DateTimeOffset now)
    {
        if (contact.Kind != ContactKind.Letter || contact.LetterMonth is not { } month)
            throw new ClinicalRuleException($"{contact.Label} is not a letter");
        return new AftercareLetter
        {
            Id = LetterId.New(),
            PersonId = contact.PersonId,
            PathwayId = contact.PathwayId,
            PlannedContactId = contact.Id,
            Month = month,
            Body = CheckBody(body),
            Status = LetterStatus.Draft,
            DraftedAt = now,
        };
    }

    public void Edit(string? body, StaffId by, DateTimeOffset now)
    {
        if (Status != LetterStatus.Draft)
            throw new ClinicalRuleException("This letter has been approved and can no longer be changed");
        Body = CheckBody(body);
        LastEditedBy = by;
        LastEditedAt = now;
    }

    public void Approve(StaffId by, string byName, DateTimeOffset now)
    {
        if (Status != LetterStatus.Draft)
            throw new ClinicalRuleException("This letter has already been approved");
        Status = LetterStatus.Approved;
        ApprovedBy = by;
        ApprovedByName = byName;
        ApprovedAt = now;
    }

    public void RecordSent(LetterSending? how, DateTimeOffset sentAt, StaffId by, DateTimeOffset now)
    {
        if (Status == LetterStatus.Draft)
            throw new ClinicalRuleException("Read and approve the letter before sending it");
        if (Status == LetterStatus.Sent)
            throw new ClinicalRuleException("This letter has already been recorded as sent");
        if (how is not { } h || !Enum.IsDefined(h))
            throw new ClinicalRuleException("Choose how the letter was sent", nameof(SentBy));
        if (sentAt > now.AddMinutes(5))
            throw new ClinicalRuleException("That time is in the future", nameof(SentAt));
        // Times sent are typed to the minute: a letter approved at 14:30:40 and handed over at once was sent "at 14:30".
        if (ApprovedAt is { } approved && sentAt < approved.AddTicks(-(approved.Ticks % TimeSpan.TicksPerMinute)))
            throw new ClinicalRuleException("That is before the letter was approved", nameof(SentAt));
        Status = LetterStatus.Sent;
        SentBy = h;
        SentAt = sentAt;
        SentRecordedBy = by;
    }

    private static string CheckBody(string? body)
    {
        var text = Text.Required(body?.Replace("\r\n", "\n"), "The letter is empty. Write the letter, or start again from the draft", nameof(Body));
        if (text.Length > MaxBodyLength) throw new ClinicalRuleException("Keep the letter to 6,000 characters or fewer: a short letter is easier to read", nameof(Body));
        return text;
    }
}

/// <summary>
/// Writes the first draft of a letter, in the practitioner's voice, from what the person told us:
/// what matters to them, their strengths, their reasons for living, what they said helps, and the
/// people they can ask. Their own words are quoted exactly as they were written, inside curly
/// quotation marks, and never reworded; everything outside the quotation marks is ours. Where to
/// find help at any hour is printed at the foot of every letter (the PDF adds it), so the body
/// points to it rather than repeating it.
/// </summary>
public static class LetterDraft
{
    public const char OpenQuote = '\u201C';
    public const char CloseQuote = '\u201D';

    public static string Compose(string personName, string practitionerName, string teamName, int month, SafetyPlanContent? plan,
        string? whatMattersToMe = null, string? strengths = null)
    {
        var b = new StringBuilder();
        b.Append("Dear ").Append(personName).Append(",\n\n");
        b.Append($"It is about {Months(month)} since we first met at the hospital, and I have been thinking of you. ");
        b.Append("I hope things have been as good as they can be.\n\n");
        b.Append(month switch
        {
            <= 3 => "The first months after a hard time can have ups and downs. A harder day does not mean you have gone backwards: your plan is there for exactly those days.",
            <= 6 => "Half a year is a long time, and some things in your life may have changed. Whatever these months have been like, your plan is still here for you.",
            _ => "As the months go by, it is easy for a plan to end up in a drawer. I hope this letter is a small reminder that it is still there for you, and so are we.",
        }).Append('\n');

        if (Text.Clean(whatMattersToMe) is { } matters)
            b.Append("\nWhen we talked, you told me what matters to you:\n").Append(Quote(matters)).Append('\n');
        if (Text.Clean(strengths) is { } strong)
            b.Append("\nYou also told me about your strengths:\n").Append(Quote(strong)).Append('\n');
        if (plan is not null)
        {
            Section(b, "In your plan, you wrote down your reasons for living:", plan.ReasonsForLiving, withPhone: false);
            Section(b, "Things you said you can do yourself when things get hard:", plan.ThingsICanDo, withPhone: false);
            Section(b, "People and places that help take your mind off things:", plan.PeopleAndPlaces, withPhone: false);
            if (Section(b, "People you said you can ask for help:", plan.PeopleICanAsk, withPhone: true))
                b.Append("It is always all right to get in touch with them.\n");
        }

        b.Append("\nYour plan belongs to you. If something in it has changed, or you would like to change it, you can do that at any time: ");
        b.Append("on your phone if you have an Aftercare account, or with us.\n\n");
        b.Append("If things get very hard, you do not have to wait or cope alone: the numbers at the end of this letter are there for you at any hour, day or night. ");
        b.Append("And if you would like to let us know how you are, we would be glad to hear from you.\n\n");
        b.Append("With warm wishes,\n\n");
        b.Append(practitionerName).Append('\n').Append(teamName);
        return b.ToString();
    }

    /// <summary>Everything the person said or wrote that a letter may quote: every entry of their plan, what matters to them, their strengths.</summary>
    public static IReadOnlyList<string> TheirWords(SafetyPlanContent? plan, string? whatMattersToMe, string? strengths)
    {
        var words = new List<string>();
        if (plan is not null)
            foreach (var section in SafetyPlanContent.Sections)
                words.AddRange(plan[section.Key].Select(e => e.Text));
        if (Text.Clean(whatMattersToMe) is { } matters) words.Add(matters);
        if (Text.Clean(strengths) is { } strong) words.Add(strong);
        return words;
    }

    /// <summary>
    /// The passages the letter puts in quotation marks (curly or straight) that are not, word for
    /// word, something the person said or wrote: a quotation reworded while editing, or words
    /// attributed to them that are not theirs. Spacing and line breaks do not count as a change.
    /// </summary>
    public static IReadOnlyList<string> QuotesNotInTheirWords(string? body, IEnumerable<string> theirWords)
    {
        if (string.IsNullOrEmpty(body)) return [];
        var theirs = theirWords.Select(Squash).Where(w => w.Length > 0).ToList();
        var found = new List<string>();
        foreach (var (open, close) in new[] { (OpenQuote, CloseQuote), ('"', '"') })
        {
            var at = 0;
            while ((at = body.IndexOf(open, at)) >= 0)
            {
                var end = body.IndexOf(close, at + 1);
                if (end < 0) break;
                var quoted = Squash(body[(at + 1)..end]);
                if (quoted.Length > 0 && !theirs.Any(t => t.Contains(quoted, StringComparison.Ordinal)) && !found.Contains(quoted))
                    found.Add(quoted);
                at = end + 1;
            }
        }
        return found;
    }

    private static string Quote(string words) => $"{OpenQuote}{words}{CloseQuote}";

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Months(int month) => month switch
    {
        1 => "a month",
        >= 2 and <= 12 => new[] { "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve" }[month - 2] + " months",
        _ => $"{month} months",
    };

    private static bool Section(StringBuilder b, string heading, IReadOnlyList<PlanEntry> entries, bool withPhone)
    {
        if (entries.Count == 0) return false;
        b.Append('\n').Append(heading).Append('\n');
        foreach (var e in entries)
        {
            b.Append("- ").Append(Quote(e.Text));
            if (withPhone && e.Phone is not null) b.Append(", ").Append(e.Phone);
            b.Append('\n');
        }
        return true;
    }
}
