using Aftercare.Domain.Common;

namespace Aftercare.Domain.Messaging;

/// <summary>What one send added to the conversation: the message, and the automatic reply it prompted, if any.</summary>
public sealed record SentMessages(Message Message, Message? AutomaticReply)
{
    /// <summary>What the crisis rules found in the person's message; nothing for staff's, which are not assessed.</summary>
    public CrisisAssessment Crisis { get; init; } = CrisisAssessment.NothingFound;

    /// <summary>The duty alert raised with the message, once the caller has raised it.</summary>
    public DutyAlert? Alert { get; init; }

    public IEnumerable<Message> All => AutomaticReply is null ? [Message] : [Message, AutomaticReply];
}

/// <summary>
/// A person's one conversation with their care team (M11). It keeps its place (the last
/// sequence), whether the person is waiting for a reply and since when, and which closed period an
/// automatic reply has already covered; the messages themselves are rows of their own, never
/// loaded here. The rules of the channel are its methods: a person writes to their team while
/// their care is active, a message sent while nobody reads gets one automatic reply saying when it
/// will be read and where to get help now, and only a reply from a person clears the wait.
/// </summary>
public sealed class Conversation
{
    public ConversationId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public int LastSequence { get; private set; }
    /// <summary>The sequence of the person's latest message: staff who have read up to it have nothing new from them.</summary>
    public int LastPatientSequence { get; private set; }
    public DateTimeOffset? LastMessageAt { get; private set; }
    /// <summary>When the first of the person's messages not yet answered by staff was sent; null when answered (or none).</summary>
    public DateTimeOffset? AwaitingReplySince { get; private set; }
    /// <summary>
    /// The end of the closed period the last automatic reply spoke for: until then, further
    /// messages get no second automatic reply, so a person writing five times one night is not
    /// answered five times by a machine.
    /// </summary>
    public DateTimeOffset? AutomaticReplyCoversUntil { get; private set; }

    private Conversation() { }

    public static Conversation Open(PersonId person, DateTimeOffset now) => new()
    {
        Id = ConversationId.New(),
        PersonId = person,
        OpenedAt = now,
    };

    /// <summary>
    /// Sends a message. The person writes only while their care is active (after it ends, nobody
    /// is reading, and they are told so instead); staff reply only then too. While the team is not
    /// reading, the person's message is marked as sent out of hours and, once in each closed
    /// period, answered automatically with when it will be read and the crisis help.
    /// </summary>
    /// <para>
    /// The person's message is read against the team's crisis rules (<paramref name="crisisRules"/>,
    /// the defaults when none are given) as it is sent, whatever the hour: a message that may signal
    /// immediate danger is marked as having raised a duty alert, which the caller raises with it.
    /// </para>
    public SentMessages Send(MessageSender sender, string? body, ReadingHours hours, bool careIsActive, DateTimeOffset now, CrisisRuleSet? crisisRules = null)
    {
        if (sender.Kind == SenderKind.AutomaticReply)
            throw new InvalidOperationException("Only the conversation writes automatic replies");
        if (!careIsActive)
            throw new ClinicalRuleException(sender.Kind == SenderKind.Patient
                ? "Your care team is not reading messages now, so this message cannot be sent. If you need help now, use the numbers on this page"
                : "This person's care pathway has ended, so messages are closed: contact them another way", nameof(Message.Body));
        var text = Message.ValidBody(body);
        var name = Text.Required(sender.Name, "The sender's name is missing", nameof(Message.SenderName));

        var isOpen = hours.IsOpen(now);
        var crisis = sender.Kind == SenderKind.Patient ? (crisisRules ?? CrisisRuleSet.Default).Assess(text) : CrisisAssessment.NothingFound;
        var message = new Message(Id, ++LastSequence, sender.Kind, sender.Id, name, text, now,
            outOfHours: sender.Kind == SenderKind.Patient && !isOpen, raisedAlert: crisis.MayBeDanger);
        LastMessageAt = now;
        Message? automatic = null;
        if (sender.Kind == SenderKind.Patient)
        {
            LastPatientSequence = message.Sequence;
            AwaitingReplySince ??= now;
            if (!isOpen && (AutomaticReplyCoversUntil is not { } covered || now >= covered))
            {
                var opens = hours.NextOpening(now);
                automatic = new Message(Id, ++LastSequence, SenderKind.AutomaticReply, null, Message.AutomaticReplyName,
                    AutomaticReplyText(hours, opens, now), now, outOfHours: false);
                AutomaticReplyCoversUntil = opens;
            }
        }
        else
        {
            // Answered by a person: an automatic reply never counts as an answer.
            AwaitingReplySince = null;
        }
        return new SentMessages(message, automatic) { Crisis = crisis };
    }

    /// <summary>When the person can expect a reply: the team's reply time, counted in reading hours from when they first wrote unanswered.</summary>
    public DateTimeOffset? ExpectedReplyBy(ReadingHours hours, int replyWithinHours) =>
        AwaitingReplySince is { } since ? hours.AddOpenHours(since, TimeSpan.FromHours(replyWithinHours)) : null;

    /// <summary>Where to get help while nobody is reading: the same four routes as on every patient page.</summary>
    public const string HelpNow =
        "If you need help now: if your life is at risk, call 999 or go to A&E. Call NHS 111 and choose option 2 for mental health help. " +
        "Call Samaritans free on 116 123, day or night. Or text SHOUT to 85258.";

    /// <summary>"Your team reads messages Monday to Friday, 9am to 5pm. Your message will be read from Monday at 9am. …"</summary>
    public static string AutomaticReplyText(ReadingHours hours, DateTimeOffset opens, DateTimeOffset now) =>
        $"Thank you for your message. Your team reads messages {hours.Describe()}. " +
        $"Your message will be read from {hours.DescribeMoment(opens, now)}. {HelpNow}";
}
