namespace Attendance.Portal.Accounts;

/// <summary>Every account, for the administrators' list (Identity's UserManager finds one account at a time).</summary>
public interface IPortalUserDirectory
{
    Task<IReadOnlyList<PortalUser>> ListAsync(CancellationToken cancellationToken);
}
