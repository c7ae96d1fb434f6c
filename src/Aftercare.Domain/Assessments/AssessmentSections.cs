using Aftercare.Domain.Common;

namespace Aftercare.Domain.Assessments;

/// <summary>
/// The sections of a psychosocial assessment, in the order NICE NG225 sets out. Each is written
/// in words; none is a score. Blank sections are null.
/// </summary>
public sealed record AssessmentSections
{
    public const int MaxSectionLength = 20000;

    public static readonly AssessmentSections Empty = new();

    public string? WhatHappenedAndIntent { get; init; }
    public string? PastSelfHarm { get; init; }
    public string? MentalAndPhysicalHealth { get; init; }
    public string? AlcoholAndDrugs { get; init; }
    public string? SocialSituationAndRelationships { get; init; }
    public string? Safeguarding { get; init; }
    public string? StrengthsAndCoping { get; init; }
    public string? Needs { get; init; }
    public string? SafetyFormulation { get; init; }

    /// <summary>Every section, in the order a page shows them.</summary>
    public static readonly IReadOnlyList<AssessmentSectionInfo> InOrder =
    [
        new(nameof(WhatHappenedAndIntent), "What happened and what the person intended",
            "In the person's words: what they did, what led up to it, and what they wanted to happen."),
        new(nameof(PastSelfHarm), "Past self-harm",
            "Earlier times they have harmed themselves, what happened afterwards and any help they had."),
        new(nameof(MentalAndPhysicalHealth), "Mental and physical health",
            "Current and past mental health, physical illness, medication and treatment."),
        new(nameof(AlcoholAndDrugs), "Alcohol and drugs",
            "Use of alcohol and drugs, recently and at the time, and how it affects them."),
        new(nameof(SocialSituationAndRelationships), "Social situation and relationships",
            "Home, money, work or study, and the people around them: who helps and who adds strain."),
        new(nameof(Safeguarding), "Safeguarding, including children and dependants",
            "Any abuse, neglect or exploitation, and any children or adults who depend on them."),
        new(nameof(StrengthsAndCoping), "Strengths, coping and what has helped before",
            "What the person is good at, how they get through hard times, and what has helped in the past."),
        new(nameof(Needs), "Needs",
            "What the person needs now, as they see it and as you see it."),
        new(nameof(SafetyFormulation), "Safety formulation",
            "A written understanding of what makes this person less safe and what keeps them safe, and what follows for their care. Written, never scored."),
    ];

    /// <summary>The text of a section by its name (as in <see cref="InOrder"/>).</summary>
    public string? Get(string name) => name switch
    {
        nameof(WhatHappenedAndIntent) => WhatHappenedAndIntent,
        nameof(PastSelfHarm) => PastSelfHarm,
        nameof(MentalAndPhysicalHealth) => MentalAndPhysicalHealth,
        nameof(AlcoholAndDrugs) => AlcoholAndDrugs,
        nameof(SocialSituationAndRelationships) => SocialSituationAndRelationships,
        nameof(Safeguarding) => Safeguarding,
        nameof(StrengthsAndCoping) => StrengthsAndCoping,
        nameof(Needs) => Needs,
        nameof(SafetyFormulation) => SafetyFormulation,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "There is no assessment section with that name."),
    };

    /// <summary>A copy with one section's text replaced, by its name (as in <see cref="InOrder"/>).</summary>
    public AssessmentSections With(string name, string? text) => name switch
    {
        nameof(WhatHappenedAndIntent) => this with { WhatHappenedAndIntent = text },
        nameof(PastSelfHarm) => this with { PastSelfHarm = text },
        nameof(MentalAndPhysicalHealth) => this with { MentalAndPhysicalHealth = text },
        nameof(AlcoholAndDrugs) => this with { AlcoholAndDrugs = text },
        nameof(SocialSituationAndRelationships) => this with { SocialSituationAndRelationships = text },
        nameof(Safeguarding) => this with { Safeguarding = text },
        nameof(StrengthsAndCoping) => this with { StrengthsAndCoping = text },
        nameof(Needs) => this with { Needs = text },
        nameof(SafetyFormulation) => this with { SafetyFormulation = text },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "There is no assessment section with that name."),
    };

    /// <summary>
    /// Every section trimmed and blank ones made null; the words inside are kept exactly as typed.
    /// A section longer than <see cref="MaxSectionLength"/> is refused, naming the section.
    /// </summary>
    public AssessmentSections Cleaned()
    {
        var cleaned = Empty;
        foreach (var section in InOrder)
        {
            var text = Text.Clean(Get(section.Name));
            if (text is { Length: > MaxSectionLength })
                throw new ClinicalRuleException($"Keep \"{section.Heading}\" to 20,000 characters or fewer", section.Name);
            cleaned = cleaned.With(section.Name, text);
        }
        return cleaned;
    }
}

/// <summary>How a page shows one assessment section: its name (the property), heading and a one-line hint.</summary>
public sealed record AssessmentSectionInfo(string Name, string Heading, string Hint);
