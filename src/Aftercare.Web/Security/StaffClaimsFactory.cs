using System.Security.Claims;
using Aftercare.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aftercare.Web.Security;

/// <summary>
/// Puts the role (or, for a patient, their own record; for a receiving service's user, their
/// service), team and display name into the session at sign-in.
/// </summary>
public sealed class StaffClaimsFactory(UserManager<UserAccount> users, IOptions<IdentityOptions> options, AftercareDb db, AftercareSettings settings)
    : UserClaimsPrincipalFactory<UserAccount>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.PersonId is { } person)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, AftercareClaims.PatientRole));
            identity.AddClaim(new Claim(AftercareClaims.Person, person.Value.ToString()));
        }
        else if (user.ServiceId is { } service)
        {
            // A role of its own: no staff policy names it, so every staff page answers not found.
            identity.AddClaim(new Claim(ClaimTypes.Role, AftercareClaims.ServiceRole));
            identity.AddClaim(new Claim(AftercareClaims.Service, service.Value.ToString()));
            var serviceName = await db.Services.Where(s => s.Id == service).Select(s => s.Name).FirstOrDefaultAsync();
            if (serviceName is not null) identity.AddClaim(new Claim(AftercareClaims.ServiceName, serviceName));
        }
        else
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, user.Role!.Value.ToString()));
        }
        identity.AddClaim(new Claim(AftercareClaims.DisplayName, user.DisplayName));
        if (user.TeamId is { } team)
        {
            identity.AddClaim(new Claim(AftercareClaims.Team, team.Value.ToString()));
            var name = await db.Teams.Where(t => t.Id == team).Select(t => t.Name).FirstOrDefaultAsync();
            if (name is not null) identity.AddClaim(new Claim(AftercareClaims.TeamName, name));
        }
        if (user.IsDemoAccount && settings.DemoMode) identity.AddClaim(new Claim(AftercareClaims.Demo, "true"));
        return identity;
    }
}
