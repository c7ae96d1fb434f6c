using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Account;

/// <summary>
/// Signing out needs no anti-forgery token, so the header's sign-out button (on every page) does
/// not make one: the session cookie is SameSite=Strict, so a form posted from another site arrives
/// signed out already and has nothing to end. A browser that says the post came from another site
/// is shown the confirmation page instead.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SignOutModel(SignInManager<UserAccount> signIn, AuditTrail audit, Data.AftercareDb db) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("SignedOut");

    /// <summary>Ends the session on the server, so the old cookie opens nothing even if it is replayed.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (Request.Headers["Sec-Fetch-Site"] == "cross-site") return Page();
        // Staff and receiving services' users are audited signing out, as they are signing in.
        if ((CurrentStaff.From(User)?.Id.Value ?? CurrentServiceUser.From(User)?.AccountId) is { } account)
        {
            audit.Add(AuditActions.SignOut, "UserAccount", account.ToString());
            await db.SaveChangesAsync();
        }
        await signIn.SignOutAsync();
        return RedirectToPage("SignedOut");
    }
}
