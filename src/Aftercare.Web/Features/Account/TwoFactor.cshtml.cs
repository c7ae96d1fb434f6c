using System.ComponentModel.DataAnnotations;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Account;

public sealed class TwoFactorModel(SignInManager<UserAccount> signIn, AuditTrail audit, Data.AftercareDb db) : PageModel
{
    [BindProperty(Name = "Form")] public CodeForm Form { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || !user.IsActive) return RedirectToPage("SignIn");
        if (!ModelState.IsValid) return Page();

        var code = new string(Form.Code.Where(char.IsAsciiDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            audit.Add(AuditActions.SignIn, "UserAccount", user.Id.ToString(), actorName: user.Email, reason: "second factor");
            await db.SaveChangesAsync();
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }
        audit.Add(AuditActions.SignInFailed, "UserAccount", user.Id.ToString(), actorName: user.Email, reason: "wrong second-factor code");
        await db.SaveChangesAsync();
        ModelState.AddModelError("Form.Code", result.IsLockedOut
            ? "This account is locked for 15 minutes after too many attempts. Try again later or ask your administrator"
            : "The code is not right. Enter the 6-digit code your authenticator app shows now");
        return Page();
    }

    public sealed class CodeForm
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The code must be 6 numbers")]
        public string Code { get; set; } = "";
    }
}
