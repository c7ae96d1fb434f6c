using System.ComponentModel.DataAnnotations;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Account;

public sealed class SignInModel(SignInManager<UserAccount> signIn, UserManager<UserAccount> users, AuditTrail audit, Data.AftercareDb db) : PageModel
{
    [BindProperty(Name = "Form")] public SignInForm Form { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        // A new session at every sign-in: whatever session this browser had is ended first.
        if (User.Identity?.IsAuthenticated == true) await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);

        var email = Form.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is { IsActive: false }) user = null;
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Form.Password, isPersistent: false, lockoutOnFailure: true);

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            audit.Add(result.Succeeded ? AuditActions.SignIn : "password-accepted", "UserAccount", user!.Id.ToString(), actorName: user.Email);
            await db.SaveChangesAsync();
        }
        if (result.RequiresTwoFactor) return RedirectToPage("TwoFactor", new { ReturnUrl });
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl(ReturnUrl));

        audit.Add(AuditActions.SignInFailed, "UserAccount", user?.Id.ToString(), actorName: email, reason: result.IsLockedOut ? "locked out" : null);
        await db.SaveChangesAsync();
        ModelState.AddModelError("Form.Email", result.IsLockedOut
            ? "This account is locked for 15 minutes after too many attempts. Try again later or ask your administrator"
            : "Enter the email address and password of an active account");
        return Page();
    }

    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";

    public sealed class SignInForm
    {
        [Required(ErrorMessage = "Enter your email address"), EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.nhs.uk")]
        [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password"), StringLength(PasswordRules<UserAccount>.MaximumLength, ErrorMessage = "Password must be 128 characters or fewer")]
        public string Password { get; set; } = "";
    }
}
