using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Messaging;

/// <summary>
/// A supervisor's note on a person's message transcript (M11, M14): what they noticed reviewing it,
/// for the practitioners who answer, optionally about one message. It is written for the team and
/// never for the person: no page, live event or shared record of theirs carries it (hazard H54).
/// Notes are added, never edited or removed (the database refuses both): a second thought is a
/// second note.
/// </summary>
public sealed class SupervisorNote
{
    public const int MaxBodyLength = 4000;

    public SupervisorNoteId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    /// <summary>The message it is about, by its place in the conversation; none for a note on the whole transcript.</summary>
    public int? AboutSequence { get; private set; }
    public StaffId WrittenBy { get; private set; }
    public string WrittenByName { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }

    private SupervisorNote() { }

    /// <summary>
    /// Adds a note. Only the person's team's supervisor writes one (supervision of the team's own
    /// work); a note about a message must name one that has been sent.
    /// </summary>
    public static SupervisorNote Write(PersonId person, StaffRole writerRole, StaffId writer, string writerName,
        string? body, int? aboutSequence, int lastSequence, DateTimeOffset now)
    {
        if (writerRole != StaffRole.Supervisor)
            throw new ClinicalRuleException("Only the team's supervisor adds supervision notes to a transcript", nameof(Body));
        var text = Text.Required(body, "Write the note", nameof(Body));
        if (text.Length > MaxBodyLength)
            throw new ClinicalRuleException($"Keep the note to {MaxBodyLength:N0} characters or fewer", nameof(Body));
        if (aboutSequence is { } about && (about < 1 || about > lastSequence))
            throw new ClinicalRuleException("Choose a message of this conversation, or none for the whole transcript", nameof(AboutSequence));
        return new SupervisorNote
        {
            Id = SupervisorNoteId.New(),
            PersonId = person,
            AboutSequence = aboutSequence,
            WrittenBy = writer,
            WrittenByName = Text.Required(writerName, "The writer's name is missing", nameof(WrittenByName)),
            Body = text,
            WrittenAt = now,
        };
    }
}
