namespace Attendance.Portal;

/// <summary>
/// Settings of the portal's pages, bound from the "Portal" configuration section by the host
/// (<see cref="PortalPagesExtensions.AddAttendancePortalPages"/>).
/// </summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>
    /// Enrolled students whose attendance in a class is below this percentage are highlighted on the class sheet
    /// and flagged in its exports. 75 is the original institution's rule (below 75 % of the hours fails the class).
    /// </summary>
    public double MinimumAttendancePercent { get; set; } = 75;

    /// <summary>Rolls per page of the search.</summary>
    public int RollsPerPage { get; set; } = 25;

    /// <summary>
    /// IANA or Windows id of the time zone the pages show times in (rolls are stored in UTC); null or empty means
    /// the server's own zone, which is the classrooms' zone in a single-campus installation.
    /// </summary>
    public string? TimeZoneId { get; set; }

    public TimeZoneInfo ResolveTimeZone() =>
        string.IsNullOrWhiteSpace(TimeZoneId) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
