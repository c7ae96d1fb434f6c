using Aftercare.Domain.Common;

namespace Aftercare.Domain.Sessions;

public enum ContactMode
{
    InPerson = 1,
    Phone = 2,
    Video = 3,
}

public enum ContactOutcome
{
    Attended = 1,
    /// <summary>The person did not come or answer: the practitioner tries to re-engage them.</summary>
    Missed = 2,
    Cancelled = 3,
}

/// <summary>What was adapted so the session worked for the person.</summary>
[Flags]
public enum Adaptations
{
    None = 0,
    Neurodiversity = 1,
    SubstanceUse = 2,
    PhysicalIllness = 4,
    LanguageOrInterpreter = 8,
}

public enum ReEngagementMethod
{
    Phone = 1,
    TextMessage = 2,
    Letter = 3,
    SecureMessage = 4,
    Visit = 5,
    ThroughSomeoneElse = 6,
}

/// <summary>
/// The person's own rating of the working relationship after a session: four items from 0 to 10.
/// Given by the person, on their phone or to the practitioner who writes it down, and kept with who
/// entered it.
/// </summary>
public sealed record AllianceRating(int HeardAndRespected, int WhatWeWorkedOn, int Approach, int Overall, bool EnteredByPerson, DateTimeOffset RatedAt)
{
    public static readonly (string Field, string Question)[] Items =
    [
        (nameof(HeardAndRespected), "I felt heard, understood and respected"),
        (nameof(WhatWeWorkedOn), "We worked on what I wanted to work on"),
        (nameof(Approach), "The practitioner's approach was a good fit for me"),
        (nameof(Overall), "Overall, today's session was right for me"),
    ];

    public static AllianceRating Create(int? heard, int? worked, int? approach, int? overall, bool enteredByPerson, DateTimeOffset now) =>
        new(Item(heard, nameof(HeardAndRespected)), Item(worked, nameof(WhatWeWorkedOn)), Item(approach, nameof(Approach)), Item(overall, nameof(Overall)), enteredByPerson, now);

    private static int Item(int? value, string field) => value switch
    {
        null => throw new ClinicalRuleException("Choose a number from 0 to 10", field),
        < 0 or > 10 => throw new ClinicalRuleException("Choose a number from 0 to 10", field),
        _ => value.Value,
    };
}

/// <summary>The solution-focused part of an attended session, in the person's words where they are theirs.</summary>
public sealed record SolutionFocusedNotes(string? BestHopes, string? PreferredFuture, string? AlreadyWorking, int? Scale, string? NextStep)
{
    public const int MaxLength = 8000;
    public static readonly SolutionFocusedNotes Empty = new(null, null, null, null, null);

    public static SolutionFocusedNotes Create(string? bestHopes, string? preferredFuture, string? alreadyWorking, int? scale, string? nextStep)
    {
        if (scale is < 0 or > 10)
            throw new ClinicalRuleException("Choose where the person puts themselves from 0 to 10", nameof(Scale));
        return new(Limit(bestHopes, nameof(BestHopes)), Limit(preferredFuture, nameof(PreferredFuture)), Limit(alreadyWorking, nameof(AlreadyWorking)), scale, Limit(nextStep, nameof(NextStep)));
    }

    public bool IsEmpty => BestHopes is null && PreferredFuture is null && AlreadyWorking is null && Scale is null && NextStep is null;

    private static string? Limit(string? text, string field)
    {
        var clean = Text.Clean(text);
        if (clean is { Length: > MaxLength }) throw new ClinicalRuleException("Keep this to 8,000 characters or fewer", field);
        return clean;
    }
}

/// <summary>A try to get back in touch after a missed contact: when, how, and what came of it.</summary>
public sealed record ReEngagementAttempt(DateTimeOffset At, ReEngagementMethod Method, string Outcome, StaffId By, string ByName);

/// <summary>
/// One contact with the person: a check-in call, a session, or one that did not happen. An
/// attended solution-focused session records best hopes, the preferred future, what is already
/// working, where the person puts themselves on 0 to 10 and the next small step. A missed contact
/// records each attempt to re-engage. Nothing is changed after it is recorded except by adding:
/// attempts, and the person's alliance rating.
/// </summary>
public sealed class CareSession
{
    public const int MaxNoteLength = 8000;

