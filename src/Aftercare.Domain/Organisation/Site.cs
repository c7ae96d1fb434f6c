using Aftercare.Domain.Common;

namespace Aftercare.Domain.Organisation;

/// <summary>A hospital with an emergency department.</summary>
public sealed class Site
{
    public SiteId Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The organisation data service code of the site, when known.</summary>
    public string? OdsCode { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private Site() { }

    public static Site Create(string? name, string? odsCode, DateTimeOffset now) => new()
    {
        Id = SiteId.New(),
        Name = Text.Required(name, "Enter the site's name", nameof(Name)),
        OdsCode = Text.Clean(odsCode)?.ToUpperInvariant(),
        CreatedAt = now,
    };
}

/// <summary>A liaison psychiatry or ED mental health team working at a site.</summary>
public sealed class Team
{
    public TeamId Id { get; private set; }
    public SiteId SiteId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>How many active people each practitioner holds before an allocation needs a reason; none when not set.</summary>
    public int? CaseloadLimit { get; private set; }
    /// <summary>The team's video-call address, offered when a session is by video.</summary>
    public string? VideoLink { get; private set; }

    /// <summary>When the team reads messages, as <see cref="Messaging.ReadingHours.ToStored"/> keeps it: Monday to Friday, 9 to 5 unless the supervisor says otherwise.</summary>
    public string MessageReadingHours { get; private set; } = Messaging.ReadingHours.StandardText;
    /// <summary>How many hours of reading time a person waits at most for a reply; 16 (two working days) unless the supervisor says otherwise.</summary>
    public int MessageReplyWithinHours { get; private set; } = StandardReplyWithinHours;

    /// <summary>Minutes a crisis alert may wait for someone to take it on before it goes to the supervisor.</summary>
    public int AlertEscalationMinutes { get; private set; } = Messaging.DutyAlert.DefaultEscalationMinutes;

    public const int StandardReplyWithinHours = 16;
    /// <summary>Two working weeks of eight hours: a longer promise is no promise to someone waiting after self-harm.</summary>
    public const int MaxReplyWithinHours = 80;

    private Team() { }

    public Messaging.ReadingHours ReadingHours(TimeZoneInfo zone) => Messaging.ReadingHours.Parse(MessageReadingHours, zone);

    /// <summary>Sets when the team reads messages and how soon, in reading hours, it replies.</summary>
    public void SetMessaging(Messaging.ReadingHours hours, int? replyWithinHours)
    {
        if (replyWithinHours is not { } within || within < 1 || within > MaxReplyWithinHours)
            throw new ClinicalRuleException($"Enter the reply time as a whole number of reading hours from 1 to {MaxReplyWithinHours}", nameof(MessageReplyWithinHours));
        MessageReadingHours = hours.ToStored();
        MessageReplyWithinHours = within;
    }

    public void SetAlertEscalation(int? minutes) => AlertEscalationMinutes = Messaging.DutyAlert.ValidEscalationMinutes(minutes);

    public void SetCaseloadLimit(int? limit) => CaseloadLimit = Caseloads.CaseloadRule.ValidLimit(limit);

    public void SetVideoLink(string? link)
    {
        var text = Text.Clean(link);
        if (text is not null && (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || text.Length > 500))
            throw new ClinicalRuleException("Enter the video link as a full https:// address, such as https://video.example.nhs.uk/room/liaison", nameof(VideoLink));
        VideoLink = text;
    }

    public static Team Create(SiteId site, string? name, DateTimeOffset now) => new()
    {
        Id = TeamId.New(),
        SiteId = site,
        Name = Text.Required(name, "Enter the team's name", nameof(Name)),
        CreatedAt = now,
    };
}
