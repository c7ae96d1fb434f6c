using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Microsoft.AspNetCore.Identity;

namespace Aftercare.Web.Security;

/// <summary>
/// An account that signs in: a member of staff (with a <see cref="Role"/>), a patient (linked to
/// their own record by <see cref="PersonId"/>) or someone of a receiving service (linked to that
/// service by <see cref="ServiceId"/>); exactly one of the three, which the database enforces.
/// Identity keeps the password hash, lockout and second factor, so every kind meets the same
/// password rules.
/// </summary>
public sealed class UserAccount : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    /// <summary>What a member of staff does; null for a patient or a receiving service's user.</summary>
    public StaffRole? Role { get; set; }
    public TeamId? TeamId { get; set; }
    /// <summary>The patient's own record; null for staff. A patient sees only what belongs to this person.</summary>
    public PersonId? PersonId { get; set; }
    /// <summary>
    /// The aftercare service this person works for, for someone of a receiving service; null for
    /// staff and patients. They see only what is addressed to this service.
    /// </summary>
    public ServiceId? ServiceId { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Seeded demo accounts; only these may skip the second factor, and only in demo mode.</summary>
    public bool IsDemoAccount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }

    public StaffId StaffId => new(Id);
    public bool IsPatient => PersonId is not null;
    public bool IsServiceUser => ServiceId is not null;
}
