using System.Security.Claims;

namespace Aftercare.Web.Security;

public static class Policies
{
    public const string Clinical = "clinical";
    public const string Supervisor = "supervisor";
    public const string Administrator = "administrator";
    /// <summary>Any member of staff (not a patient, not a receiving service).</summary>
    public const string Staff = "staff";
    /// <summary>
    /// Reading the service directory: any member of staff, and receiving services, for whom what
    /// other services offer is public information. Never patients.
    /// </summary>
    public const string DirectoryReader = "directory-reader";
    /// <summary>Someone of a receiving service, fully signed in: only their service's pages (and the directory).</summary>
    public const string Service = "service";
    /// <summary>
    /// Anyone fully signed in, of any kind: only the home page, which sends each to their own
    /// pages. Every page without a policy of its own is closed to receiving services.
    /// </summary>
    public const string SignedIn = "signed-in";
    /// <summary>A patient signed in to their own account: only their own pages.</summary>
    public const string Patient = "patient";
    /// <summary>
    /// Live pages (the hub at /hubs/live): clinicians fully signed in, and patients. Never an
    /// administrator or a receiving service, who read no conversation.
    /// </summary>
    public const string Live = "live";
    /// <summary>Signed in with a password, second factor not yet set up: only the set-up pages.</summary>
    public const string PasswordOnly = "password-only";
}

public static class TwoFactor
{
    /// <summary>
    /// Staff must have passed a second factor, and so must receiving services' users: they will
    /// read the assessments and safety plans shared with them, the same clinical records staff
    /// read, so a stolen password alone must not open them. Seeded demo accounts are excused only
    /// while demo mode is on, and demo mode cannot be on against a real (AFTERCARE_DATABASE)
    /// database. For a patient the second factor is their choice: once they have set one up,
    /// sign-in asks for it before this session exists, so a patient's session is complete either way.
    /// </summary>
    public static bool IsSatisfied(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true &&
        (user.HasClaim(AftercareClaims.Amr, "mfa") || user.HasClaim(AftercareClaims.Demo, "true") || user.IsInRole(AftercareClaims.PatientRole));
}
