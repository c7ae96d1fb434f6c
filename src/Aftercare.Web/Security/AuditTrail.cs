using Aftercare.Web.Data;
using Npgsql;

namespace Aftercare.Web.Security;

/// <summary>
/// Writes audit events. <see cref="Add"/> puts the event in the same unit of work as the change it
/// describes, so a change is never saved without its audit row; <see cref="WriteReadAsync"/> saves a
/// read at once.
/// </summary>
public sealed class AuditTrail(AftercareDb db, NpgsqlDataSource dataSource, IHttpContextAccessor http, TimeProvider clock)
{
    public void Add(string action, string entityType, string? entityId, Guid? personId = null, string? reason = null, CurrentStaff? actor = null, string? actorName = null) =>
        db.AuditEvents.Add(Event(action, entityType, entityId, personId, reason, actor, actorName));

    /// <summary>
    /// Records a read at once, in a statement of its own: the hot path of every record page, so it
    /// skips the unit of work (nothing else is being saved with a read).
    /// </summary>
    /// <param name="on">The request the read is part of, where it is not the current one: a live page's connection.</param>
    public async Task WriteReadAsync(string entityType, string? entityId, Guid? personId, string? reason, CancellationToken ct, HttpContext? on = null)
    {
        await using var cmd = dataSource.CreateCommand(InsertRead);
        Fill(cmd.Parameters, Event(AuditActions.View, entityType, entityId, personId, reason, null, null, on));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A read as a statement for the page to send in the same batch (one round trip) as the read
    /// it records. <paramref name="onlyIf"/>, an SQL condition, writes it only when what was asked
    /// for is there: in it, $8 is the entity's id (text) and $9 the person's id.
    /// </summary>
    public NpgsqlBatchCommand ReadStatement(string entityType, string? entityId, Guid? personId, string? reason, string onlyIf)
    {
        var statement = new NpgsqlBatchCommand(
            $"""
            INSERT INTO audit_events ({Columns})
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 WHERE {onlyIf}
            """);
        Fill(statement.Parameters, Event(AuditActions.View, entityType, entityId, personId, reason, null, null));
        return statement;
    }

    /// <summary>
    /// Records several reads at once, in one statement: what one answer showed (a FHIR bundle of a
    /// person's record), one row for each record shown, each with its own person and reason.
    /// </summary>
    public async Task WriteReadsAsync(IReadOnlyList<AuditedRead> reads, CancellationToken ct)
    {
        if (reads.Count == 0) return;
        var e = Event(AuditActions.View, "", null, null, null, null, null);
        await using var cmd = dataSource.CreateCommand(
            """
            INSERT INTO audit_events (occurred_at, actor_id, actor_name, actor_role, actor_team_id, action, entity_type, entity_id, person_id, ip_address, user_agent, reason)
            SELECT $1, $2, $3, $4, $5, r.action, r.entity_type, r.entity_id, r.person_id, $6, $7, r.reason
            FROM unnest($8::varchar[], $9::varchar[], $10::varchar[], $11::uuid[], $12::text[]) AS r(action, entity_type, entity_id, person_id, reason)
            """);
        cmd.Parameters.Add(new() { Value = e.OccurredAt });
        cmd.Parameters.Add(new() { Value = (object?)e.ActorId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = e.ActorName });
        cmd.Parameters.Add(new() { Value = (object?)e.ActorRole ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        cmd.Parameters.Add(new() { Value = (object?)e.ActorTeamId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = (object?)e.IpAddress ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        cmd.Parameters.Add(new() { Value = (object?)e.UserAgent ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        cmd.Parameters.Add(new() { Value = reads.Select(r => r.Action).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Varchar });
        cmd.Parameters.Add(new() { Value = reads.Select(r => r.EntityType).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Varchar });
        cmd.Parameters.Add(new() { Value = reads.Select(r => r.EntityId).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Varchar });
        cmd.Parameters.Add(new() { Value = reads.Select(r => r.PersonId).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = reads.Select(r => r.Reason).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private const string Columns = "occurred_at, actor_id, actor_name, actor_role, actor_team_id, action, entity_type, entity_id, person_id, ip_address, user_agent, reason";

    private const string InsertRead = $"INSERT INTO audit_events ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private static void Fill(NpgsqlParameterCollection parameters, AuditEvent e)
    {
        parameters.Add(new() { Value = e.OccurredAt });
        parameters.Add(new() { Value = (object?)e.ActorId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        parameters.Add(new() { Value = e.ActorName });
        parameters.Add(new() { Value = (object?)e.ActorRole ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        parameters.Add(new() { Value = (object?)e.ActorTeamId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        parameters.Add(new() { Value = e.Action });
        parameters.Add(new() { Value = e.EntityType });
        parameters.Add(new() { Value = (object?)e.EntityId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        parameters.Add(new() { Value = (object?)e.PersonId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        parameters.Add(new() { Value = (object?)e.IpAddress ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        parameters.Add(new() { Value = (object?)e.UserAgent ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        parameters.Add(new() { Value = (object?)e.Reason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    }

    private AuditEvent Event(string action, string entityType, string? entityId, Guid? personId, string? reason, CurrentStaff? actor, string? actorName, HttpContext? on = null)
    {
        var context = on ?? http.HttpContext;
        actor ??= context is null ? null : CurrentStaff.From(context.User);
        // A patient reading or changing their own plan is audited as themselves.
        var patient = actor is null && context is not null ? CurrentPatient.From(context.User) : null;
        // So is someone of a receiving service, with their service's role.
        var service = actor is null && patient is null && context is not null ? CurrentServiceUser.From(context.User) : null;
        return new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(),
            ActorId = actor?.Id.Value ?? patient?.AccountId ?? service?.AccountId,
            ActorName = actor?.Name ?? patient?.Name ?? service?.Name ?? actorName ?? "anonymous",
            ActorRole = actor?.Role.ToString() ?? (patient is not null ? AftercareClaims.PatientRole : service is not null ? AftercareClaims.ServiceRole : null),
            ActorTeamId = actor?.TeamId?.Value,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            PersonId = personId,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(context?.Request.Headers.UserAgent.ToString(), 300),
            Reason = reason,
        };
    }

    private static string? Truncate(string? s, int max) => string.IsNullOrEmpty(s) ? null : s.Length <= max ? s : s[..max];
}

/// <summary>One read for <see cref="AuditTrail.WriteReadsAsync"/>: what was shown, whose, and why where a reason is required.</summary>
public sealed record AuditedRead(string Action, string EntityType, string? EntityId, Guid? PersonId, string? Reason);
