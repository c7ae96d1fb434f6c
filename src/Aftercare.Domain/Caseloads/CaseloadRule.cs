using Aftercare.Domain.Common;

namespace Aftercare.Domain.Caseloads;

/// <summary>What allocating one more person to a practitioner means against the team's limit.</summary>
public sealed record AllocationCheck(int ActiveNow, int? Limit)
{
    /// <summary>Taking one more person would put the practitioner above the limit.</summary>
    public bool IsAboveLimit => Limit is { } limit && ActiveNow + 1 > limit;

    public string Warning => Limit is { } limit
        ? $"This practitioner already has {ActiveNow} active {(ActiveNow == 1 ? "person" : "people")} against a limit of {limit}. Give the reason for allocating above it"
        : "";
}

/// <summary>
/// Caseloads keep the intervention deliverable: a team sets how many active people each
/// practitioner holds. Going above the limit is allowed, because a person must never wait for
/// someone's caseload to clear, but it needs a reason, which is recorded.
/// </summary>
public static class CaseloadRule
{
    public const int MaxLimit = 200;

    public static int? ValidLimit(int? limit) => limit switch
    {
        null => null,
        < 1 or > MaxLimit => throw new ClinicalRuleException($"Enter a limit from 1 to {MaxLimit}, or leave it blank for no limit", "Limit"),
        _ => limit,
    };

    /// <summary>Refuses an allocation above the limit without a reason; answers the reason to record.</summary>
    public static string? ReasonToRecord(AllocationCheck check, string? reason, string field = "AllocationReason")
    {
        var text = Text.Clean(reason);
        if (check.IsAboveLimit && text is null) throw new ClinicalRuleException(check.Warning, field);
        return text;
    }

    /// <summary>How full a caseload is, for the supervisor's view.</summary>
    public static CaseloadState StateOf(int active, int? limit) =>
        limit is not { } l ? CaseloadState.NoLimit
        : active > l ? CaseloadState.AboveLimit
        : active == l ? CaseloadState.AtLimit
        : CaseloadState.BelowLimit;
}

public enum CaseloadState
{
    NoLimit = 0,
    BelowLimit = 1,
    AtLimit = 2,
    AboveLimit = 3,
}
