namespace Attendance.Portal.Accounts;

/// <summary>
/// A staff account of the portal, as ASP.NET Core Identity's UserManager and SignInManager handle it. One role
/// per account (<see cref="Security.PortalRoles"/>); a professor account is linked to one professor code. The
/// lookup server stores accounts in its database (Storage/SqlPortalUserStore); the password hash is Identity's
/// PasswordHasher (PBKDF2), never anything of our own.
/// </summary>
public sealed class PortalUser
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string? PasswordHash { get; set; }

    /// <summary>Changes whenever the credentials or the role change, so that signed-in sessions are re-checked.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Changes at every update; an update that finds another stamp in the database fails (two editors at once).</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string Role { get; set; } = "";

    /// <summary>professors.code of the professor this account belongs to; only for the professor role.</summary>
    public string? ProfessorCode { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public bool LockoutEnabled { get; set; } = true;
}
