using Aftercare.Domain.Messaging;

namespace Aftercare.Web.Features.Messages;

/// <summary>
/// A transcript as a page shows it: to the person (their own messages are "You") or to staff (each
/// message of the person says whether it was sent out of hours), with search matches marked. A
/// page showing the latest messages is live: <c>live.js</c> adds messages as they are sent.
/// </summary>
public sealed record TranscriptView(List<MessageView> Messages, bool ForPatient, Guid PersonId, int LastSequence, bool Live, string? Highlight = null)
{
    /// <summary>For staff: the duty alert each flagged message raised, by the message's place. Never shown to the person.</summary>
    public IReadOnlyDictionary<int, Guid> Alerts { get; init; } = new Dictionary<int, Guid>();

    public string Who(MessageView m) => m.Kind switch
    {
        SenderKind.Patient when ForPatient => "You",
        SenderKind.AutomaticReply => Message.AutomaticReplyName,
        _ => m.SenderName,
    };

    public static string KindClass(SenderKind kind) => kind switch
    {
        SenderKind.Patient => "patient",
        SenderKind.Staff => "staff",
        _ => "automatic",
    };
}

/// <summary>The one field of a message form.</summary>
public sealed class MessageForm
{
    public string? Body { get; set; }
}
