using Aftercare.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Aftercare.Web.Security;

/// <summary>
/// Ends someone's access at once when they leave (a member of staff, or someone of a receiving
/// service): sign-in is refused from now on and every open session ends on every web node, so
/// nothing they had open keeps showing a record. Audited.
/// </summary>
public sealed class AccountDeactivation(UserManager<UserAccount> users, ServerSessions sessions, AuditTrail audit, AftercareDb db, TimeProvider clock)
{
    public async Task Deactivate(UserAccount user)
    {
        if (!user.IsActive) return;
        user.IsActive = false;
        user.DeactivatedAt = clock.GetUtcNow();
        user.LockoutEnd = DateTimeOffset.MaxValue;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllForUser(user.Id, "account deactivated");
        audit.Add(AuditActions.Deactivate, "UserAccount", user.Id.ToString());
        await db.SaveChangesAsync();
    }
}
