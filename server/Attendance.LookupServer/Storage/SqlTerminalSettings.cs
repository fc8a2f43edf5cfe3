using System.Data.Common;
using Attendance.Portal.Data;
using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// The settings the server gives terminals (migration 6), over SQLite or PostgreSQL: read by the protocol's HORA
/// (<see cref="ITerminalSettingsSource"/>), edited by the portal (<see cref="ITerminalSettingsAdmin"/>). A save
/// checks the result with Core's parser (<see cref="TerminalSettingsRules"/>) for the edited scope and, for the
/// defaults, for every terminal's overrides on top; it writes the scope and raises the version in one transaction,
/// so a terminal reads either the old set and version or the new ones. Values are never logged.
/// </summary>
public sealed class SqlTerminalSettings : ITerminalSettingsSource, ITerminalSettingsAdmin
{
    /// <summary>The scope of the defaults for all terminals (terminal ids are never empty).</summary>
    public const string DefaultsScope = "";

    private readonly LookupDatabase _database;
    private readonly ILogger? _logger;

    public SqlTerminalSettings(LookupDatabase database, ILogger<SqlTerminalSettings>? logger = null)
    {
        _database = database;
        _logger = logger;
    }

    public Task<TerminalSettingsSnapshot> GetEffectiveAsync(string terminalId, CancellationToken cancellationToken) =>
        _database.Retry.RunAsync(async token =>
        {
            await using var connection = await _database.OpenAsync(token);
            var version = await ReadVersionAsync(connection, null, token);
            var defaults = await ReadScopeAsync(connection, null, DefaultsScope, token);
            var own = await ReadScopeAsync(connection, null, terminalId, token);
            return new TerminalSettingsSnapshot(version, Effective(defaults, own));
        }, _logger, cancellationToken);

    public Task<TerminalSettingsScope> GetScopeAsync(string? terminalId, CancellationToken cancellationToken) =>
        _database.Retry.RunAsync(async token =>
        {
            await using var connection = await _database.OpenAsync(token);
            var version = await ReadVersionAsync(connection, null, token);
            var values = await ReadScopeAsync(connection, null, terminalId ?? DefaultsScope, token);
            var secrets = values.Keys.Where(TerminalSettingsRules.SecretKeys.Contains).ToHashSet(StringComparer.Ordinal);
            var plain = values.Where(pair => !TerminalSettingsRules.SecretKeys.Contains(pair.Key))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            return new TerminalSettingsScope(terminalId, version, plain, secrets);
        }, _logger, cancellationToken);

