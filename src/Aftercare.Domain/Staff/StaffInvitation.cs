using Aftercare.Domain.Common;

namespace Aftercare.Domain.Staff;

/// <summary>
/// A one-time invitation for a new member of staff to set their password. Only a hash of the
/// code is kept; the code itself is shown once to the administrator who made it.
/// </summary>
public sealed class StaffInvitation
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(72);

    public Guid Id { get; private set; }
    public StaffId StaffId { get; private set; }
    public string CodeHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    private StaffInvitation() { }

    public static StaffInvitation Issue(StaffId staff, string codeHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        StaffId = staff,
        CodeHash = codeHash,
        CreatedAt = now,
        ExpiresAt = now + ValidFor,
    };

    public bool CanBeUsedAt(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Use(DateTimeOffset now)
    {
        if (UsedAt is not null) throw new ClinicalRuleException("This invitation has already been used");
        if (now >= ExpiresAt) throw new ClinicalRuleException("This invitation has expired: ask your administrator for a new one");
        UsedAt = now;
    }
}
