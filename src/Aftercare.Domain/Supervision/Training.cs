using Aftercare.Domain.Common;

namespace Aftercare.Domain.Supervision;

/// <summary>
/// A training module of the deployment (M14): the ASSURED intervention manual, safety planning,
/// and so on, with how often it must be refreshed (or never). A retired module is kept, because
/// completions point at it, but stops counting: nobody is due or overdue for it.
/// </summary>
public sealed class TrainingModule
{
    public const int MaxCodeLength = 40;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxRefreshMonths = 120;

    public TrainingModuleId Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>Months after a completion until it must be done again; none when once is enough.</summary>
    public int? RefreshMonths { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    private TrainingModule() { }

    public static TrainingModule Create(string? code, string? name, string? description, int? refreshMonths, DateTimeOffset now)
    {
        var c = Text.Required(code, "Enter a short code for the module", nameof(Code)).ToLowerInvariant();
        if (c.Length > MaxCodeLength || !c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
            throw new ClinicalRuleException($"The code is letters, numbers and hyphens, {MaxCodeLength} at most", nameof(Code));
        var n = Text.Required(name, "Enter the module's name", nameof(Name));
        if (n.Length > MaxNameLength) throw new ClinicalRuleException($"Keep the name to {MaxNameLength} characters or fewer", nameof(Name));
        var d = Text.Clean(description);
        if (d is { Length: > MaxDescriptionLength })
            throw new ClinicalRuleException($"Keep the description to {MaxDescriptionLength:N0} characters or fewer", nameof(Description));
        var module = new TrainingModule { Id = TrainingModuleId.New(), Code = c, Name = n, Description = d, CreatedAt = now };
        module.ChangeRefresh(refreshMonths);
        return module;
    }

    public void ChangeRefresh(int? months)
    {
        if (months is { } m && (m < 1 || m > MaxRefreshMonths))
            throw new ClinicalRuleException($"The refresh interval is a number of months from 1 to {MaxRefreshMonths}, or none", nameof(RefreshMonths));
        RefreshMonths = months;
    }

    public void Retire(DateTimeOffset now)
    {
        if (IsRetired) throw new ClinicalRuleException("This module is already retired", nameof(RetiredAt));
        RetiredAt = now;
    }

    public void Reinstate() => RetiredAt = null;
}

/// <summary>
/// One completion of a module by a member of staff, by whoever recorded it (themselves or their
/// supervisor), with optional evidence. Kept as recorded: a mistake is put right by a later record.
/// </summary>
public sealed class TrainingRecord
{
    public const int MaxEvidenceLength = 1000;

    public TrainingRecordId Id { get; private set; }
    public StaffId StaffId { get; private set; }
    public TrainingModuleId TrainingModuleId { get; private set; }
    /// <summary>The UK date it was completed.</summary>
    public DateOnly CompletedOn { get; private set; }
    public StaffId RecordedBy { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public string? Evidence { get; private set; }

    private TrainingRecord() { }

    public static TrainingRecord Record(StaffId staff, TrainingModule module, DateOnly completedOn, StaffId by, string byName, string? evidence, DateTimeOffset now)
    {
        if (module.IsRetired) throw new ClinicalRuleException("This module is retired: choose a current one", "Module");
        if (completedOn > UkTime.DateOf(now)) throw new ClinicalRuleException("The date completed must be today or in the past", nameof(CompletedOn));
        var note = Text.Clean(evidence);
        if (note is { Length: > MaxEvidenceLength })
            throw new ClinicalRuleException($"Keep the evidence note to {MaxEvidenceLength:N0} characters or fewer", nameof(Evidence));
        return new TrainingRecord
        {
            Id = TrainingRecordId.New(),
            StaffId = staff,
            TrainingModuleId = module.Id,
            CompletedOn = completedOn,
            RecordedBy = by,
            RecordedByName = Text.Required(byName, "The recorder's name is missing", nameof(RecordedByName)),
            RecordedAt = now,
            Evidence = note,
        };
    }
}

public enum TrainingState
{
    NotDone = 1,
    /// <summary>Done, and not due again within 30 days (or never due again).</summary>
    Current = 2,
    /// <summary>Due again within 30 days, or today.</summary>
    DueSoon = 3,
    Overdue = 4,
}

/// <summary>Where someone stands on one module: the state, the last completion and when it is next due.</summary>
public sealed record TrainingStatus(TrainingState State, DateOnly? LastCompleted, DateOnly? DueOn)
{
    public const int DueSoonDays = 30;

    /// <summary>
    /// Worked out on UK dates. The refresh counts calendar months and a month without the day
    /// lands on its last day: completed on 31 January with a one-month refresh is due on 28
    /// February (29 in a leap year), never on 3 March. Overdue once the due date has passed.
    /// </summary>
    public static TrainingStatus Of(DateOnly? lastCompleted, int? refreshMonths, DateOnly today)
    {
        if (lastCompleted is not { } done) return new TrainingStatus(TrainingState.NotDone, null, null);
        if (refreshMonths is not { } months) return new TrainingStatus(TrainingState.Current, done, null);
        var due = done.AddMonths(months);
        var state = due < today ? TrainingState.Overdue : due <= today.AddDays(DueSoonDays) ? TrainingState.DueSoon : TrainingState.Current;
        return new TrainingStatus(state, done, due);
    }

    /// <summary>As of an instant: today is the UK date then, so just after midnight in summer time is already the next day.</summary>
    public static TrainingStatus Of(DateOnly? lastCompleted, int? refreshMonths, DateTimeOffset now) =>
        Of(lastCompleted, refreshMonths, UkTime.DateOf(now));

    public string Words => State switch
    {
        TrainingState.NotDone => "Not done",
        TrainingState.Current => "Up to date",
        TrainingState.DueSoon => "Due soon",
        _ => "Overdue",
    };

    /// <summary>Overdue first, then not done, then due soon, then up to date.</summary>
    public int Urgency => State switch
    {
        TrainingState.Overdue => 0,
        TrainingState.NotDone => 1,
        TrainingState.DueSoon => 2,
        _ => 3,
    };
}
