using Aftercare.Domain.Common;

namespace Aftercare.Domain.Referrals;

/// <summary>The discipline a contributor writes from. Letters with input from several disciplines are accepted more often.</summary>
public enum Discipline
{
    Psychiatry = 1,
    Nursing = 2,
    SocialWork = 3,
    Psychology = 4,
    OccupationalTherapy = 5,
    GeneralPractice = 6,
    SubstanceUse = 7,
    Pharmacy = 8,
    /// <summary>Any other discipline; the contributor's role then says which.</summary>
    Other = 9,
}

public static class Disciplines
{
    public static string Describe(Discipline discipline) => discipline switch
    {
        Discipline.Psychiatry => "psychiatry",
        Discipline.Nursing => "nursing",
        Discipline.SocialWork => "social work",
        Discipline.Psychology => "psychology",
        Discipline.OccupationalTherapy => "occupational therapy",
        Discipline.GeneralPractice => "general practice",
        Discipline.SubstanceUse => "drug and alcohol services",
        Discipline.Pharmacy => "pharmacy",
        Discipline.Other => "another discipline",
        _ => throw new ArgumentOutOfRangeException(nameof(discipline), discipline, null),
    };
}

/// <summary>
/// A colleague the referrer names to add their part to the letter, from their discipline. A
/// colleague who is staff here (<see cref="StaffId"/>) writes their part themselves, since it goes
/// to the service under their name; for someone outside (a GP, a drug and alcohol worker) a member
/// of staff records what they said, and who recorded it is kept. A contributor removed by the
/// referrer stays on the referral with who removed them, when and why.
/// </summary>
public sealed class ReferralContributor
{
    public const int MaxNameLength = 200;
    public const int MaxPartLength = 8000;

    public Guid Id { get; private set; }
    public ReferralId ReferralId { get; private set; }
    public string Name { get; private set; } = "";
    public Discipline Discipline { get; private set; }
    /// <summary>Their role in words ("Consultant liaison psychiatrist"); needed for <see cref="Discipline.Other"/>.</summary>
    public string? Role { get; private set; }
    public StaffId? StaffId { get; private set; }
    public StaffId NamedBy { get; private set; }
    public DateTimeOffset NamedAt { get; private set; }
    public string? Part { get; private set; }
    public StaffId? PartWrittenBy { get; private set; }
    public string? PartWrittenByName { get; private set; }
    public DateTimeOffset? PartWrittenAt { get; private set; }
    public StaffId? RemovedBy { get; private set; }
    public DateTimeOffset? RemovedAt { get; private set; }
    public string? RemovalReason { get; private set; }

    private ReferralContributor() { }

    internal ReferralContributor(ReferralId referral, string name, Discipline discipline, string? role, StaffId? staff, StaffId by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        ReferralId = referral;
        Name = name;
        Discipline = discipline;
        Role = role;
        StaffId = staff;
        NamedBy = by;
        NamedAt = now;
    }

    public bool IsRemoved => RemovedAt is not null;

    public bool HasAddedTheirPart => Part is not null;

    /// <summary>How they are named above their part in the letter: "From Sam Okafor, consultant liaison psychiatrist".</summary>
    public string Heading => $"From {Name}, {Role ?? Disciplines.Describe(Discipline)}";

    /// <summary>A copy for a resubmission: the same colleague and their part as written, for them to revise.</summary>
    internal ReferralContributor CarriedTo(ReferralId referral) => new()
    {
        Id = Guid.CreateVersion7(),
        ReferralId = referral,
        Name = Name,
        Discipline = Discipline,
        Role = Role,
        StaffId = StaffId,
        NamedBy = NamedBy,
        NamedAt = NamedAt,
        Part = Part,
        PartWrittenBy = PartWrittenBy,
        PartWrittenByName = PartWrittenByName,
        PartWrittenAt = PartWrittenAt,
    };

    internal void WritePart(string part, StaffId by, string byName, DateTimeOffset now)
    {
        Part = part;
        PartWrittenBy = by;
        PartWrittenByName = byName;
        PartWrittenAt = now;
    }

    internal void Remove(string reason, StaffId by, DateTimeOffset now)
    {
        RemovedBy = by;
        RemovedAt = now;
        RemovalReason = reason;
    }
}
