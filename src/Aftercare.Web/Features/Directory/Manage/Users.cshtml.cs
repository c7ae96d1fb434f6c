using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Directory.Manage;

/// <summary>
/// Administrators invite the people of a receiving service who will see the referrals addressed
/// to it, and deactivate them when they leave (their sessions end at once). An invitee sets a
/// password and, like staff, a second factor before anything opens.
/// </summary>
public sealed class UsersModel(AftercareDb db, UserManager<UserAccount> users, AccountDeactivation deactivation, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Invite")] public InviteForm Invite { get; set; } = new();
    public AftercareService Service { get; private set; } = null!;
    public List<ServiceUserRow> Users { get; private set; } = [];
    public string? InvitationLink { get; private set; }
    public string? InvitedName { get; private set; }
    [TempData] public string? Notice { get; set; }

    public string PageUrl => $"/directory/manage/{Service.Id}/users";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        if (!Service.IsActive)
            ModelState.AddModelError("", $"{Service.Name} is retired and takes no referrals, so it needs no new users. Bring it back into use first");
        if (!string.IsNullOrWhiteSpace(Invite.Email) && await users.FindByEmailAsync(Invite.Email.Trim()) is not null)
            ModelState.AddModelError("Invite.Email", "There is already an account with this email address");
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow();
        var email = Invite.Email.Trim();
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Invite.Name.Trim(),
            // Neither a staff role nor a team: only this service.
            ServiceId = Service.Id,
            CreatedAt = now,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) ModelState.AddModelError("Invite.Email", e.Description);
            return Page();
        }
        // The same one-time invitation as staff: it names the account it opens.
        var code = SecretToken.New();
        db.StaffInvitations.Add(StaffInvitation.Issue(user.StaffId, SecretToken.Hash(code), now));
        audit.Add(AuditActions.Invite, "UserAccount", user.Id.ToString(), reason: "User of " + Service.Name);
        await db.SaveChangesAsync(ct);

        // Shown once, here; only its hash is kept.
        InvitationLink = $"{Request.Scheme}://{Request.Host}/account/accept-invitation?code={Uri.EscapeDataString(code)}";
        InvitedName = user.DisplayName;
        Invite = new InviteForm();
        ModelState.Clear();
        Users = await UsersOf(db, Service.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, Guid account, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        // Only a user of this service is deactivated from this service's page.
        var user = await users.FindByIdAsync(account.ToString());
        if (user is null || user.ServiceId != Service.Id) return NotFound();
        await deactivation.Deactivate(user);
        Notice = $"{user.DisplayName}'s account is deactivated and their sessions have ended.";
        return Redirect(PageUrl);
    }

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        var found = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == new ServiceId(id), ct);
        if (found is null) return false;
        Service = found;
        Users = await UsersOf(db, found.Id, ct);
        return true;
    }

    /// <summary>The people who sign in for a service, those still active first.</summary>
    public static Task<List<ServiceUserRow>> UsersOf(AftercareDb db, ServiceId service, CancellationToken ct) =>
        db.Users.AsNoTracking()
            .Where(u => u.ServiceId == service)
            .OrderBy(u => !u.IsActive).ThenBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new ServiceUserRow(u.Id, u.DisplayName, u.Email ?? "", u.IsActive, u.PasswordHash != null, u.TwoFactorEnabled))
            .Take(500).ToListAsync(ct);

    public sealed record ServiceUserRow(Guid Id, string Name, string Email, bool IsActive, bool HasPassword, bool HasSecondFactor)
    {
        public string Status => !IsActive ? "Deactivated" : !HasPassword ? "Invited" : HasSecondFactor ? "Active" : "Active (security code not set up)";
    }

    public sealed class InviteForm
    {
        [Required(ErrorMessage = "Enter the person's full name"), StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        public string Name { get; set; } = "";
        [Required(ErrorMessage = "Enter their work email address"), EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.nhs.uk")]
        [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
        public string Email { get; set; } = "";
    }
}
