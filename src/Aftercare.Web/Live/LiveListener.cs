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

    /// <summary>The most notices read from the database in one round trip.</summary>
    public const int MostNoticesAtOnce = 200;

    /// <summary>
    /// Pushes what the notices announce. Notices that arrive while a push is under way are taken
    /// together, and their messages read in one round trip, so a busy moment costs a node one read
    /// for many messages rather than queueing each behind the last.
    /// </summary>
    private async Task Push(CancellationToken stop)
    {
        var reader = _notices.Reader;
        var messages = new List<LiveNotices.Notice>();
        var alerts = new List<LiveNotices.Notice>();
        while (await reader.WaitToReadAsync(stop))
        {
            messages.Clear();
            alerts.Clear();
            while (messages.Count + alerts.Count < MostNoticesAtOnce && reader.TryRead(out var payload))
            {
                switch (LiveNotices.Read(payload))
                {
                    case { Kind: "message" } notice: messages.Add(notice); break;
                    case { Kind: "alert" } notice: alerts.Add(notice); break;
                }
            }
            try
            {
                if (messages.Count > 0) await PushMessages(messages, stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A page that misses this push fetches it when it next asks (reconnect or resync).
                log.LogError(e, "Could not push {Count} live messages", messages.Count);
            }
            foreach (var notice in alerts)
            {
                try
                {
                    await PushAlert(notice, stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Could not push live alert {Alert}", notice.Alert);
                }
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

    /// <summary>
    /// Messages saved: each read once, in one round trip for all of them, and sent to the live
    /// pages on this node that joined its person's conversation; the staff here who answer any of
    /// those people are sent their header's new count, once each.
    /// </summary>
    private async Task PushMessages(List<LiveNotices.Notice> notices, CancellationToken stop)
    {
        var present = connections.UsersPresent();
        var conversations = notices.Select(n => n.Conversation).ToArray();
        await using var batch = dataSource.CreateBatch();
        var read = new NpgsqlBatchCommand(
            """
            SELECT c.person_id, m.sequence, m.sender_kind, m.sender_name, m.body, m.sent_at, m.sent_out_of_hours
            FROM unnest($1::uuid[], $2::integer[]) AS n(conversation_id, sequence)
            JOIN messages m ON m.conversation_id = n.conversation_id AND m.sequence = n.sequence
            JOIN conversations c ON c.id = m.conversation_id
            ORDER BY c.person_id, m.sequence
            """);
        read.Parameters.Add(new() { Value = conversations, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        read.Parameters.Add(new() { Value = notices.Select(n => n.Sequence).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        batch.BatchCommands.Add(read);
        if (present.Length > 0)
        {
            // The header's count for the staff on this node who answer these people.
            var counts = new NpgsqlBatchCommand(
                $"""
                WITH p AS (SELECT person_id FROM conversations WHERE id = ANY($1)),
                responders AS (
                    SELECT a.named_practitioner_id AS id FROM pathways a WHERE a.person_id IN (SELECT person_id FROM p) AND a.status = 1
                    UNION
                    SELECT v.covering_practitioner_id FROM pathways a JOIN pathway_covers v ON v.pathway_id = a.id
                    WHERE a.person_id IN (SELECT person_id FROM p) AND a.status = 1 AND v.ended_at IS NULL AND v.starts_at <= $2 AND v.ends_at > $2
                )
                SELECT s.id, {MessageCounts.Unread("s.id", "$2")} FROM responders s WHERE s.id = ANY($3)
                """);
            counts.Parameters.Add(new() { Value = conversations, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            counts.Parameters.Add(new() { Value = clock.GetUtcNow() });
            counts.Parameters.Add(new() { Value = present, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            batch.BatchCommands.Add(counts);
        }
        var found = new List<LiveMessage>();
        var pokes = new List<(Guid Staff, int Count)>();
        await using (var reader = await batch.ExecuteReaderAsync(stop))
        {
            while (await reader.ReadAsync(stop))
            {
                found.Add(LiveMessage.From(reader.GetGuid(0), new MessageView(reader.GetInt32(1), (SenderKind)reader.GetInt32(2), reader.GetString(3),
                    reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6))));
            }
            if (present.Length > 0)
            {
                await reader.NextResultAsync(stop);
                while (await reader.ReadAsync(stop)) pokes.Add((reader.GetGuid(0), (int)reader.GetInt64(1)));
            }
        }
        foreach (var message in found)
            await hub.Clients.Group(LiveHub.GroupOf(message.PersonId)).SendAsync("message", message, stop);
        foreach (var (staff, count) in pokes)
            await hub.Clients.User(staff.ToString()).SendAsync("counts", new LiveCounts(count), stop);
    }
}
