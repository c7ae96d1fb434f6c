using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Account;

/// <summary>
/// A patient uses the one-time code their practitioner gave them to make their account: their
/// email address and a password (the same rules as staff). They are then signed in to their plan.
/// </summary>
public sealed class PatientInvitationModel(AftercareDb db, UserManager<UserAccount> users, SignInManager<UserAccount> signIn, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public AccountForm Form { get; set; } = new();

    public IActionResult OnGet([FromQuery] string? code)
    {
        Form.Code = code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Form.Password is not null && Form.ConfirmPassword is not null && Form.Password != Form.ConfirmPassword)
            ModelState.AddModelError("Form.ConfirmPassword", "The passwords do not match. Type the same password twice");
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow();
        PatientInvitation? invitation = null;
        var normalised = PatientInvitationCode.Normalise(Form.Code);
        if (normalised is not null)
        {
            var hash = PatientInvitationCode.Hash(normalised);
            invitation = await db.PatientInvitations.FirstOrDefaultAsync(i => i.CodeHash == hash, ct);
        }
        if (invitation is null || !invitation.CanBeUsedAt(now))
        {
            ModelState.AddModelError("Form.Code", normalised is null
                ? "Enter the 12-character code from your invitation, for example ABCD-EFGH-JKMN"
                : "This code cannot be used. It may have expired (codes last 72 hours) or been used already. Ask your practitioner for a new one");
            return Page();
        }
        if (await db.Users.AnyAsync(u => u.PersonId == invitation.PersonId, ct))
        {
            ModelState.AddModelError("Form.Code", "You already have an account. Sign in with your email address and password");
            return Page();
        }
        var email = Form.Email!.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError("Form.Email", "This email address is already used for an account. Use another one, or sign in");
            return Page();
        }

        var name = await db.Persons.Where(p => p.Id == invitation.PersonId).Select(p => p.PreferredName ?? p.GivenName).FirstAsync(ct);
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = name,
            PersonId = invitation.PersonId,
            IsActive = true,
            CreatedAt = now,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, Form.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
                ModelState.AddModelError(error.Code.Contains("Email") || error.Code.Contains("UserName") ? "Form.Email" : "Form.Password", error.Description);
            return Page();
        }
        invitation.Use(now);
        audit.Add("patient-account-created", "UserAccount", user.Id.ToString(), invitation.PersonId.Value, actorName: name);
        await db.SaveChangesAsync(ct);

        // A fresh session of their own, straight to their plan: one less step on a hard day.
        if (User.Identity?.IsAuthenticated == true) await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/my");
    }

    public sealed class AccountForm
    {
        [Required(ErrorMessage = "Enter the code from your invitation")]
        [StringLength(40, ErrorMessage = "Enter the 12-character code from your invitation, for example ABCD-EFGH-JKMN")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.com")]
        [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Choose a password")]
        [StringLength(PasswordRules<UserAccount>.MaximumLength, MinimumLength = PasswordRules<UserAccount>.MinimumLength, ErrorMessage = "Password must be between 8 and 128 characters")]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Enter the password again")]
        public string? ConfirmPassword { get; set; }
    }
}
