using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Account;

/// <summary>A new member of staff uses their one-time invitation code to choose a password.</summary>
public sealed class AcceptInvitationModel(AftercareDb db, UserManager<UserAccount> users, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(Name = "Form")] public PasswordForm Form { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public bool Invalid { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Invalid = await FindInvitation() is null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var invitation = await FindInvitation();
        if (invitation is null) { Invalid = true; return Page(); }
        if (Form.Password != Form.ConfirmPassword)
            ModelState.AddModelError("Form.ConfirmPassword", "The passwords do not match");
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByIdAsync(invitation.StaffId.ToString());
        if (user is null || !user.IsActive) { Invalid = true; return Page(); }
        var result = await users.AddPasswordAsync(user, Form.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError("Form.Password", error.Description);
            return Page();
        }
        invitation.Use(clock.GetUtcNow());
        audit.Add("invitation-accepted", "UserAccount", user.Id.ToString(), actorName: user.Email);
        await db.SaveChangesAsync();
        Notice = "Your password is set. Sign in, then set up your security code.";
        return RedirectToPage("SignIn");
    }

    private async Task<Domain.Staff.StaffInvitation?> FindInvitation()
    {
        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 200) return null;
        var hash = SecretToken.Hash(Code);
        var invitation = await db.StaffInvitations.FirstOrDefaultAsync(i => i.CodeHash == hash);
        return invitation is not null && invitation.CanBeUsedAt(clock.GetUtcNow()) ? invitation : null;
    }

    public sealed class PasswordForm
    {
        [Required(ErrorMessage = "Enter a password")]
        [StringLength(PasswordRules<UserAccount>.MaximumLength, MinimumLength = PasswordRules<UserAccount>.MinimumLength, ErrorMessage = "Password must be between 8 and 128 characters")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter the password again")]
        public string ConfirmPassword { get; set; } = "";
    }
}
