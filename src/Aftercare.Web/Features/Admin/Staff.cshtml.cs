using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Admin;

/// <summary>Administrators invite staff and deactivate accounts; a deactivated account's sessions end at once.</summary>
public sealed class StaffModel(AftercareDb db, UserManager<UserAccount> users, AccountDeactivation deactivation, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Invite")] public InviteForm Invite { get; set; } = new();
    public List<StaffRow> Staff { get; private set; } = [];
    public List<SelectListItem> TeamOptions { get; private set; } = [];
    public string? InvitationLink { get; private set; }
    public string? InvitedName { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync() => await Load();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (Invite.Role is StaffRole.Practitioner or StaffRole.Supervisor && Invite.TeamId is null)
            ModelState.AddModelError("Invite.TeamId", "Choose the team this person works in");
        if (Invite.TeamId is { } t && !await db.Teams.AnyAsync(x => x.Id == new TeamId(t)))
            ModelState.AddModelError("Invite.TeamId", "Choose a team from the list");
        if (!string.IsNullOrWhiteSpace(Invite.Email) && await users.FindByEmailAsync(Invite.Email.Trim()) is not null)
            ModelState.AddModelError("Invite.Email", "There is already an account with this email address");
        if (!ModelState.IsValid) { await Load(); return Page(); }

        var now = clock.GetUtcNow();
        var email = Invite.Email.Trim();
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Invite.Name.Trim(),
            Role = Invite.Role!.Value,
            TeamId = Invite.Role == StaffRole.Administrator ? null : new TeamId(Invite.TeamId!.Value),
            CreatedAt = now,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) ModelState.AddModelError("Invite.Email", e.Description);
            await Load();
            return Page();
        }
        var code = SecretToken.New();
        db.StaffInvitations.Add(StaffInvitation.Issue(user.StaffId, SecretToken.Hash(code), now));
        audit.Add(AuditActions.Invite, "UserAccount", user.Id.ToString());
        await db.SaveChangesAsync();

        // Shown once, here; only its hash is kept.
        InvitationLink = $"{Request.Scheme}://{Request.Host}/account/accept-invitation?code={Uri.EscapeDataString(code)}";
        InvitedName = user.DisplayName;
        Invite = new InviteForm();
        ModelState.Clear();
        await Load();
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id)
    {
        var me = CurrentStaff.From(User)!;
        var user = await users.FindByIdAsync(id.ToString());
        // Patients' and receiving services' accounts are not staff: this page neither lists nor
        // changes them (a service's users are managed from that service in the directory).
        if (user is null || user.IsPatient || user.IsServiceUser) return NotFound();
        if (user.Id == me.Id.Value)
        {
            Notice = "You cannot deactivate your own account. Ask another administrator.";
            return RedirectToPage();
        }
        await deactivation.Deactivate(user);
        Notice = $"{user.DisplayName}'s account is deactivated and their sessions have ended.";
        return RedirectToPage();
    }

    private async Task Load()
    {
        Staff = await db.Users.AsNoTracking()
            .Where(u => u.Role != null)
            .OrderBy(u => !u.IsActive).ThenBy(u => u.DisplayName)
            .Select(u => new StaffRow(u.Id, u.DisplayName, u.Email ?? "", u.Role!.Value,
                db.Teams.Where(t => t.Id == u.TeamId).Select(t => t.Name).FirstOrDefault(),
                u.IsActive, u.PasswordHash != null, u.TwoFactorEnabled))
            .Take(500).ToListAsync();
        var teams = await db.Teams.AsNoTracking()
            .Join(db.Sites, t => t.SiteId, s => s.Id, (t, s) => new { t.Id, Label = t.Name + ", " + s.Name })
            .OrderBy(x => x.Label).ToListAsync();
        TeamOptions = [new SelectListItem("Choose a team", ""), .. teams.Select(t => new SelectListItem(t.Label, t.Id.Value.ToString()))];
    }

    public sealed record StaffRow(Guid Id, string Name, string Email, StaffRole Role, string? Team, bool IsActive, bool HasPassword, bool HasSecondFactor);

    public static readonly List<SelectListItem> RoleOptions =
    [
        new("Choose a role", ""),
        new("Practitioner", nameof(StaffRole.Practitioner)),
        new("Supervisor or team manager", nameof(StaffRole.Supervisor)),
        new("Administrator", nameof(StaffRole.Administrator)),
    ];

    public sealed class InviteForm
    {
        [Required(ErrorMessage = "Enter the person's full name"), StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        public string Name { get; set; } = "";
        [Required(ErrorMessage = "Enter their work email address"), EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.nhs.uk")]
        [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
        public string Email { get; set; } = "";
        [Required(ErrorMessage = "Choose a role")]
        public StaffRole? Role { get; set; }
        public Guid? TeamId { get; set; }
    }
}
