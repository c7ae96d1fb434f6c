using Aftercare.Domain.Messaging;
using Aftercare.Web.Features.Messages;

namespace Aftercare.Web.Live;

/// <summary>
/// A message as it is pushed to a live page (the hub's "message" event, and each item of its
/// "After" answer), in the JSON hub protocol's camelCase: personId, sequence, senderKind
/// ("patient", "staff" or "automatic"), senderName, body, sentAt (ISO 8601, UTC), sentAtText
/// (UK time in words, as the page shows it) and outOfHours.
/// </summary>
public sealed record LiveMessage(Guid PersonId, int Sequence, string SenderKind, string SenderName, string Body, DateTimeOffset SentAt, string SentAtText, bool OutOfHours)
{
    public static LiveMessage From(Guid person, MessageView m) =>
        new(person, m.Sequence, Kind(m.Kind), m.SenderName, m.Body, m.SentAt, m.SentAtText, m.OutOfHours);

    public static string Kind(SenderKind kind) => kind switch
    {
        Domain.Messaging.SenderKind.Patient => "patient",
        Domain.Messaging.SenderKind.Staff => "staff",
        _ => "automatic",
    };
}

/// <summary>The hub's "counts" event: the header's numbers for the member of staff, now.</summary>
public sealed record LiveCounts(int Messages);

/// <summary>The hub's answer to "Join": the last sequence of the conversation (0 when it has none).</summary>
public sealed record LiveJoined(int LastSequence);
