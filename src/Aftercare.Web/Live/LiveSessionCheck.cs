using Npgsql;
using NpgsqlTypes;

namespace Aftercare.Web.Live;

/// <summary>
/// A live page stays connected after the request that opened it, so the server's rules for a
/// session (signed out, account deactivated, idle for 30 minutes, 12 hours old) would otherwise
/// never reach it: a practitioner who has left could keep receiving a person's messages. Every
/// <see cref="AftercareSettings.LiveSessionCheck"/> this checks the sessions of the live pages on
/// this node against auth_sessions, in one statement, and closes those whose session has ended
/// (hazard H49). The page's own reconnection then meets the sign-in page.
/// </summary>
public sealed class LiveSessionCheck(AftercareSettings settings, NpgsqlDataSource dataSource, LiveConnections connections, TimeProvider clock, ILogger<LiveSessionCheck> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(settings.LiveSessionCheck, clock);
        while (await WaitAsync(timer, stop))
        {
            try
            {
                var closed = await CheckOnce(stop);
                if (closed > 0) log.LogInformation("Closed {Count} live pages whose session has ended", closed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Could not check the sessions of live pages; trying again in {Every}", settings.LiveSessionCheck);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try { return await timer.WaitForNextTickAsync(stop); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>Closes the live pages on this node whose session has ended; answers how many.</summary>
    public async Task<int> CheckOnce(CancellationToken ct)
    {
        var sessions = connections.Sessions();
        if (sessions.Length == 0 && connections.Count == 0) return 0;
        var now = clock.GetUtcNow();
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT s.id FROM auth_sessions s JOIN user_accounts u ON u.id = s.user_id
            WHERE s.id = ANY($1) AND s.ended_at IS NULL AND u.is_active AND s.last_seen_at > $2 AND s.created_at > $3
            """);
        cmd.Parameters.Add(new() { Value = sessions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = now - settings.IdleTimeout });
        cmd.Parameters.Add(new() { Value = now - settings.AbsoluteLifetime });
        var current = new HashSet<string>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) current.Add(reader.GetString(0));
        return connections.CloseAllBut(current);
    }
}
