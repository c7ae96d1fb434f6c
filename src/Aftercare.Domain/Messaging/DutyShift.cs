using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Messaging;

/// <summary>
/// A time a practitioner of the team is on duty for crisis alerts. Shifts are added and ended,
/// never edited or deleted, so who was on duty at any moment can always be answered.
/// </summary>
public sealed class DutyShift
{
    /// <summary>Longer than a day is a rota mistake, not a shift.</summary>
    public static readonly TimeSpan LongestShift = TimeSpan.FromHours(24);

    public DutyShiftId Id { get; private set; }
    public TeamId TeamId { get; private set; }
    public StaffId PractitionerId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public StaffId ArrangedBy { get; private set; }
    public DateTimeOffset ArrangedAt { get; private set; }
    /// <summary>Ended early (someone went home ill, or handed over); the shift then runs to this moment.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    private DutyShift() { }

    public static DutyShift Arrange(TeamId team, StaffId practitioner, DateTimeOffset? startsAt, DateTimeOffset? endsAt, StaffId by, DateTimeOffset now)
    {
        if (startsAt is not { } starts) throw new ClinicalRuleException("Enter when the duty starts", nameof(StartsAt));
        if (endsAt is not { } ends) throw new ClinicalRuleException("Enter when the duty ends", nameof(EndsAt));
        if (ends <= starts) throw new ClinicalRuleException("The duty must end after it starts", nameof(EndsAt));
        if (ends <= now) throw new ClinicalRuleException("The duty must end in the future", nameof(EndsAt));
        if (ends - starts > LongestShift) throw new ClinicalRuleException("A duty can be at most 24 hours: add another for the next day", nameof(EndsAt));
        return new DutyShift
        {
            Id = DutyShiftId.New(),
            TeamId = team,
            PractitionerId = practitioner,
            // A shift arranged to start in the past starts now: alerts already raised were not theirs.
            StartsAt = starts < now ? now : starts,
            EndsAt = ends,
            ArrangedBy = by,
            ArrangedAt = now,
        };
    }

    /// <summary>The moment the shift stops: its end, or when it was ended early.</summary>
    public DateTimeOffset Until => EndedAt is { } ended && ended < EndsAt ? ended : EndsAt;

    public bool CoversMoment(DateTimeOffset at) => StartsAt <= at && at < Until;

    /// <summary>Ends the shift now; a shift already over is left as it was.</summary>
    public bool End(DateTimeOffset now)
    {
        if (now >= Until) return false;
        EndedAt = now < StartsAt ? StartsAt : now;
        return true;
    }

    /// <summary>
    /// Who is on duty at a moment: of the shifts covering it, the one that started last (a fresh
    /// shift takes over from one that overlaps it). None when the rota has a gap.
    /// </summary>
    public static StaffId? OnDutyAt(IEnumerable<DutyShift> shifts, DateTimeOffset at) =>
        shifts.Where(s => s.CoversMoment(at)).OrderByDescending(s => s.StartsAt).ThenByDescending(s => s.ArrangedAt)
            .Select(s => (StaffId?)s.PractitionerId).FirstOrDefault();
}
