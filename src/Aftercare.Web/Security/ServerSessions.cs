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
            var session = new SessionRow(id, userId);
            if (alongside is null) batch.BatchCommands.Add(session.Alone());
            else alongside.Add(batch, now, session);
            await using var reader = await batch.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return false;
            created = reader.GetFieldValue<DateTimeOffset>(0);
            lastSeen = reader.GetFieldValue<DateTimeOffset>(1);
            if (alongside is not null && now - lastSeen <= settings.IdleTimeout && now - created <= settings.AbsoluteLifetime)
                await alongside.Read(reader, now);
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

    /// <summary>
    /// Adds the reads to the batch. The first statement must select from the session's row
    /// (<see cref="SessionRow"/>): the session's columns first, and no row at all when the session
    /// is not open or its user not active, so nothing of this is read for a session that is not.
    /// </summary>
    void Add(NpgsqlBatch batch, DateTimeOffset now, SessionRow session);

    /// <summary>Reads what <see cref="Add"/> asked for, once the session is known to be current: the reader is on the first statement's row.</summary>
    Task Read(NpgsqlDataReader reader, DateTimeOffset now);
}

/// <summary>
/// The session check as a row to select from: one row when the session is open and its user
/// active, none otherwise, its first <see cref="ColumnCount"/> columns when it was made and last
/// seen. A read alongside the check selects its own columns from it too, so the check costs the
/// page no statement of its own.
/// </summary>
public sealed class SessionRow(string idHash, Guid userId)
{
    public const int ColumnCount = 2;
    public const string Columns = "s.created_at, s.last_seen_at";
    public const string From = "auth_sessions s JOIN user_accounts u ON u.id = s.user_id";

    /// <summary>The condition, with the session's two parameters numbered from <paramref name="first"/>.</summary>
    public static string Where(int first) => $"s.id = ${first} AND s.user_id = ${first + 1} AND s.ended_at IS NULL AND u.is_active";

    /// <summary>The session's two parameters, after the statement's own.</summary>
    public void AddParameters(NpgsqlBatchCommand statement)
    {
        statement.Parameters.Add(new() { Value = idHash });
        statement.Parameters.Add(new() { Value = userId });
    }

    private static readonly string AloneSql = $"SELECT {Columns} FROM {From} WHERE {Where(1)}";

    /// <summary>The check on its own, for a request with nothing to read alongside it.</summary>
    public NpgsqlBatchCommand Alone()
    {
        var check = new NpgsqlBatchCommand(AloneSql);
        AddParameters(check);
        return check;
    }
}
