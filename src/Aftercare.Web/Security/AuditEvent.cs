namespace Aftercare.Web.Security;

/// <summary>
/// One read or change of a record. Append-only: the database refuses UPDATE, DELETE and TRUNCATE
/// on this table (see the migration), so a record of who looked cannot be rewritten.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; private set; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? ActorId { get; init; }
    public string ActorName { get; init; } = "";
    public string? ActorRole { get; init; }
    public Guid? ActorTeamId { get; init; }
    public string Action { get; init; } = "";
    public string EntityType { get; init; } = "";
    public string? EntityId { get; init; }
    /// <summary>The person whose record this touches, so "who has looked at this record" is one index lookup.</summary>
    public Guid? PersonId { get; init; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
    /// <summary>Why, where a reason is required: break-glass access.</summary>
    public string? Reason { get; init; }
}

public static class AuditActions
{
    public const string View = "view";
    public const string Create = "create";
    public const string Update = "update";
    public const string Search = "search";
    public const string BreakGlass = "break-glass";
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string Deactivate = "deactivate";
    public const string Invite = "invite";
    /// <summary>A planned contact's due time passed while it was open: recorded once by the timer.</summary>
    public const string Overdue = "overdue";
    public const string HandOver = "hand-over";
    /// <summary>A duty alert nobody took on in time went to the supervisor: recorded once by the timer.</summary>
    public const string Escalate = "escalate";
    /// <summary>Someone took a duty alert on ("I'm taking this on").</summary>
    public const string Acknowledge = "acknowledge";
    /// <summary>A directory service taken out of searches; it is kept, because referrals point at it.</summary>
    public const string Retire = "retire";
    public const string Reinstate = "reinstate";
    /// <summary>A published directory file loaded into the service directory.</summary>
    public const string Import = "import";
    public const string Export = "export";
}
