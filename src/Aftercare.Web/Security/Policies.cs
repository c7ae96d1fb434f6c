using System.Security.Claims;

namespace Aftercare.Web.Security;

public static class Policies
{
    public const string Clinical = "clinical";
    public const string Supervisor = "supervisor";
    public const string Administrator = "administrator";
    /// <summary>Any member of staff (not a patient): the service directory.</summary>
    public const string Staff = "staff";
    /// <summary>A patient signed in to their own account: only their own pages.</summary>
    public const string Patient = "patient";
    /// <summary>Signed in with a password, second factor not yet set up: only the set-up pages.</summary>
    public const string PasswordOnly = "password-only";
}

public static class TwoFactor
{
    /// <summary>
    /// Staff must have passed a second factor. Seeded demo accounts are excused only while demo
    /// mode is on, and demo mode cannot be on against a real (AFTERCARE_DATABASE) database.
    /// For a patient the second factor is their choice: once they have set one up, sign-in asks
    /// for it before this session exists, so a patient's session is complete either way.
    /// </summary>
    public static bool IsSatisfied(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true &&
        (user.HasClaim(AftercareClaims.Amr, "mfa") || user.HasClaim(AftercareClaims.Demo, "true") || user.IsInRole(AftercareClaims.PatientRole));
}
