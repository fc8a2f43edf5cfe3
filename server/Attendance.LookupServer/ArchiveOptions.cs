namespace Attendance.LookupServer;

/// <summary>
/// The "Lookup:Archive" section: the stored rolls (docs/protocol.md, "Uploading a roll") and the portal's reading
/// of them (Storage/SqlRollArchive.cs; server/README.md, "Stored rolls").
/// </summary>
public sealed class ArchiveOptions
{
    /// <summary>
    /// The time zone of the institution (IANA id such as "Europe/Lisbon", or a Windows id): a roll's local date
    /// gives its year and semester (as MATRICULADO) and the portal's date filters are local calendar days. Empty
    /// (default): the machine's own time zone.
    /// </summary>
    public string TimeZone { get; set; } = "";

    /// <summary>The configured zone; an unknown id stops the server with a clear message (<see cref="StartRefusedException"/>).</summary>
    public TimeZoneInfo ResolveTimeZone()
    {
        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            return TimeZoneInfo.Local;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone.Trim());
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new StartRefusedException("Lookup:Archive:TimeZone '" + TimeZone + "' is not a time zone this machine knows (use an IANA id such as Europe/Lisbon, or leave it empty for the machine's own).");
        }
    }
}
