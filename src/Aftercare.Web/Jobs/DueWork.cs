namespace Aftercare.Web.Jobs;

/// <summary>
/// One piece of work that falls due at a time: a planned contact reaching its due time, a letter's
/// window opening. Kept as a row so it survives a restart, and claimed by one node at a time with
/// FOR UPDATE SKIP LOCKED, its effect saved in the same transaction as its firing, so it happens
/// exactly once however many nodes run (ADR 0007).
/// </summary>
public sealed class DueWork
{
    public long Id { get; private set; }
    public string Kind { get; private set; } = "";
    public Guid SubjectId { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FiredAt { get; private set; }
    /// <summary>Which node fired it, for the record and for the exactly-once test.</summary>
    public string? FiredBy { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    private DueWork() { }

    public static DueWork At(string kind, Guid subject, DateTimeOffset dueAt, DateTimeOffset now) =>
        new() { Kind = kind, SubjectId = subject, DueAt = dueAt, CreatedAt = now };

    public void Fired(string node, DateTimeOffset now)
    {
        FiredAt = now;
        FiredBy = node;
        Attempts++;
        LastError = null;
    }

    /// <summary>The work failed: it is tried again later, never lost, and the error is kept for whoever looks.</summary>
    public void Failed(string error, DateTimeOffset retryAt)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        DueAt = retryAt;
    }
}

public static class DueWorkKinds
{
    /// <summary>A planned contact's due time: if it is still open, it is recorded as overdue.</summary>
    public const string ContactDue = "contact-due";
    /// <summary>A letter's window opens: Aftercare drafts it from the plan for the practitioner to review.</summary>
    public const string LetterOpens = "letter-opens";
    /// <summary>A duty alert's time to be taken on has passed: unless someone has, it goes to the supervisor (once).</summary>
    public const string AlertEscalates = "alert-escalates";
    /// <summary>The dashboards' counts for the current and previous month are worked out again; the next is due 10 minutes later.</summary>
    public const string DashboardRefresh = "dashboard-refresh";
    /// <summary>Every month of the dashboards' counts is worked out again; the next is due the following night.</summary>
    public const string DashboardRebuild = "dashboard-rebuild";
}
