using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Account;

public sealed class SignOutModel(SignInManager<UserAccount> signIn, AuditTrail audit, Data.AftercareDb db) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("SignedOut");

    /// <summary>Ends the session on the server, so the old cookie opens nothing even if it is replayed.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (CurrentStaff.From(User) is { } staff)
        {
            audit.Add(AuditActions.SignOut, "UserAccount", staff.Id.ToString());
            await db.SaveChangesAsync();
        }
        await signIn.SignOutAsync();
        return RedirectToPage("SignedOut");
    }
}
