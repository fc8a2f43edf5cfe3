using System.Security.Claims;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Attendance.Portal.Accounts;

/// <summary>
/// The claims of a signed-in account: Identity's own (id, name, security stamp) plus the role and, for a
/// professor, <see cref="PortalClaims.ProfessorCode"/>, which <see cref="PortalScope.FromUser"/> reads.
/// </summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.Role.Length > 0)
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, user.Role));
        }

        if (user.Role == PortalRoles.Professor && !string.IsNullOrEmpty(user.ProfessorCode))
        {
            identity.AddClaim(new Claim(PortalClaims.ProfessorCode, user.ProfessorCode));
        }

        return identity;
    }
}