    public CareSessionId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public PathwayId? PathwayId { get; private set; }
    public PlannedContactId? PlannedContactId { get; private set; }
    public StaffId PractitionerId { get; private set; }
    public string PractitionerName { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }
    public ContactMode Mode { get; private set; }
    public ContactOutcome Outcome { get; private set; }
    public string? Notes { get; private set; }
    public SolutionFocusedNotes SolutionFocused { get; private set; } = SolutionFocusedNotes.Empty;
    public Adaptations Adaptations { get; private set; }
    public string? AdaptationNotes { get; private set; }
    public AllianceRating? Alliance { get; private set; }
    public List<ReEngagementAttempt> ReEngagement { get; private set; } = [];
    public DateTimeOffset RecordedAt { get; private set; }

    private CareSession() { }

    public bool IsAttended => Outcome == ContactOutcome.Attended;

    public static CareSession Record(PersonId person, PathwayId? pathway, PlannedContactId? contact, StaffId practitioner, string practitionerName,
        DateTimeOffset occurredAt, ContactMode? mode, ContactOutcome? outcome, string? notes, SolutionFocusedNotes? solutionFocused,
        Adaptations adaptations, string? adaptationNotes, DateTimeOffset now)
    {
        if (mode is not { } m || !Enum.IsDefined(m))
            throw new ClinicalRuleException("Choose how the contact took place", nameof(Mode));
        if (outcome is not { } o || !Enum.IsDefined(o))
            throw new ClinicalRuleException("Choose whether the person attended", nameof(Outcome));
        if (occurredAt > now.AddMinutes(5))
            throw new ClinicalRuleException("The time of the contact is in the future. Record it once it has happened", nameof(OccurredAt));
        var sf = solutionFocused ?? SolutionFocusedNotes.Empty;
        if (o != ContactOutcome.Attended && !sf.IsEmpty)
            throw new ClinicalRuleException("The solution-focused notes and the scale are for a session that took place. Put what happened in the notes", nameof(Outcome));
        var written = Text.Clean(notes);
        if (written is { Length: > MaxNoteLength }) throw new ClinicalRuleException("Keep the notes to 8,000 characters or fewer", nameof(Notes));
        var adaptationText = Text.Clean(adaptationNotes);
        if (adaptationText is { Length: > MaxNoteLength }) throw new ClinicalRuleException("Keep this to 8,000 characters or fewer", nameof(AdaptationNotes));
        return new CareSession
        {
            Id = CareSessionId.New(),
            PersonId = person,
            PathwayId = pathway,
            PlannedContactId = contact,
            PractitionerId = practitioner,
            PractitionerName = Text.Required(practitionerName, "The practitioner's name is missing", nameof(PractitionerName)),
            OccurredAt = occurredAt,
            Mode = m,
            Outcome = o,
            Notes = written,
            SolutionFocused = sf,
            Adaptations = adaptations,
            AdaptationNotes = adaptationText,
            RecordedAt = now,
        };
    }

    /// <summary>Adds a try to reach the person after a missed or cancelled contact.</summary>
    public ReEngagementAttempt AddReEngagement(DateTimeOffset at, ReEngagementMethod? method, string? outcome, StaffId by, string byName, DateTimeOffset now)
    {
        if (IsAttended)
            throw new ClinicalRuleException("This contact took place: re-engagement is for one that was missed or cancelled");
        if (method is not { } m || !Enum.IsDefined(m))
            throw new ClinicalRuleException("Choose how you tried to get in touch", nameof(ReEngagementAttempt.Method));
        if (at > now.AddMinutes(5))
            throw new ClinicalRuleException("That time is in the future", nameof(ReEngagementAttempt.At));
        if (at < OccurredAt)
            throw new ClinicalRuleException("That time is before the missed contact", nameof(ReEngagementAttempt.At));
        var what = Text.Required(outcome, "Say what happened, for example 'no answer, left a voicemail'", nameof(ReEngagementAttempt.Outcome));
        if (what.Length > 1000) throw new ClinicalRuleException("Keep this to 1,000 characters or fewer", nameof(ReEngagementAttempt.Outcome));
        var attempt = new ReEngagementAttempt(at, m, what, by, byName);
        ReEngagement = [.. ReEngagement, attempt];
        return attempt;
    }

    /// <summary>The person's rating of the session. Given once, by them or written down for them; a second is refused.</summary>
    public void RateAlliance(AllianceRating rating)
    {
        if (!IsAttended)
            throw new ClinicalRuleException("Only a session that took place can be rated");
        if (Alliance is not null)
            throw new ClinicalRuleException("This session has already been rated");
        Alliance = rating;
    }
}
