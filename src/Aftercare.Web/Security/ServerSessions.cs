using System.Security.Claims;
using Aftercare.Domain.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Npgsql;

namespace Aftercare.Web.Security;

/// <summary>
/// Signed-in sessions, held in PostgreSQL (table auth_sessions) as well as in the cookie. Every
/// sign-in makes a new random session id (so a session id known before sign-in is worthless);
/// every request checks the row, so signing out, deactivation, inactivity and the absolute
/// lifetime end a session on every web node at once, whatever the browser still holds.
/// The check of a page whose whole read rides with it (a worklist) runs on the page reads' pool
/// (<see cref="Data.PageReads"/>); everything else here runs on the main pool.
/// </summary>
public sealed class ServerSessions(NpgsqlDataSource db, [FromKeyedServices(Data.PageReads.Key)] NpgsqlDataSource pageReads, TimeProvider clock, AftercareSettings settings)
{
    public const string SessionClaim = "aftercare:sid";
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Cookie events: a new session row at sign-in, a check on every request, an end at sign-out.</summary>
    public static void Wire(CookieAuthenticationEvents events)
    {
        events.OnSigningIn = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<ServerSessions>();
            var identity = (ClaimsIdentity)context.Principal!.Identity!;
            foreach (var old in identity.FindAll(SessionClaim).ToList()) identity.RemoveClaim(old);
            var userId = Guid.Parse(identity.FindFirst(ClaimTypes.NameIdentifier)!.Value);
            identity.AddClaim(new Claim(SessionClaim, await sessions.Start(userId)));
        };
        events.OnValidatePrincipal = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<ServerSessions>();
            var sid = context.Principal?.FindFirst(SessionClaim)?.Value;
            var user = context.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
            // The overdue banner is on every page of a clinician: its counts travel with the check,
            // and on a worklist page the list itself, so the page is one round trip in all.
            // The FHIR API and the live pages' connection have no page, so no banner to read.
            var staff = context.Principal is { } principal ? CurrentStaff.From(principal) : null;
            var path = context.HttpContext.Request.Path;
            var alongside = staff is { IsClinical: true } && !path.StartsWithSegments("/fhir") && !path.StartsWithSegments("/hubs")
                ? context.HttpContext.RequestServices.GetRequiredService<Aftercare.Web.Features.Work.Worklists>().BannerAlongside(staff, context.HttpContext)
                : null;
            if (sid is null || !Guid.TryParse(user, out var userId) || !await sessions.IsCurrent(sid, userId, alongside))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
            }
        };
        events.OnSigningOut = async context =>
        {
            var sid = context.HttpContext.User.FindFirst(SessionClaim)?.Value;
            if (sid is not null)
                await context.HttpContext.RequestServices.GetRequiredService<ServerSessions>().End(sid, "signed out");
        };
    }

    public async Task<string> Start(Guid userId)
    {
        var sid = SecretToken.New();
        await using var cmd = db.CreateCommand("INSERT INTO auth_sessions (id, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)");
        cmd.Parameters.Add(new() { Value = Hash(sid) });
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync();
        return sid;
    }

    /// <summary>
    /// Whether the session is current, checked against the database. <paramref name="alongside"/>
    /// is read in the same round trip, and only kept when the session is current.
    /// </summary>
    public async Task<bool> IsCurrent(string sid, Guid userId, IReadAlongside? alongside = null)
    {
        var id = Hash(sid);
        var now = clock.GetUtcNow();
        DateTimeOffset created, lastSeen;
        // A page that is this one round trip in all queues for the small pool as a whole; a page that
        // goes on to read through the main pool would only add a wait in front of its other reads.
        await using (var batch = (alongside?.IsWholePage == true ? pageReads : db).CreateBatch())
        {
            var check = new NpgsqlBatchCommand(
                """
                SELECT s.created_at, s.last_seen_at
                FROM auth_sessions s JOIN user_accounts u ON u.id = s.user_id
                WHERE s.id = $1 AND s.user_id = $2 AND s.ended_at IS NULL AND u.is_active
                """);
            check.Parameters.Add(new() { Value = id });
            check.Parameters.Add(new() { Value = userId });
            batch.BatchCommands.Add(check);
            alongside?.Add(batch, now);
            await using var reader = await batch.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return false;
            created = reader.GetFieldValue<DateTimeOffset>(0);
            lastSeen = reader.GetFieldValue<DateTimeOffset>(1);
            if (alongside is not null && now - lastSeen <= settings.IdleTimeout && now - created <= settings.AbsoluteLifetime)
            {
                await reader.NextResultAsync();
                await alongside.Read(reader, now);
            }
        }
        if (now - lastSeen > settings.IdleTimeout) { await EndHashed(id, "inactive"); return false; }
        if (now - created > settings.AbsoluteLifetime) { await EndHashed(id, "expired"); return false; }
        if (now - lastSeen > TouchEvery)
        {
            await using var touch = db.CreateCommand("UPDATE auth_sessions SET last_seen_at = $2 WHERE id = $1");
            touch.Parameters.Add(new() { Value = id });
            touch.Parameters.Add(new() { Value = now });
            await touch.ExecuteNonQueryAsync();
        }
        return true;
    }

    public Task End(string sid, string reason) => EndHashed(Hash(sid), reason);

    /// <summary>Ends every open session of a user: used when an account is deactivated.</summary>
    public async Task EndAllForUser(Guid userId, string reason)
    {
        await using var cmd = db.CreateCommand("UPDATE auth_sessions SET ended_at = $2, ended_reason = $3 WHERE user_id = $1 AND ended_at IS NULL");
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = reason });
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task EndHashed(string id, string reason)
    {
        await using var cmd = db.CreateCommand("UPDATE auth_sessions SET ended_at = $2, ended_reason = $3 WHERE id = $1 AND ended_at IS NULL");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = reason });
        await cmd.ExecuteNonQueryAsync();
    }

    private static string Hash(string sid) => SecretToken.Hash(sid);
}

/// <summary>Something every page of a request needs, read in the same round trip as the session check.</summary>
public interface IReadAlongside
{
    /// <summary>Whether this carries everything the page reads from the database (a worklist page): the check then runs on the page reads' pool.</summary>
    bool IsWholePage { get; }
    void Add(NpgsqlBatch batch, DateTimeOffset now);
    Task Read(NpgsqlDataReader reader, DateTimeOffset now);
}
