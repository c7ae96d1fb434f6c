using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Account;

/// <summary>Staff set up an authenticator app before they can see anything else.</summary>
[Authorize(Policy = Policies.PasswordOnly)]
public sealed class SetUpTwoFactorModel(SignInManager<UserAccount> signIn, UserManager<UserAccount> users, AuditTrail audit, Data.AftercareDb db) : PageModel
{
    [BindProperty(Name = "Form")] public TwoFactorModel.CodeForm Form { get; set; } = new();
    public string Key { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    /// <summary>
    /// The account already has its second factor. The key is then never shown again: anyone who
    /// has the open session (a screen left signed in) could otherwise copy it into their own
    /// app and, with the password, sign in as this person after the session ends.
    /// </summary>
    public bool AlreadySetUp { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("SignIn");
        AlreadySetUp = user.TwoFactorEnabled;
        if (!AlreadySetUp) await LoadKey(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("SignIn");
        // Nothing to turn on, and the key is not replaced: the app the person has keeps working.
        if (user.TwoFactorEnabled) return LocalRedirect("/");
        if (!ModelState.IsValid) { await LoadKey(user); return Page(); }
        var code = new string(Form.Code.Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Form.Code", "The code is not right. Check the app shows Aftercare and enter the code it shows now");
            await LoadKey(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        audit.Add("two-factor-enabled", "UserAccount", user.Id.ToString());
        await db.SaveChangesAsync();
        // A fresh session that records the second factor.
        await signIn.SignOutAsync();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AftercareClaims.Amr, "mfa")]);
        return LocalRedirect("/");
    }

    private async Task LoadKey(UserAccount user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        Key = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/Aftercare:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=Aftercare&digits=6";
    }
}
