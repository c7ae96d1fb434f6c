using System.Threading.Channels;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Messages;
using Microsoft.AspNetCore.SignalR;
using Npgsql;
using NpgsqlTypes;

namespace Aftercare.Web.Live;

/// <summary>
/// Each node's ear on the database (docs/decisions/0011): a connection of its own that LISTENs on
/// <see cref="LiveNotices.Channel"/>. For each notice it reads the message once, pushes it to the
/// live pages on this node that joined that person's conversation, and sends the staff here who
/// answer that person their header's new count. A lost connection is logged and made again, with
/// a growing pause; when it is back, every page here is asked to fetch what it may have missed
/// ("resync"), because the database, not the notice, is the truth.
/// </summary>
public sealed class LiveListener(
    AftercareSettings settings, NpgsqlDataSource dataSource, IHubContext<LiveHub> hub, LiveConnections connections,
    TimeProvider clock, ILogger<LiveListener> log) : BackgroundService
{
    private readonly Channel<string> _notices = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>True while the node is listening: for tests that must not send before it is.</summary>
    public bool IsListening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var pushing = Task.Run(() => Push(stop), stop);
        var pause = TimeSpan.FromSeconds(1);
        var listenedBefore = false;
        // Its own connection, outside the pool: a pooled connection would be handed back still listening.
        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 10,
            ApplicationName = "aftercare-live-listener",
        }.ConnectionString;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(connectionString);
                conn.Notification += (_, e) => _notices.Writer.TryWrite(e.Payload);
                await conn.OpenAsync(stop);
                await using (var listen = new NpgsqlCommand($"LISTEN {LiveNotices.Channel}", conn)) await listen.ExecuteNonQueryAsync(stop);
                IsListening = true;
                pause = TimeSpan.FromSeconds(1);
                if (listenedBefore)
                {
                    log.LogInformation("Listening for live updates again; asking this node's {Pages} live pages to fetch what they missed", connections.Count);
                    await hub.Clients.All.SendAsync("resync", stop);
                }
                else log.LogInformation("Listening for live updates");
                listenedBefore = true;
                while (!stop.IsCancellationRequested) await conn.WaitAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                IsListening = false;
                log.LogWarning(e, "The database connection for live updates was lost; trying again in {Pause}", pause);
                try { await Task.Delay(pause, clock, stop); }
                catch (OperationCanceledException) { break; }
                pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
            }
        }
        IsListening = false;
        _notices.Writer.TryComplete();
        try { await pushing; }
        catch (OperationCanceledException) { }
    }

    private async Task Push(CancellationToken stop)
    {
        await foreach (var payload in _notices.Reader.ReadAllAsync(stop))
        {
            try
            {
                switch (LiveNotices.Read(payload))
                {
                    case { Kind: "message" } notice: await PushMessage(notice, stop); break;
                    case { Kind: "alert" } notice: await PushAlert(notice, stop); break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A page that misses this push fetches it when it next asks (reconnect or resync).
                log.LogError(e, "Could not push live update {Payload}", payload);
            }
        }
    }

    /// <summary>
    /// A duty alert raised or escalated: read once, then sent to each of its recipients' live pages
    /// on this node, whatever page they have open (decision 0013). Raised, it goes to the
    /// practitioner on duty, or, when nobody was, to every clinician of the team (the supervisor
    /// among them); escalated, to the team's supervisors. Nobody outside the team is ever sent one.
    /// </summary>
    private async Task PushAlert(LiveNotices.Notice notice, CancellationToken stop)
    {
        await using var batch = dataSource.CreateBatch();
        var alert = new NpgsqlBatchCommand(
            """
            SELECT a.id, a.person_id, a.team_id, m.sequence, a.raised_at, a.reasons::text
            FROM duty_alerts a JOIN messages m ON m.id = a.message_id
            WHERE a.id = $1
            """);
        alert.Parameters.Add(new() { Value = notice.Alert });
        batch.BatchCommands.Add(alert);
        var recipients = new NpgsqlBatchCommand(
            $"""
            SELECT u.id FROM duty_alerts a JOIN user_accounts u ON u.team_id = a.team_id AND u.is_active
            WHERE a.id = $1 AND CASE WHEN $2 THEN u.role = {(int)StaffRole.Supervisor}
                                     WHEN a.duty_practitioner_id IS NULL THEN u.role IN ({(int)StaffRole.Practitioner}, {(int)StaffRole.Supervisor})
                                     ELSE u.id = a.duty_practitioner_id END
            UNION
            SELECT a.duty_practitioner_id FROM duty_alerts a WHERE a.id = $1 AND NOT $2 AND a.duty_practitioner_id IS NOT NULL
            """);
        recipients.Parameters.Add(new() { Value = notice.Alert });
        recipients.Parameters.Add(new() { Value = notice.Escalated });
        batch.BatchCommands.Add(recipients);
        await using var reader = await batch.ExecuteReaderAsync(stop);
        if (!await reader.ReadAsync(stop)) return;
        var reasons = System.Text.Json.JsonSerializer.Deserialize<List<DutyAlertReason>>(reader.GetString(5)) ?? [];
        var pushed = new LiveAlert(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3),
            reader.GetFieldValue<DateTimeOffset>(4), [.. reasons.Select(r => r.RuleName)], notice.Escalated, LiveAlert.UrlOf(reader.GetGuid(0)));
        await reader.NextResultAsync(stop);
        var to = new List<string>();
        while (await reader.ReadAsync(stop)) to.Add(reader.GetGuid(0).ToString());
        if (to.Count > 0) await hub.Clients.Users(to).SendAsync("alert", pushed, stop);
    }

    private async Task PushMessage(LiveNotices.Notice notice, CancellationToken stop)
    {
        var present = connections.UsersPresent();
        await using var batch = dataSource.CreateBatch();
        var message = new NpgsqlBatchCommand(
            """
            SELECT c.person_id, m.sequence, m.sender_kind, m.sender_name, m.body, m.sent_at, m.sent_out_of_hours
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.conversation_id = $1 AND m.sequence = $2
            """);
        message.Parameters.Add(new() { Value = notice.Conversation });
        message.Parameters.Add(new() { Value = notice.Sequence });
        batch.BatchCommands.Add(message);
        if (present.Length > 0)
        {
            // The header's count for the staff on this node who answer this person.
            var counts = new NpgsqlBatchCommand(
                $"""
                WITH p AS (SELECT person_id FROM conversations WHERE id = $1),
                responders AS (
                    SELECT a.named_practitioner_id AS id FROM pathways a WHERE a.person_id = (SELECT person_id FROM p) AND a.status = 1
                    UNION
                    SELECT v.covering_practitioner_id FROM pathways a JOIN pathway_covers v ON v.pathway_id = a.id
                    WHERE a.person_id = (SELECT person_id FROM p) AND a.status = 1 AND v.ended_at IS NULL AND v.starts_at <= $2 AND v.ends_at > $2
                )
                SELECT s.id, {MessageCounts.Unread("s.id", "$2")} FROM responders s WHERE s.id = ANY($3)
                """);
            counts.Parameters.Add(new() { Value = notice.Conversation });
            counts.Parameters.Add(new() { Value = clock.GetUtcNow() });
            counts.Parameters.Add(new() { Value = present, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            batch.BatchCommands.Add(counts);
        }
        await using var reader = await batch.ExecuteReaderAsync(stop);
        if (!await reader.ReadAsync(stop)) return;
        var person = reader.GetGuid(0);
        var view = new MessageView(reader.GetInt32(1), (SenderKind)reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6));
        var pokes = new List<(Guid Staff, int Count)>();
        if (present.Length > 0)
        {
            await reader.NextResultAsync(stop);
            while (await reader.ReadAsync(stop)) pokes.Add((reader.GetGuid(0), (int)reader.GetInt64(1)));
        }
        await hub.Clients.Group(LiveHub.GroupOf(person)).SendAsync("message", LiveMessage.From(person, view), stop);
        foreach (var (staff, count) in pokes)
            await hub.Clients.User(staff.ToString()).SendAsync("counts", new LiveCounts(count), stop);
    }
}
