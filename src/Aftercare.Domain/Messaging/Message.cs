using System.Globalization;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Messaging;

public enum SenderKind
{
    /// <summary>The person themselves, from their own account.</summary>
    Patient = 1,
    /// <summary>A member of their care team.</summary>
    Staff = 2,
    /// <summary>Written by Aftercare when the person writes while nobody is reading: when it will be read, and the crisis help.</summary>
    AutomaticReply = 3,
}

/// <summary>Who is sending: their account and their name as it is at the time, kept with the message.</summary>
public sealed record MessageSender(SenderKind Kind, Guid Id, string Name)
{
    public static MessageSender Patient(Guid accountId, string name) => new(SenderKind.Patient, accountId, name);

    public static MessageSender Staff(StaffId staff, string name) => new(SenderKind.Staff, staff.Value, name);
}

/// <summary>
/// One message, exactly as it was sent. Never edited and never deleted (the database refuses
/// both): what was said, and when, is part of the clinical record; a correction is a new message.
/// </summary>
public sealed class Message
{
    /// <summary>Counted in what a reader sees as characters (text elements), so an emoji is one, however it is encoded.</summary>
    public const int MaxBodyLength = 4000;
    public const string AutomaticReplyName = "Automatic reply";

    public MessageId Id { get; private set; }
    public ConversationId ConversationId { get; private set; }
    /// <summary>1, 2, 3… within the conversation: the order it was sent in, and how a page knows what it has missed.</summary>
    public int Sequence { get; private set; }
    public SenderKind SenderKind { get; private set; }
    /// <summary>The sender's account; none for an automatic reply.</summary>
    public Guid? SenderId { get; private set; }
    public string SenderName { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }
    /// <summary>A patient's message sent while the team was not reading messages (as the hours were then).</summary>
    public bool SentOutOfHours { get; private set; }
    /// <summary>
    /// The crisis rules flagged this message of the person as it was sent, so a duty alert was
    /// raised with it (the database refuses one without the other at commit).
    /// </summary>
    public bool RaisedAlert { get; private set; }

    private Message() { }

    internal Message(ConversationId conversation, int sequence, SenderKind kind, Guid? senderId, string senderName, string body, DateTimeOffset sentAt, bool outOfHours, bool raisedAlert = false)
    {
        Id = MessageId.New();
        ConversationId = conversation;
        Sequence = sequence;
        SenderKind = kind;
        SenderId = senderId;
        SenderName = senderName;
        Body = body;
        SentAt = sentAt;
        SentOutOfHours = outOfHours;
        RaisedAlert = raisedAlert;
    }

    /// <summary>The length a reader sees: an emoji, a flag or a family is one.</summary>
    public static int LengthOf(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>The words as written (only trimmed): required, and at most <see cref="MaxBodyLength"/> characters.</summary>
    public static string ValidBody(string? body)
    {
        var text = Text.Required(body, "Write your message", nameof(Body));
        var length = LengthOf(text);
        if (length > MaxBodyLength)
            throw new ClinicalRuleException($"Keep your message to {MaxBodyLength:N0} characters or fewer (it is {length:N0}). You can send the rest in another message", nameof(Body));
        return text;
    }
}
