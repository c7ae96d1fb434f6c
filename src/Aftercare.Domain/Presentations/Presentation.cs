using Aftercare.Domain.Common;

namespace Aftercare.Domain.Presentations;

/// <summary>How the person harmed themselves, in broad categories (after the Multicentre Study of Self-harm).</summary>
public enum MethodCategory
{
    NotKnown = 0,
    SelfPoisoning = 1,
    SelfInjuryCutting = 2,
    SelfInjuryOther = 3,
    Ligature = 4,
    JumpingOrFalling = 5,
    Combination = 6,
    Other = 9,
}

/// <summary>
/// One attendance at hospital after self-harm. The person's account and their intent are kept in
/// their own words. There is deliberately no risk score or low/medium/high rating here (NICE NG225).
/// </summary>
public sealed class Presentation
{
    public PresentationId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public SiteId SiteId { get; private set; }
    public TeamId TeamId { get; private set; }
    public DateTimeOffset ArrivedAt { get; private set; }
    public string AccountInOwnWords { get; private set; } = "";
    public MethodCategory Method { get; private set; }
    public string? PhysicalTreatment { get; private set; }
    public string? IntentInOwnWords { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public StaffId RecordedBy { get; private set; }

    private Presentation() { }

    /// <summary>Arrival may be a few minutes ahead of our clock (ED clocks drift) but no more.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public static Presentation Record(PersonId person, SiteId site, TeamId team, PresentationDetails d, StaffId recordedBy, DateTimeOffset now)
    {
        if (d.ArrivedAt > now + ClockTolerance)
            throw new ClinicalRuleException("Arrival time must be now or in the past", nameof(d.ArrivedAt));
        if (d.ArrivedAt < now.AddYears(-1))
            throw new ClinicalRuleException("Arrival time must be within the last year; older attendances belong in the history", nameof(d.ArrivedAt));
        return new Presentation
        {
            Id = PresentationId.New(),
            PersonId = person,
            SiteId = site,
            TeamId = team,
            ArrivedAt = d.ArrivedAt,
            AccountInOwnWords = Text.Required(d.AccountInOwnWords, "Enter what happened, in the person's words", nameof(d.AccountInOwnWords)),
            Method = d.Method,
            PhysicalTreatment = Text.Clean(d.PhysicalTreatment),
            IntentInOwnWords = Text.Clean(d.IntentInOwnWords),
            RecordedAt = now,
            RecordedBy = recordedBy,
        };
    }
}

public sealed record PresentationDetails
{
    public DateTimeOffset ArrivedAt { get; init; }
    public string AccountInOwnWords { get; init; } = "";
    public MethodCategory Method { get; init; }
    public string? PhysicalTreatment { get; init; }
    public string? IntentInOwnWords { get; init; }
}
