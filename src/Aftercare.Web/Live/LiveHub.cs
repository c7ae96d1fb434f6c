using Aftercare.Domain.Common;
using Aftercare.Web.Features.Messages;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Aftercare.Web.Live;

/// <summary>
/// Live pages (docs/decisions/0011). A page joins a person's conversation only when its user may
/// read it (the same rule as the page, through <see cref="CareAccess"/>; a patient only their own),
/// and asks for what it missed after the last message it shows. Messages reach it as the "message"
/// event, the header's counts as "counts", and "resync" asks it to ask again after a node lost its
/// database listener for a while. A conversation the user may not read answers "Not found", as
/// its page does.
/// </summary>
[Authorize(Policy = Policies.Live)]
public sealed class LiveHub(CareAccess access, Conversations conversations, AuditTrail audit, LiveConnections connections) : Hub
{
    public const string Path = "/hubs/live";
    public const string NotFound = "Not found";

    /// <summary>The group of live pages showing a person's conversation.</summary>
    public static string GroupOf(Guid person) => "conversation:" + person;

    public override Task OnConnectedAsync()
    {
        connections.Add(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts sending this page the person's messages as they are sent; audited as a read of the conversation.</summary>
    public async Task<LiveJoined> Join(Guid personId)
    {
        var person = new PersonId(personId);
        if (await access.WatchConversation(person, Context.User!, Context.ConnectionAborted) is not { } basis) throw new HubException(NotFound);
        await audit.WriteReadAsync("Conversation", person.ToString(), personId, CareAccess.BreakGlassNote(basis), Context.ConnectionAborted, Context.GetHttpContext());
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(personId), Context.ConnectionAborted);
        return new LiveJoined(await conversations.LastSequence(person, Context.ConnectionAborted));
    }

    /// <summary>The person's messages after <paramref name="sequence"/>, oldest first (at most 500); audited when there are any.</summary>
    public async Task<List<LiveMessage>> After(Guid personId, int sequence)
    {
        var person = new PersonId(personId);
        if (await access.WatchConversation(person, Context.User!, Context.ConnectionAborted) is not { } basis) throw new HubException(NotFound);
        var missed = await conversations.After(person, sequence, Context.ConnectionAborted);
        if (missed.Count > 0)
            await audit.WriteReadAsync("Conversation", person.ToString(), personId, CareAccess.BreakGlassNote(basis), Context.ConnectionAborted, Context.GetHttpContext());
        return missed;
    }
}
