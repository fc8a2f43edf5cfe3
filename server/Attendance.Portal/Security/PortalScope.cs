using System.Security.Claims;

namespace Attendance.Portal.Security;

/// <summary>
/// What a signed-in user may see, passed to every <see cref="Data.IRollArchive"/> query so that the database
/// filters, not the page: everything (administrator, secretary), or one professor's classes and rolls. A user
/// with neither (no role, or a professor account without a code) sees nothing.
/// </summary>
public sealed record PortalScope(bool Everything, string? ProfessorCode)
{
    public static readonly PortalScope Nothing = new(false, null);

    public static PortalScope All { get; } = new(true, null);

    public static PortalScope ForProfessor(string professorCode) => new(false, professorCode);

    public bool SeesNothing => !Everything && string.IsNullOrEmpty(ProfessorCode);

    public static PortalScope FromUser(ClaimsPrincipal user)
    {
        if (user.IsInRole(PortalRoles.Administrator) || user.IsInRole(PortalRoles.Secretary))
        {
            return All;
        }

        var code = user.FindFirst(PortalClaims.ProfessorCode)?.Value;
        return user.IsInRole(PortalRoles.Professor) && !string.IsNullOrEmpty(code) ? ForProfessor(code) : Nothing;
    }
}
