namespace Attendance.Portal.Security;

/// <summary>
/// The portal's roles. Administrators and secretaries see every class; a professor sees only the classes they
/// teach and the rolls they made (<see cref="PortalScope"/>). Only administrators manage accounts.
/// </summary>
public static class PortalRoles
{
    public const string Administrator = "administrator";
    public const string Secretary = "secretary";
    public const string Professor = "professor";

    public static readonly string[] All = { Administrator, Secretary, Professor };
}

/// <summary>Claim types the portal issues at sign-in.</summary>
public static class PortalClaims
{
    /// <summary>The professor code (professors.code) an account of role professor is linked to.</summary>
    public const string ProfessorCode = "attendance:professor_code";
}