    public Task<IReadOnlyList<string>> ListTerminalsAsync(CancellationToken cancellationToken) =>
        _database.Retry.RunAsync<IReadOnlyList<string>>(async token =>
        {
            var ids = new SortedSet<string>(StringComparer.Ordinal);
            await using var connection = await _database.OpenAsync(token);
            foreach (var text in new[] { "SELECT id FROM terminals", "SELECT DISTINCT scope FROM terminal_settings WHERE scope <> ''" })
            {
                await using var command = Sql.Command(connection, text, null);
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    ids.Add(reader.GetString(0));
                }
            }

            return ids.ToList();
        }, _logger, cancellationToken);

    public async Task<long> SaveScopeAsync(string? terminalId, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> newSecrets,
        IReadOnlyCollection<string> clearedSecrets, CancellationToken cancellationToken)
    {
        var scope = terminalId ?? DefaultsScope;
        if (terminalId != null && (terminalId.Length == 0 || terminalId.Length > DataRules.MaximumCodeLength || DataRules.Check(ValueKind.Code, terminalId) != null))
        {
            throw new TerminalSettingsRejectedException("the terminal id must be 1 to " + DataRules.MaximumCodeLength + " printable ASCII characters without | or \\");
        }

        foreach (var key in values.Keys.Concat(newSecrets.Keys).Concat(clearedSecrets))
        {
            if (!TerminalSettingsRules.Keys.Contains(key))
            {
                throw new TerminalSettingsRejectedException("'" + key + "' is not a setting the server may give terminals");
            }
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await ReadScopeAsync(connection, transaction, scope, cancellationToken);
        var next = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (!TerminalSettingsRules.SecretKeys.Contains(key) && value.Trim().Length > 0)
            {
                next[key] = value.Trim();
            }
        }

        foreach (var (key, value) in current)
        {
            // Secrets stay as they are unless replaced or cleared: the form never shows them, so it never sends them back.
            if (TerminalSettingsRules.SecretKeys.Contains(key) && !clearedSecrets.Contains(key))
            {
                next[key] = value;
            }
        }

        foreach (var (key, value) in newSecrets)
        {
            if (TerminalSettingsRules.SecretKeys.Contains(key) && value.Length > 0)
            {
                next[key] = value;
            }
        }

        await CheckAsync(connection, transaction, scope, next, cancellationToken);
        await Sql.ExecuteAsync(connection, transaction, "DELETE FROM terminal_settings WHERE scope = @scope", cancellationToken, ("@scope", scope));
        foreach (var (key, value) in next)
        {
            await Sql.ExecuteAsync(connection, transaction,
                "INSERT INTO terminal_settings (scope, setting_key, setting_value) VALUES (@scope, @key, @value)",
                cancellationToken, ("@scope", scope), ("@key", key), ("@value", value));
        }

        await Sql.ExecuteAsync(connection, transaction, "UPDATE terminal_settings_version SET version = version + 1 WHERE id = 1", cancellationToken);
        var version = await ReadVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _logger?.LogInformation("Terminal settings of {Scope} saved ({Count} values); settings version {Version}",
            terminalId ?? "(defaults)", next.Count, version);
        return version;
    }

    /// <summary>Defaults with a terminal's overrides on top, in the order of <see cref="TerminalSettingsRules.Keys"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Effective(IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> own)
    {
        var lines = new List<KeyValuePair<string, string>>();
        foreach (var key in TerminalSettingsRules.Keys)
        {
            if (own.TryGetValue(key, out var value) || defaults.TryGetValue(key, out value))
            {
                lines.Add(new KeyValuePair<string, string>(key, value));
            }
        }

        return lines;
    }

    /// <summary>The edited scope as terminals would get it: alone for one terminal, and for the defaults with each terminal's overrides.</summary>
    private static async Task CheckAsync(DbConnection connection, DbTransaction transaction, string scope, IReadOnlyDictionary<string, string> next, CancellationToken cancellationToken)
    {
        if (scope != DefaultsScope)
        {
            var defaults = await ReadScopeAsync(connection, transaction, DefaultsScope, cancellationToken);
            var problem = TerminalSettingsRules.Check(Effective(defaults, next));
            if (problem != null)
            {
                throw new TerminalSettingsRejectedException(problem);
            }

            return;
        }

        var reason = TerminalSettingsRules.Check(Effective(next, new Dictionary<string, string>()));
        if (reason != null)
        {
            throw new TerminalSettingsRejectedException(reason);
        }

        var scopes = new List<string>();
        await using (var command = Sql.Command(connection, "SELECT DISTINCT scope FROM terminal_settings WHERE scope <> ''", transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                scopes.Add(reader.GetString(0));
            }
        }

        foreach (var terminal in scopes)
        {
            var own = await ReadScopeAsync(connection, transaction, terminal, cancellationToken);
            var problem = TerminalSettingsRules.Check(Effective(next, own));
            if (problem != null)
            {
                throw new TerminalSettingsRejectedException("with the overrides of terminal " + terminal + ": " + problem);
            }
        }
    }

    private static async Task<long> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, "SELECT version FROM terminal_settings_version WHERE id = 1", transaction);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result == null || result is DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<Dictionary<string, string>> ReadScopeAsync(DbConnection connection, DbTransaction? transaction, string scope, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = Sql.Command(connection, "SELECT setting_key, setting_value FROM terminal_settings WHERE scope = @scope", transaction, ("@scope", scope));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values[reader.GetString(0)] = reader.GetString(1);
        }

        return values;
    }
}
