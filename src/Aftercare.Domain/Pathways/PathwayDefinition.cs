using Aftercare.Domain.Common;

namespace Aftercare.Domain.Pathways;

public enum ContactKind
{
    /// <summary>The follow-up NICE asks for within 48 hours of the assessment: in ASSURED, the check-in call.</summary>
    FollowUp = 1,
    /// <summary>A brief intervention session with the named practitioner.</summary>
    Session = 2,
    /// <summary>A personalised letter reminding the person of their plan.</summary>
    Letter = 3,
}

/// <summary>
/// How long after the start of a pathway something falls. Months and days are counted on the UK
/// calendar at the same wall-clock time (a session "one week later" is at the same time of day,
/// whether or not the clocks changed in between); hours are elapsed hours, so "48 hours" is always
/// exactly 48 hours, as the follow-up rule means it.
/// </summary>
public readonly record struct PathwayOffset(int Months = 0, int Days = 0, int Hours = 0)
{
    public static PathwayOffset OfHours(int hours) => new(Hours: hours);
    public static PathwayOffset OfDays(int days) => new(Days: days);
    public static PathwayOffset OfMonths(int months, int days = 0) => new(months, days);

    public DateTimeOffset From(DateTimeOffset start)
    {
        var at = start;
        if (Months != 0 || Days != 0)
            at = UkTime.AtLocal(UkTime.ToLocal(start).AddMonths(Months).AddDays(Days));
        return at.AddHours(Hours);
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Months != 0) parts.Add(Months == 1 ? "1 month" : $"{Months} months");
        if (Days != 0) parts.Add(Days % 7 == 0 && Months == 0 ? (Days == 7 ? "1 week" : $"{Days / 7} weeks") : Days == 1 ? "1 day" : $"{Days} days");
        if (Hours != 0) parts.Add(Hours == 1 ? "1 hour" : $"{Hours} hours");
        return parts.Count == 0 ? "at once" : string.Join(" ", parts);
    }
}

/// <summary>One planned contact of a pathway: what it is, when its window opens and when it is due.</summary>
public sealed record ContactTemplate(string Key, string Label, ContactKind Kind, PathwayOffset Opens, PathwayOffset Due, int? LetterMonth = null);

/// <summary>
/// A care pathway: the contacts planned from the moment an assessment is signed off. ASSURED is
/// the default; a team may use others defined in configuration. Every pathway begins with the
/// follow-up within 48 hours: a definition without one is refused, so no configuration can
/// switch the 48-hour clock off.
/// </summary>
public sealed record PathwayDefinition
{
    public const string AssuredCode = "assured";
    public const int FollowUpHours = 48;

    public string Code { get; }
    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<ContactTemplate> Contacts { get; }

    public PathwayDefinition(string? code, string? name, string? description, IReadOnlyList<ContactTemplate>? contacts)
    {
        Code = Text.Clean(code)?.ToLowerInvariant() ?? throw new ClinicalRuleException("A pathway needs a code", nameof(Code));
        if (!System.Text.RegularExpressions.Regex.IsMatch(Code, "^[a-z0-9-]{1,40}$"))
            throw new ClinicalRuleException($"The pathway code '{Code}' may use only letters, digits and hyphens, up to 40", nameof(Code));
        Name = Text.Required(name, $"The pathway '{Code}' needs a name", nameof(Name));
        Description = Text.Clean(description) ?? "";
        if (contacts is null || contacts.Count == 0)
            throw new ClinicalRuleException($"The pathway '{Code}' has no planned contacts", nameof(Contacts));
        var first = contacts[0];
        if (first.Kind != ContactKind.FollowUp || first.Due.Months != 0 || first.Due.Days != 0 || first.Due.Hours is <= 0 or > FollowUpHours)
            throw new ClinicalRuleException($"The pathway '{Code}' must begin with a follow-up due within {FollowUpHours} hours of the assessment (NICE NG225)", nameof(Contacts));
        var keys = new HashSet<string>();
        foreach (var c in contacts)
        {
            if (string.IsNullOrWhiteSpace(c.Key) || !keys.Add(c.Key))
                throw new ClinicalRuleException($"Each contact of the pathway '{Code}' needs its own key ('{c.Key}' is missing or repeated)", nameof(Contacts));
            if (string.IsNullOrWhiteSpace(c.Label))
                throw new ClinicalRuleException($"The contact '{c.Key}' of the pathway '{Code}' needs a label", nameof(Contacts));
            var sample = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
            if (c.Opens.From(sample) > c.Due.From(sample))
                throw new ClinicalRuleException($"The contact '{c.Key}' of the pathway '{Code}' opens after it is due", nameof(Contacts));
            if (c.Kind == ContactKind.Letter && c.LetterMonth is null)
                throw new ClinicalRuleException($"The letter '{c.Key}' of the pathway '{Code}' needs the month it is written for", nameof(Contacts));
        }
        Contacts = contacts;
    }

    /// <summary>
    /// The ASSURED pathway: the check-in call (due within 48 hours, NICE's rule, tighter than the
    /// trial's 72), sessions at about 1, 4 and 8 weeks with the same practitioner, and letters at
    /// 3, 6 and 9 months reminding the person of their plan.
    /// </summary>
    public static readonly PathwayDefinition Assured = new(AssuredCode, "ASSURED",
        "Check-in call within 48 hours, sessions at 1, 4 and 8 weeks, letters at 3, 6 and 9 months",
        [
            new("check-in", "Check-in call (48-hour follow-up)", ContactKind.FollowUp, default, PathwayOffset.OfHours(FollowUpHours)),
            new("session-1", "Session at 1 week", ContactKind.Session, PathwayOffset.OfDays(5), PathwayOffset.OfDays(10)),
            new("session-4", "Session at 4 weeks", ContactKind.Session, PathwayOffset.OfDays(25), PathwayOffset.OfDays(35)),
            new("session-8", "Session at 8 weeks", ContactKind.Session, PathwayOffset.OfDays(53), PathwayOffset.OfDays(63)),
            new("letter-3", "Letter at 3 months", ContactKind.Letter, PathwayOffset.OfMonths(3, -14), PathwayOffset.OfMonths(3, 14), LetterMonth: 3),
            new("letter-6", "Letter at 6 months", ContactKind.Letter, PathwayOffset.OfMonths(6, -14), PathwayOffset.OfMonths(6, 14), LetterMonth: 6),
            new("letter-9", "Letter at 9 months", ContactKind.Letter, PathwayOffset.OfMonths(9, -14), PathwayOffset.OfMonths(9, 14), LetterMonth: 9),
        ]);
}
