using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Microsoft.AspNetCore.Identity;

namespace Aftercare.Web.Security;

/// <summary>A member of staff's account. Identity keeps the password hash, lockout and second factor.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public StaffRole Role { get; set; }
    public TeamId? TeamId { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Seeded demo accounts; only these may skip the second factor, and only in demo mode.</summary>
    public bool IsDemoAccount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }

    public StaffId StaffId => new(Id);
}
