using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Pathways;

public enum PathwayStatus
{
    Active = 1,
    /// <summary>Every planned contact is done or closed with a reason.</summary>
    Completed = 2,
}

/// <summary>
/// The care pathway started by a signed-off assessment: the planned contacts, each with its
/// window and due time, and one named practitioner for the whole of it. Cover by someone else is
/// explicit, with a reason and an end; a handover changes the named practitioner, with a reason,
/// and takes every open contact with it. Nothing planned is ever removed: a contact is done, or
/// closed with a reason, and until then it stays on someone's worklist.
/// </summary>
public sealed class Pathway
{
    public const int MaxReasonLength = 1000;

    public PathwayId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public TeamId TeamId { get; private set; }
    public AssessmentId AssessmentId { get; private set; }
    public string DefinitionCode { get; private set; } = "";
    public string DefinitionName { get; private set; } = "";
    /// <summary>When the assessment was signed off: every due time is counted from here.</summary>
    public DateTimeOffset StartedAt { get; private set; }
    public StaffId NamedPractitionerId { get; private set; }
    public PathwayStatus Status { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public List<PlannedContact> Contacts { get; private set; } = [];
    public List<PathwayCover> Covers { get; private set; } = [];
    public List<PractitionerChange> PractitionerChanges { get; private set; } = [];

    private Pathway() { }

    public static Pathway Start(Assessment assessment, PathwayDefinition definition, TeamId team, StaffId namedPractitioner, StaffId by, string? allocationReason)
    {
        if (!assessment.IsSignedOff || assessment.SignedOffAt is not { } start)
            throw new ClinicalRuleException("Sign off the assessment first: the pathway and its 48-hour follow-up start from the sign-off");
        var pathway = new Pathway
        {
            Id = PathwayId.New(),
            PersonId = assessment.PersonId,
            TeamId = team,
            AssessmentId = assessment.Id,
            DefinitionCode = definition.Code,
            DefinitionName = definition.Name,
            StartedAt = start,
            NamedPractitionerId = namedPractitioner,
            Status = PathwayStatus.Active,
        };
        var sequence = 0;
        foreach (var template in definition.Contacts)
            pathway.Contacts.Add(new PlannedContact(pathway, ++sequence, template, start));
        pathway.PractitionerChanges.Add(new PractitionerChange(null, namedPractitioner, Reason(allocationReason, required: false), by, start));
        return pathway;
    }

    public IEnumerable<PlannedContact> OpenContacts => Contacts.Where(c => c.IsOpen);

    /// <summary>The cover in place at a moment, if any.</summary>
    public PathwayCover? CoverAt(DateTimeOffset now) =>
        Covers.Where(c => c.IsInPlaceAt(now)).OrderByDescending(c => c.ArrangedAt).FirstOrDefault();

    /// <summary>Who does the work at a moment: the practitioner covering, or else the named practitioner.</summary>
    public StaffId ResponsibleAt(DateTimeOffset now) => CoverAt(now)?.CoveringPractitionerId ?? NamedPractitionerId;

    /// <summary>Someone else does the work for a time, for a reason; the named practitioner stays named and still sees it.</summary>
    public PathwayCover ArrangeCover(StaffId covering, DateTimeOffset from, DateTimeOffset until, string? reason, StaffId by, DateTimeOffset now)
    {
        if (Status != PathwayStatus.Active)
            throw new ClinicalRuleException("This pathway is complete: there is nothing to cover");
        if (covering == NamedPractitionerId)
            throw new ClinicalRuleException("Choose someone other than the named practitioner to cover", nameof(PathwayCover.CoveringPractitionerId));
        if (until <= from)
            throw new ClinicalRuleException("The cover must end after it starts", nameof(PathwayCover.EndsAt));
        if (until <= now)
            throw new ClinicalRuleException("The cover must end in the future", nameof(PathwayCover.EndsAt));
        var cover = new PathwayCover(Id, NamedPractitionerId, covering, from, until, Reason(reason, required: true), by, now);
        Covers.Add(cover);
        return cover;
    }

    /// <summary>Ends a cover early, for example when the named practitioner is back.</summary>
    public void EndCover(Guid coverId, StaffId by, DateTimeOffset now)
    {
        var cover = Covers.FirstOrDefault(c => c.Id == coverId) ?? throw new ClinicalRuleException("That cover was not found on this pathway");
        cover.End(by, now);
    }

    /// <summary>
    /// Hands the pathway to another named practitioner, with every open contact (overdue ones
    /// included, which stay overdue and now show on the new practitioner's work).
    /// </summary>
    public void HandOver(StaffId to, string? reason, StaffId by, DateTimeOffset now)
    {
        if (Status != PathwayStatus.Active)
            throw new ClinicalRuleException("This pathway is complete: there is nothing to hand over");
        if (to == NamedPractitionerId)
            throw new ClinicalRuleException("Choose a practitioner other than the one already named", nameof(PractitionerChange.ToPractitionerId));
        var why = Reason(reason, required: true);
        PractitionerChanges.Add(new PractitionerChange(NamedPractitionerId, to, why, by, now));
        NamedPractitionerId = to;
        foreach (var contact in OpenContacts) contact.AssignTo(to);
        // Cover arranged for the old practitioner's absence no longer applies.
        foreach (var cover in Covers.Where(c => c.IsInPlaceAt(now) || c.StartsAt > now)) cover.End(by, now);
    }

    /// <summary>Marks a planned contact done by what happened (a session attended, a letter sent).</summary>
    public PlannedContact CompleteContact(PlannedContactId contact, DateTimeOffset doneAt, StaffId by, CareSessionId? session, DateTimeOffset now)
    {
        var found = Find(contact);
        found.Complete(doneAt, by, session, now);
        CompleteIfNothingOpen(now);
        return found;
    }

    /// <summary>Closes a planned contact that will not happen, with the reason; it leaves the worklists but never the record.</summary>
    public PlannedContact CloseContact(PlannedContactId contact, string? reason, StaffId by, DateTimeOffset now)
    {
        var found = Find(contact);
        found.Close(Reason(reason, required: true, field: nameof(PlannedContact.ClosedReason)), by, now);
        CompleteIfNothingOpen(now);
        return found;
    }

    public PlannedContact Find(PlannedContactId contact) =>
        Contacts.FirstOrDefault(c => c.Id == contact) ?? throw new ClinicalRuleException("That planned contact is not part of this pathway");

    private void CompleteIfNothingOpen(DateTimeOffset now)
    {
        if (Status == PathwayStatus.Active && !OpenContacts.Any())
        {
            Status = PathwayStatus.Completed;
            CompletedAt = now;
        }
    }

    private static string? Reason(string? reason, bool required, string field = "Reason")
    {
        var text = Text.Clean(reason);
        if (required && text is null) throw new ClinicalRuleException("Give the reason", field);
        if (text is { Length: > MaxReasonLength }) throw new ClinicalRuleException("Keep the reason to 1,000 characters or fewer", field);
        return text;
    }
}

public enum ContactStatus
{
    Open = 1,
    Done = 2,
    /// <summary>Will not happen, with a reason (the person chose to stop, moved away, ...).</summary>
    Closed = 3,
}

/// <summary>Where a planned contact stands on a worklist at a moment, most urgent first.</summary>
public enum Urgency
{
    Overdue = 1,
    DueToday = 2,
    Next = 3,
    Finished = 4,
}

/// <summary>One contact of a pathway: its window, its due time and what became of it.</summary>
public sealed class PlannedContact
{
    public PlannedContactId Id { get; private set; }
    public PathwayId PathwayId { get; private set; }
    /// <summary>Copied from the pathway so worklists need no join to find the person and team.</summary>
    public PersonId PersonId { get; private set; }
    public TeamId TeamId { get; private set; }
    /// <summary>The named practitioner, kept with each open contact so "my work" is one indexed read.</summary>
    public StaffId PractitionerId { get; private set; }
    public int Sequence { get; private set; }
    public string Key { get; private set; } = "";
    public string Label { get; private set; } = "";
    public ContactKind Kind { get; private set; }
    public int? LetterMonth { get; private set; }
    public DateTimeOffset OpensAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public ContactStatus Status { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public StaffId? DoneBy { get; private set; }
    public CareSessionId? SessionId { get; private set; }
    public string? ClosedReason { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public StaffId? ClosedBy { get; private set; }
    /// <summary>When the due-time timer found it still open: the moment it became overdue was noticed and recorded.</summary>
    public DateTimeOffset? OverdueRecordedAt { get; private set; }

    private PlannedContact() { }

    internal PlannedContact(Pathway pathway, int sequence, ContactTemplate template, DateTimeOffset start)
    {
        Id = PlannedContactId.New();
        PathwayId = pathway.Id;
        PersonId = pathway.PersonId;
        TeamId = pathway.TeamId;
        PractitionerId = pathway.NamedPractitionerId;
        Sequence = sequence;
        Key = template.Key;
        Label = template.Label;
        Kind = template.Kind;
        LetterMonth = template.LetterMonth;
        OpensAt = template.Opens.From(start);
        DueAt = template.Due.From(start);
        Status = ContactStatus.Open;
    }

    public bool IsOpen => Status == ContactStatus.Open;

    /// <summary>Overdue from the moment its due time has passed while it is still open; never by any other rule.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && now > DueAt;

    public Urgency UrgencyAt(DateTimeOffset now) => IsOpen ? UrgencyOfOpen(DueAt, now) : Urgency.Finished;

    /// <summary>Where an open contact due at <paramref name="dueAt"/> stands: "today" is the UK day.</summary>
    public static Urgency UrgencyOfOpen(DateTimeOffset dueAt, DateTimeOffset now) => UrgencyOfOpen(dueAt, now, UkTime.EndOfDay(now));

    /// <summary>The same, for a list read at one instant: <paramref name="endOfToday"/> is <see cref="UkTime.EndOfDay"/> of <paramref name="now"/>.</summary>
    public static Urgency UrgencyOfOpen(DateTimeOffset dueAt, DateTimeOffset now, DateTimeOffset endOfToday) =>
        now > dueAt ? Urgency.Overdue
        : dueAt < endOfToday ? Urgency.DueToday
        : Urgency.Next;

    internal void AssignTo(StaffId practitioner) => PractitionerId = practitioner;

    internal void Complete(DateTimeOffset doneAt, StaffId by, CareSessionId? session, DateTimeOffset now)
    {
        if (!IsOpen) throw new ClinicalRuleException($"{Label} is already {(Status == ContactStatus.Done ? "done" : "closed")}");
        if (doneAt > now.AddMinutes(5)) throw new ClinicalRuleException("That time is in the future", nameof(DoneAt));
        Status = ContactStatus.Done;
        DoneAt = doneAt;
        DoneBy = by;
        SessionId = session;
    }

    internal void Close(string? reason, StaffId by, DateTimeOffset now)
    {
        if (!IsOpen) throw new ClinicalRuleException($"{Label} is already {(Status == ContactStatus.Done ? "done" : "closed")}");
        Status = ContactStatus.Closed;
        ClosedReason = reason;
        ClosedAt = now;
        ClosedBy = by;
    }

    /// <summary>
    /// Called by the due-time timer. Answers whether this call is the one that recorded the contact
    /// as overdue (false when it was done in time or already recorded), so its effects happen once.
    /// </summary>
    public bool RecordOverdue(DateTimeOffset now)
    {
        if (!IsOverdueAt(now) || OverdueRecordedAt is not null) return false;
        OverdueRecordedAt = now;
        return true;
    }
}

/// <summary>Another practitioner doing the pathway's work for a time, with the reason; shown wherever the pathway is.</summary>
public sealed class PathwayCover
{
    public Guid Id { get; private set; }
    public PathwayId PathwayId { get; private set; }
    /// <summary>
    /// Whose work is covered: the named practitioner when the cover was arranged. A handover ends
    /// every cover in place or to come, so while a cover is in place this is the pathway's named
    /// practitioner, who holds every open contact of it: the worklists find what is covered from
    /// that practitioner's open work (hazard H61).
    /// </summary>
    public StaffId CoveredPractitionerId { get; private set; }
    public StaffId CoveringPractitionerId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string Reason { get; private set; } = "";
    public StaffId ArrangedBy { get; private set; }
    public DateTimeOffset ArrangedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public StaffId? EndedBy { get; private set; }

    private PathwayCover() { }

    internal PathwayCover(PathwayId pathway, StaffId covered, StaffId covering, DateTimeOffset from, DateTimeOffset until, string? reason, StaffId by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        PathwayId = pathway;
        CoveredPractitionerId = covered;
        CoveringPractitionerId = covering;
        StartsAt = from;
        EndsAt = until;
        Reason = reason ?? "";
        ArrangedBy = by;
        ArrangedAt = now;
    }

    public bool IsInPlaceAt(DateTimeOffset now) => EndedAt is null && StartsAt <= now && now < EndsAt;

    internal void End(StaffId by, DateTimeOffset now)
    {
        if (EndedAt is not null) return;
        EndedAt = now;
        EndedBy = by;
    }
}

/// <summary>Who was named, who is named now, why, by whom and when. The first entry is the allocation.</summary>
public sealed class PractitionerChange
{
    public Guid Id { get; private set; }
    public StaffId? FromPractitionerId { get; private set; }
    public StaffId ToPractitionerId { get; private set; }
    public string? Reason { get; private set; }
    public StaffId ChangedBy { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    private PractitionerChange() { }

    internal PractitionerChange(StaffId? from, StaffId to, string? reason, StaffId by, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        FromPractitionerId = from;
        ToPractitionerId = to;
        Reason = reason;
        ChangedBy = by;
        ChangedAt = at;
    }
}
