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

/// <summary>
/// The hub's "alert" event (decision 0013), sent to each recipient's pages: ids and the rules'
/// names only, never the person's words (the alert page shows those, to the team, audited).
/// camelCase: alertId, personId, teamId, messageSequence, raisedAt (ISO 8601), reasons (rule
/// names), escalated (true when sent to the supervisors because nobody took it on) and url.
/// </summary>
public sealed record LiveAlert(Guid AlertId, Guid PersonId, Guid TeamId, int MessageSequence, DateTimeOffset RaisedAt, IReadOnlyList<string> Reasons, bool Escalated, string Url)
{
    public static string UrlOf(Guid alert) => "/alerts/" + alert;
}
