using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Microsoft.AspNetCore.Identity;

namespace Aftercare.Web.Security;

/// <summary>
/// An account that signs in: a member of staff (with a <see cref="Role"/>) or a patient (linked to
/// their own record by <see cref="PersonId"/>), never both. Identity keeps the password hash,
/// lockout and second factor, so both kinds meet the same password rules.
/// </summary>
public sealed class UserAccount : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    /// <summary>What a member of staff does; null for a patient.</summary>
    public StaffRole? Role { get; set; }
    public TeamId? TeamId { get; set; }
    /// <summary>The patient's own record; null for staff. A patient sees only what belongs to this person.</summary>
    public PersonId? PersonId { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Seeded demo accounts; only these may skip the second factor, and only in demo mode.</summary>
    public bool IsDemoAccount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }

    public StaffId StaffId => new(Id);
    public bool IsPatient => PersonId is not null;
}
