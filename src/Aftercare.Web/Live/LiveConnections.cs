using System.Collections.Concurrent;
using System.Security.Claims;
using Aftercare.Domain.Common;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.SignalR;

namespace Aftercare.Web.Live;

/// <summary>
/// The live pages connected to this node: whose they are and which signed-in session opened them,
/// so that the listener pokes only the staff who are here, and a page whose session has ended
/// (signed out, deactivated, idle or past its lifetime) is cut off (<see cref="LiveSessionCheck"/>).
/// </summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new();

    private sealed record Connection(HubCallerContext Context, Guid UserId, string? SessionHash);

    public int Count => _connections.Count;

    public void Add(HubCallerContext context)
    {
        var user = context.User;
        var id = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var u) ? u : Guid.Empty;
        var sid = user?.FindFirst(ServerSessions.SessionClaim)?.Value;
        _connections[context.ConnectionId] = new Connection(context, id, sid is null ? null : SecretToken.Hash(sid));
    }

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>The accounts with a live page on this node.</summary>
    public Guid[] UsersPresent() => [.. _connections.Values.Select(c => c.UserId).Where(u => u != Guid.Empty).Distinct()];

    /// <summary>The sessions the live pages on this node were opened under.</summary>
    public string[] Sessions() => [.. _connections.Values.Select(c => c.SessionHash).OfType<string>().Distinct()];

    /// <summary>Closes every live page whose session is not among <paramref name="current"/>; answers how many.</summary>
    public int CloseAllBut(IReadOnlySet<string> current)
    {
        var closed = 0;
        foreach (var (id, c) in _connections)
        {
            if (c.SessionHash is { } s && current.Contains(s)) continue;
            c.Context.Abort();
            _connections.TryRemove(id, out _);
            closed++;
        }
        return closed;
    }
}
