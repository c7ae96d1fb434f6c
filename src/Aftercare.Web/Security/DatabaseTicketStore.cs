using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Npgsql;

namespace Aftercare.Web.Security;

/// <summary>
/// Keeps sign-in sessions in PostgreSQL (table auth_sessions). The cookie holds a random key; the
/// row, found by the key's hash, holds the session. Every node of a cluster sees the same rows, so
/// sign-out and deactivation end a session everywhere at once, and inactivity and absolute
/// lifetimes are enforced on the server, not trusted to the browser.
/// </summary>
public sealed class DatabaseTicketStore(NpgsqlDataSource db, TimeProvider clock, AftercareSettings settings) : ITicketStore
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var userId = Guid.Parse(ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand(
            "INSERT INTO auth_sessions (id, user_id, ticket, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)");
        cmd.Parameters.Add(new() { Value = Hash(key) });
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = TicketSerializer.Default.Serialize(ticket) });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var cmd = db.CreateCommand("UPDATE auth_sessions SET ticket = $2, last_seen_at = $3 WHERE id = $1 AND ended_at IS NULL");
        cmd.Parameters.Add(new() { Value = Hash(key) });
        cmd.Parameters.Add(new() { Value = TicketSerializer.Default.Serialize(ticket) });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var id = Hash(key);
        var now = clock.GetUtcNow();
        byte[] ticket;
        DateTimeOffset created, lastSeen;
        await using (var cmd = db.CreateCommand(
            """
            SELECT s.ticket, s.created_at, s.last_seen_at
            FROM auth_sessions s JOIN staff_users u ON u.id = s.user_id
            WHERE s.id = $1 AND s.ended_at IS NULL AND u.is_active
            """))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var reader = await cmd.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return null;
            ticket = (byte[])reader[0];
            created = reader.GetFieldValue<DateTimeOffset>(1);
            lastSeen = reader.GetFieldValue<DateTimeOffset>(2);
        }
        if (now - lastSeen > settings.IdleTimeout) { await End(id, "inactive"); return null; }
        if (now - created > settings.AbsoluteLifetime) { await End(id, "expired"); return null; }
        if (now - lastSeen > TouchEvery)
        {
            await using var touch = db.CreateCommand("UPDATE auth_sessions SET last_seen_at = $2 WHERE id = $1");
            touch.Parameters.Add(new() { Value = id });
            touch.Parameters.Add(new() { Value = now });
            await touch.ExecuteNonQueryAsync();
        }
        return TicketSerializer.Default.Deserialize(ticket);
    }

    public Task RemoveAsync(string key) => End(Hash(key), "signed out");

    private async Task End(string id, string reason)
    {
        await using var cmd = db.CreateCommand("UPDATE auth_sessions SET ended_at = $2, ended_reason = $3 WHERE id = $1 AND ended_at IS NULL");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = reason });
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Ends every open session of a user: used when an account is deactivated.</summary>
    public static async Task EndAllForUser(NpgsqlDataSource db, Guid userId, DateTimeOffset now, string reason)
    {
        await using var cmd = db.CreateCommand("UPDATE auth_sessions SET ended_at = $2, ended_reason = $3 WHERE user_id = $1 AND ended_at IS NULL");
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = reason });
        await cmd.ExecuteNonQueryAsync();
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
}
