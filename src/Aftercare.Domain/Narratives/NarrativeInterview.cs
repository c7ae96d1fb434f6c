using Aftercare.Domain.Common;

namespace Aftercare.Domain.Narratives;

/// <summary>Who the person has chosen may read their story. Each choice includes the ones before it.</summary>
public enum NarrativeSharing
{
    CareTeamOnly = 1,
    CareTeamAndReferredServices = 2,
    CareTeamReferredServicesAndGp = 3,
}

/// <summary>Who is asking to read the story.</summary>
public enum NarrativeReader
{
    CareTeam,
    ReferredService,
    Gp,
}

/// <summary>
/// The person's story in their own words, with their recorded choice of who may read it. The
/// story is kept exactly as given (only trimmed). Every later use of the text (a referral letter,
/// a shared record, a letter to the GP) goes through <see cref="MayBeReadBy"/> or
/// <see cref="TextFor"/>: the choice lives in one place.
/// </summary>
public sealed class NarrativeInterview
{
    public const int MaxStoryLength = 20000;

    public NarrativeId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public string Story { get; private set; } = "";
    public NarrativeSharing Sharing { get; private set; }
    public StaffId RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public StaffId? SharingChangedBy { get; private set; }
    public DateTimeOffset? SharingChangedAt { get; private set; }

    private NarrativeInterview() { }

    public static NarrativeInterview Record(PersonId person, string? story, NarrativeSharing sharing, StaffId by, DateTimeOffset now)
    {
        var words = Text.Required(story, "Enter the person's story, in their own words", nameof(Story));
        if (words.Length > MaxStoryLength)
            throw new ClinicalRuleException("Keep the story to 20,000 characters or fewer", nameof(Story));
        return new NarrativeInterview
        {
            Id = NarrativeId.New(),
            PersonId = person,
            Story = words,
            Sharing = Chosen(sharing),
            RecordedBy = by,
            RecordedAt = now,
        };
    }

    /// <summary>Records the person's new choice. Returns false, and records nothing, if it is the same as before.</summary>
    public bool ChangeSharing(NarrativeSharing choice, StaffId by, DateTimeOffset now)
    {
        if (Chosen(choice) == Sharing) return false;
        Sharing = choice;
        SharingChangedBy = by;
        SharingChangedAt = now;
        return true;
    }

    /// <summary>The one place the person's choice is applied.</summary>
    public bool MayBeReadBy(NarrativeReader reader) => reader switch
    {
        NarrativeReader.CareTeam => true,
        NarrativeReader.ReferredService => Sharing is NarrativeSharing.CareTeamAndReferredServices or NarrativeSharing.CareTeamReferredServicesAndGp,
        NarrativeReader.Gp => Sharing is NarrativeSharing.CareTeamReferredServicesAndGp,
        _ => false,
    };

    /// <summary>The story if this reader may read it; otherwise (or if there is no story) null.</summary>
    public static string? TextFor(NarrativeInterview? narrative, NarrativeReader reader) =>
        narrative is not null && narrative.MayBeReadBy(reader) ? narrative.Story : null;

    /// <summary>The choice in the words the person is asked it in.</summary>
    public static string Describe(NarrativeSharing sharing) => sharing switch
    {
        NarrativeSharing.CareTeamOnly => "Only my care team",
        NarrativeSharing.CareTeamAndReferredServices => "My care team and the services I am referred to",
        NarrativeSharing.CareTeamReferredServicesAndGp => "My care team, the services I am referred to, and my GP",
        _ => throw new ArgumentOutOfRangeException(nameof(sharing), sharing, null),
    };

    private static NarrativeSharing Chosen(NarrativeSharing choice) =>
        Enum.IsDefined(choice) ? choice : throw new ClinicalRuleException("Choose who may read the person's story", nameof(Sharing));
}
