using Aftercare.Domain.Common;

namespace Aftercare.Domain.SafetyPlans;

public enum AuthorKind
{
    Staff = 1,
    Patient = 2,
}

/// <summary>Who saved a change: a member of staff (by staff id) or the patient (by person id), with their name at the time.</summary>
public sealed record Author(Guid Id, string Name, AuthorKind Kind)
{
    public static Author ForStaff(StaffId staff, string name) => new(staff.Value, name, AuthorKind.Staff);
    public static Author ForPatient(PersonId person, string name) => new(person.Value, name, AuthorKind.Patient);
}

/// <summary>
/// The person's enhanced safety plan, written together and in their words. Every change is a new
/// <see cref="SafetyPlanVersion"/> with who and when; nothing is deleted, and going back to an
/// earlier wording is a new version with the old content. The practitioner and the patient may
/// edit at the same time: a save says which version it was based on, and a save based on an older
/// version is refused with a <see cref="SafetyPlanConflictException"/> so that the second writer
/// sees what changed and merges (<see cref="SafetyPlanMerge"/>) rather than overwriting.
/// </summary>
public sealed class SafetyPlan
{
    public SafetyPlanId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public int CurrentVersion { get; private set; }
    public SafetyPlanContent CurrentContent { get; private set; } = SafetyPlanContent.Empty;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public Author UpdatedBy { get; private set; } = null!;

    private SafetyPlan() { }

    public static (SafetyPlan Plan, SafetyPlanVersion Version) Create(PersonId person, SafetyPlanContent content, Author author, DateTimeOffset now)
    {
        var plan = new SafetyPlan { Id = SafetyPlanId.New(), PersonId = person, CreatedAt = now };
        var clean = content.Validated();
        plan.CheckAuthor(author);
        return (plan, plan.Keep(1, clean, author, now));
    }

    /// <summary>
    /// Saves a new version, if anything changed. <paramref name="basedOnVersion"/> is the version the
    /// writer started from; if someone has saved since, nothing is saved and a
    /// <see cref="SafetyPlanConflictException"/> carries the current version to merge with. Content
    /// the same as the current version saves nothing and returns null: there are no empty versions.
    /// </summary>
    public SafetyPlanVersion? Revise(int basedOnVersion, SafetyPlanContent content, Author by, DateTimeOffset now)
    {
        CheckAuthor(by);
        if (basedOnVersion != CurrentVersion)
            throw new SafetyPlanConflictException(CurrentVersion, CurrentContent, UpdatedBy, UpdatedAt);
        var clean = content.Validated();
        if (clean.Equals(CurrentContent)) return null;
        return Keep(CurrentVersion + 1, clean, by, now);
    }

    /// <summary>Going back to an earlier version: a new version with that version's content.</summary>
    public SafetyPlanVersion? RevertTo(SafetyPlanVersion earlier, int basedOnVersion, Author by, DateTimeOffset now)
    {
        if (earlier.SafetyPlanId != Id)
            throw new ClinicalRuleException("That version belongs to a different safety plan");
        return Revise(basedOnVersion, earlier.Content, by, now);
    }

    private void CheckAuthor(Author author)
    {
        if (string.IsNullOrWhiteSpace(author.Name))
            throw new ArgumentException("An author needs a name to show in the history.", nameof(author));
        if (author.Kind == AuthorKind.Patient && author.Id != PersonId.Value)
            throw new ClinicalRuleException("Only the person whose plan this is can change it from their own account");
    }

    private SafetyPlanVersion Keep(int number, SafetyPlanContent content, Author by, DateTimeOffset now)
    {
        CurrentVersion = number;
        CurrentContent = content;
        UpdatedAt = now;
        UpdatedBy = by;
        return new SafetyPlanVersion(Id, number, content, by, now);
    }
}

/// <summary>One saved version of a safety plan. Never changed or deleted.</summary>
public sealed class SafetyPlanVersion
{
    public Guid Id { get; private set; }
    public SafetyPlanId SafetyPlanId { get; private set; }
    public int Number { get; private set; }
    public SafetyPlanContent Content { get; private set; } = SafetyPlanContent.Empty;
    public Author SavedBy { get; private set; } = null!;
    public DateTimeOffset SavedAt { get; private set; }

    private SafetyPlanVersion() { }

    internal SafetyPlanVersion(SafetyPlanId plan, int number, SafetyPlanContent content, Author savedBy, DateTimeOffset savedAt)
    {
        Id = Guid.CreateVersion7();
        SafetyPlanId = plan;
        Number = number;
        Content = content;
        SavedBy = savedBy;
        SavedAt = savedAt;
    }
}

/// <summary>
/// Someone saved the plan after the writer started editing. Nothing was saved: the page shows what
/// changed in <see cref="CurrentContent"/> and merges it with the writer's changes.
/// </summary>
public sealed class SafetyPlanConflictException(int currentVersion, SafetyPlanContent currentContent, Author savedBy, DateTimeOffset savedAt)
    : Exception($"{savedBy.Name} saved this plan while you were editing it. Look at what changed, then save again.")
{
    public int CurrentVersion { get; } = currentVersion;
    public SafetyPlanContent CurrentContent { get; } = currentContent;
    public Author SavedBy { get; } = savedBy;
    public DateTimeOffset SavedAt { get; } = savedAt;
}
