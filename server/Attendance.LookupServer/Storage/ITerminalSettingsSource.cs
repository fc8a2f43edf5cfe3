namespace Attendance.LookupServer.Storage;

/// <summary>
/// The settings the lookup server offers a terminal (docs/protocol.md, "Time and settings from the server"): the
/// defaults for all terminals with the terminal's own overrides on top, and the settings version. Implemented over
/// the database by <see cref="SqlTerminalSettings"/>; edited in the portal (Attendance.Portal.Data.ITerminalSettingsAdmin).
/// </summary>
public interface ITerminalSettingsSource
{
    Task<TerminalSettingsSnapshot> GetEffectiveAsync(string terminalId, CancellationToken cancellationToken);
}

/// <summary>One terminal's effective settings at one version, in <c>ServerSettings.ServerKeys</c> order.</summary>
public sealed record TerminalSettingsSnapshot(long Version, IReadOnlyList<KeyValuePair<string, string>> Lines)
{
    public static readonly TerminalSettingsSnapshot Empty = new(0, Array.Empty<KeyValuePair<string, string>>());
}
