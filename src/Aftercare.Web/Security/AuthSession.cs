namespace Aftercare.Web.Security;

/// <summary>
/// A signed-in session, held on the server (see <see cref="ServerSessions"/>). Ending the row ends
/// the session at once: on sign-out, on deactivation, on timeout.
/// </summary>
public sealed class AuthSession
{
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedReason { get; set; }
}
