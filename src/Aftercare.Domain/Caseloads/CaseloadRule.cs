using Aftercare.Domain.Common;

namespace Aftercare.Domain.Caseloads;

/// <summary>
/// What allocating more people to a practitioner means against the team's limit: one person at a
/// sign-off or a single handover, a whole caseload when a practitioner leaves.
/// </summary>
public sealed record AllocationCheck(int ActiveNow, int? Limit, int Adding = 1)
{
    /// <summary>Taking these people would put the practitioner above the limit.</summary>
    public bool IsAboveLimit => Limit is { } limit && ActiveNow + Adding > limit;

    public int ActiveAfter => ActiveNow + Adding;

    public string Warning => Limit is { } limit
        ? Adding == 1
            ? $"This practitioner already has {People(ActiveNow)} against a limit of {limit}. Give the reason for allocating above it"
            : $"This practitioner already has {People(ActiveNow)}; taking {Adding} more would make {ActiveAfter} against a limit of {limit}. Give the reason for allocating above it"
        : "";

    /// <summary>What a handover above the limit must confirm, with the numbers.</summary>
    public string ConfirmationNeeded => Limit is { } limit
        ? $"This takes them to {ActiveAfter} active people against a limit of {limit}. Confirm that you are handing over above the limit, and say why in the reason"
        : "";

    /// <summary>What the audit and the practitioner history keep about a handover above the limit.</summary>
    public string AboveLimitNote => Limit is { } limit ? $"above the caseload limit ({ActiveAfter} against {limit})" : "";

    private static string People(int n) => $"{n} active {(n == 1 ? "person" : "people")}";
}

/// <summary>
/// Caseloads keep the intervention deliverable: a team sets how many active people each
/// practitioner holds. Going above the limit is allowed, because a person must never wait for
/// someone's caseload to clear, but it needs a reason, which is recorded.
/// </summary>
public static class CaseloadRule
{
    public const int MaxLimit = 200;
    /// <summary>Leaves room for the above-limit note within a pathway's 1,000-character reason.</summary>
    public const int MaxHandoverReasonLength = 900;

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

    /// <summary>
    /// A handover always has a reason; one that takes the receiving practitioner above the limit
    /// must also be confirmed, so nobody goes above it by not noticing. Answers the reason to
    /// record, which says it was above the limit.
    /// </summary>
    public static string HandoverReason(AllocationCheck check, string? reason, bool confirmedAboveLimit, string reasonField = "Reason", string confirmField = "ConfirmAboveLimit")
    {
        var text = Text.Clean(reason);
        if (check.IsAboveLimit && !confirmedAboveLimit) throw new ClinicalRuleException(check.ConfirmationNeeded, confirmField);
        if (text is null) throw new ClinicalRuleException(check.IsAboveLimit ? "Give the reason for handing over above the limit" : "Give the reason for the handover", reasonField);
        if (text.Length > MaxHandoverReasonLength) throw new ClinicalRuleException($"Keep the reason to {MaxHandoverReasonLength} characters or fewer", reasonField);
        return check.IsAboveLimit ? $"{text}; {check.AboveLimitNote}" : text;
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
