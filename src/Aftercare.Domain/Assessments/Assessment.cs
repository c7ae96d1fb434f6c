using Aftercare.Domain.Common;
using Aftercare.Domain.Presentations;

namespace Aftercare.Domain.Assessments;

public enum AssessmentStatus
{
    Draft = 1,
    SignedOff = 2,
}

/// <summary>
/// The psychosocial assessment for one presentation, in sections that follow NICE NG225. A draft
/// can be saved at any time; once signed off it cannot change, and a correction is an addendum
/// with who and when. The safety formulation is written, never scored: there is deliberately no
/// risk score, risk scale or low/medium/high rating anywhere here. The sign-off time starts the
/// 48-hour follow-up clock, so it is kept exactly as given.
/// </summary>
public sealed class Assessment
{
    public const int MaxAddendumLength = 8000;

    public AssessmentId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public PresentationId PresentationId { get; private set; }
    public StaffId StartedBy { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public AssessmentSections Sections { get; private set; } = AssessmentSections.Empty;
    public StaffId LastSavedBy { get; private set; }
    public DateTimeOffset LastSavedAt { get; private set; }
    public AssessmentStatus Status { get; private set; }
    public StaffId? SignedOffBy { get; private set; }
    public DateTimeOffset? SignedOffAt { get; private set; }
    public List<AssessmentAddendum> Addenda { get; private set; } = [];

    private Assessment() { }

    public bool IsSignedOff => Status == AssessmentStatus.SignedOff;

    public static Assessment Start(PersonId person, Presentation presentation, StaffId by, DateTimeOffset now)
    {
        if (presentation.PersonId != person)
            throw new ClinicalRuleException("This presentation belongs to someone else's record. Start the assessment from the right person's record");
        return new Assessment
        {
            Id = AssessmentId.New(),
            PersonId = person,
            PresentationId = presentation.Id,
            StartedBy = by,
            StartedAt = now,
            Sections = AssessmentSections.Empty,
            LastSavedBy = by,
            LastSavedAt = now,
            Status = AssessmentStatus.Draft,
        };
    }

    /// <summary>Keeps the sections as typed (only trimmed; blank ones become empty). Allowed until sign-off.</summary>
    public void SaveDraft(AssessmentSections sections, StaffId by, DateTimeOffset now)
    {
        if (IsSignedOff)
            throw new ClinicalRuleException("This assessment has been signed off and cannot be changed. Add an addendum to correct it or add to it");
        Sections = sections.Cleaned();
        LastSavedBy = by;
        LastSavedAt = now;
    }

    /// <summary>Signs off the assessment as it was last saved. It needs what happened and a written safety formulation.</summary>
    public void SignOff(StaffId by, DateTimeOffset now)
    {
        if (IsSignedOff)
            throw new ClinicalRuleException("This assessment has already been signed off");
        if (Sections.WhatHappenedAndIntent is null)
            throw new ClinicalRuleException("Write what happened and what the person intended before signing off", nameof(AssessmentSections.WhatHappenedAndIntent));
        if (Sections.SafetyFormulation is null)
            throw new ClinicalRuleException("Write the safety formulation before signing off", nameof(AssessmentSections.SafetyFormulation));
        Status = AssessmentStatus.SignedOff;
        SignedOffBy = by;
        SignedOffAt = now;
    }

    /// <summary>A correction or addition to a signed-off assessment, kept with who wrote it and when.</summary>
    public AssessmentAddendum AddAddendum(string? text, StaffId by, string byName, DateTimeOffset now)
    {
        if (!IsSignedOff)
            throw new ClinicalRuleException("This assessment is still a draft: change it directly. Addenda are for assessments that have been signed off");
        var written = Text.Required(text, "Enter the addendum", AddendumField);
        if (written.Length > MaxAddendumLength)
            throw new ClinicalRuleException("Keep the addendum to 8,000 characters or fewer. Add a second addendum for the rest", AddendumField);
        var addendum = new AssessmentAddendum(written, by, Text.Required(byName, "The name of the person adding the addendum is missing", AddendumField), now);
        Addenda.Add(addendum);
        return addendum;
    }

    /// <summary>The form field an addendum is typed into.</summary>
    public const string AddendumField = "Addendum";
}

/// <summary>A correction or addition to a signed-off assessment. Never changed or removed once added.</summary>
public sealed class AssessmentAddendum
{
    public Guid Id { get; private set; }
    public string Text { get; private set; } = "";
    public StaffId AddedBy { get; private set; }
    public string AddedByName { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }

    private AssessmentAddendum() { }

    internal AssessmentAddendum(string text, StaffId addedBy, string addedByName, DateTimeOffset addedAt)
    {
        Id = Guid.CreateVersion7();
        Text = text;
        AddedBy = addedBy;
        AddedByName = addedByName;
        AddedAt = addedAt;
    }
}
