using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Access;

/// <summary>
/// Emergency access to a record held by another team: a practitioner writes why, the access
/// lasts one shift, and the supervisor of the record's team sees that it happened and why.
/// </summary>
public sealed class BreakGlassGrant
{
    public static readonly TimeSpan Duration = TimeSpan.FromHours(12);
    public const int MinimumReasonLength = 20;

    public Guid Id { get; private set; }
    public StaffId StaffId { get; private set; }
    public PersonId PersonId { get; private set; }
    public TeamId RecordTeamId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset GrantedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public StaffId? ReviewedBy { get; private set; }

    private BreakGlassGrant() { }

    public static BreakGlassGrant Open(StaffRole role, StaffId staff, TeamId? staffTeam, PersonId person, TeamId recordTeam, string? reason, DateTimeOffset now)
    {
        if (!CareAccessRule.MayBreakGlass(role))
            throw new ClinicalRuleException("Only practitioners can open another team's record in an emergency");
        if (staffTeam == recordTeam)
            throw new ClinicalRuleException("This record is already in your team's care");
        var why = Text.Clean(reason);
        if (why is null)
            throw new ClinicalRuleException("Enter why you need to open this record", nameof(Reason));
        if (why.Length < MinimumReasonLength)
            throw new ClinicalRuleException($"Give the reason in at least {MinimumReasonLength} characters, so the record's team can understand it", nameof(Reason));
        return new BreakGlassGrant
        {
            Id = Guid.CreateVersion7(),
            StaffId = staff,
            PersonId = person,
            RecordTeamId = recordTeam,
            Reason = why,
            GrantedAt = now,
            ExpiresAt = now + Duration,
        };
    }

    public bool IsActiveAt(DateTimeOffset now) => now >= GrantedAt && now < ExpiresAt;

    public void MarkReviewed(StaffId supervisor, DateTimeOffset now)
    {
        if (ReviewedAt is not null) return;
        ReviewedAt = now;
        ReviewedBy = supervisor;
    }
}
