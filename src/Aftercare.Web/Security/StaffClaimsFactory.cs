using System.Security.Claims;
using Aftercare.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aftercare.Web.Security;

/// <summary>Puts the role, team and display name into the session at sign-in.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options, AftercareDb db, AftercareSettings settings)
    : UserClaimsPrincipalFactory<StaffUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
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
