using Aftercare.Web.Data;

namespace Aftercare.Web.Security;

/// <summary>
/// Writes audit events. <see cref="Add"/> puts the event in the same unit of work as the change it
/// describes, so a change is never saved without its audit row; <see cref="WriteAsync"/> saves a
/// read at once.
/// </summary>
public sealed class AuditTrail(AftercareDb db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Add(string action, string entityType, string? entityId, Guid? personId = null, string? reason = null, CurrentStaff? actor = null, string? actorName = null)
    {
        var context = http.HttpContext;
        actor ??= context is null ? null : CurrentStaff.From(context.User);
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(),
            ActorId = actor?.Id.Value,
            ActorName = actor?.Name ?? actorName ?? "anonymous",
            ActorRole = actor?.Role.ToString(),
            ActorTeamId = actor?.TeamId?.Value,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            PersonId = personId,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(context?.Request.Headers.UserAgent.ToString(), 300),
            Reason = reason,
        });
    }

    public async Task WriteAsync(string action, string entityType, string? entityId, Guid? personId = null, string? reason = null, CancellationToken ct = default)
    {
        Add(action, entityType, entityId, personId, reason);
        await db.SaveChangesAsync(ct);
    }

    private static string? Truncate(string? s, int max) => string.IsNullOrEmpty(s) ? null : s.Length <= max ? s : s[..max];
}
