using Attendance.Core.Configuration;

namespace Attendance.Portal.Data;

/// <summary>
/// The settings the lookup server gives terminals (docs/protocol.md, "Time and settings from the server"), edited in
/// the portal by administrators: defaults for all terminals and per-terminal overrides. The lookup server implements
/// it over the database (Storage/SqlTerminalSettings). Every save is checked with Core's parser
/// (<see cref="TerminalSettingsRules"/>) and raises the settings version, so terminals fetch the new set.
/// Secrets (<see cref="TerminalSettingsRules.SecretKeys"/>) are write-only: they are never read back, only whether
/// they are set.
/// </summary>
public interface ITerminalSettingsAdmin
{
    /// <summary>The values of one scope: the defaults when <paramref name="terminalId"/> is null, else that terminal's overrides.</summary>
    Task<TerminalSettingsScope> GetScopeAsync(string? terminalId, CancellationToken cancellationToken);

    /// <summary>Terminals known to the server (the terminals table) and those with overrides, sorted.</summary>
    Task<IReadOnlyList<string>> ListTerminalsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the scope's plain values with <paramref name="values"/> (a key absent is unset; secrets are not
    /// taken from it), sets each secret of <paramref name="newSecrets"/> and removes each of
    /// <paramref name="clearedSecrets"/>. Throws <see cref="TerminalSettingsRejectedException"/> (nothing written)
    /// when the result, or any terminal's combination with it, would be refused by the terminal's parser.
    /// Returns the new settings version.
    /// </summary>
    Task<long> SaveScopeAsync(string? terminalId, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> newSecrets,
        IReadOnlyCollection<string> clearedSecrets, CancellationToken cancellationToken);
}

/// <summary>One scope's plain values (no secrets), which secrets it sets, and the settings version read with them.</summary>
public sealed record TerminalSettingsScope(string? TerminalId, long Version, IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> SecretsSet);

/// <summary>A save refused because a terminal would refuse the settings; the message is the parser's, without secrets.</summary>
public sealed class TerminalSettingsRejectedException(string message) : Exception(message);

/// <summary>The rules every writer of server settings follows: Core's keys and parser, so the server never offers a set the terminal refuses.</summary>
public static class TerminalSettingsRules
{
    /// <summary>The keys the server may set, in the order terminals receive them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ServerSettings.ServerKeys;

    /// <summary>Keys never shown back (the SMTP password).</summary>
    public static IReadOnlySet<string> SecretKeys { get; } =
        new HashSet<string>(ServerSettings.ServerKeys.Where(SettingsParser.IsSecret), StringComparer.Ordinal);

    /// <summary>
    /// Checks one effective set (defaults with a terminal's overrides) as a terminal would: each key a server key,
    /// each value without line breaks and short enough for one protocol line, and the whole read by
    /// <see cref="SettingsParser"/> after the lines a terminal's own file always has (its lookup server); mail keys
    /// may be missing (a terminal's file may hold them). Returns the reason, or null when the set passes.
    /// </summary>
    public static string? Check(IEnumerable<KeyValuePair<string, string>> effective)
    {
        var keys = new List<string>();
        var values = new List<string>();
        foreach (var (key, value) in effective)
        {
            keys.Add(key);
            values.Add(value);
        }

        try
        {
            ServerSettings.Check("board = pc\nlookup.host = lookup.invalid\n", new ServerSettingsSet("0", keys.ToArray(), values.ToArray()), false);
            return null;
        }
        catch (SettingsException exception)
        {
            const string prefix = "with the server's settings version 0: ";
            return exception.Message.StartsWith(prefix, StringComparison.Ordinal) ? exception.Message[prefix.Length..] : exception.Message;
        }
    }
}
