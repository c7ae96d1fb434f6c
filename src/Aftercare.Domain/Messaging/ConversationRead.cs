using Aftercare.Domain.Common;

namespace Aftercare.Domain.Messaging;

/// <summary>
/// How far one reader (a member of staff, or the person) has read a conversation. Kept per reader:
/// a message read by a colleague is still new to the named practitioner.
/// </summary>
public sealed class ConversationRead
{
    public ConversationId ConversationId { get; private set; }
    /// <summary>The reader's account.</summary>
    public Guid UserId { get; private set; }
    public int LastReadSequence { get; private set; }
    public DateTimeOffset ReadAt { get; private set; }

    private ConversationRead() { }

    public ConversationRead(ConversationId conversation, Guid user, int lastRead, DateTimeOffset at)
    {
        ConversationId = conversation;
        UserId = user;
        LastReadSequence = lastRead;
        ReadAt = at;
    }
}
