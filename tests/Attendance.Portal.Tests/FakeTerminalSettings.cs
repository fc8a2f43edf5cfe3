using Attendance.Portal.Data;

namespace Attendance.Portal.Tests;

/// <summary>
/// <see cref="ITerminalSettingsAdmin"/> in memory with the real rules (<see cref="TerminalSettingsRules"/>), as the
/// lookup server's SqlTerminalSettings applies them: a save that a terminal would refuse changes nothing.
/// </summary>
public sealed class FakeTerminalSettings : ITerminalSettingsAdmin
{
    private readonly object gate = new();
    private readonly Dictionary<string, Dictionary<string, string>> scopes = new(StringComparer.Ordinal);
    private long version;

    public IReadOnlyList<string> KnownTerminals { get; set; } = ["T01", "T02"];

    /// <summary>A scope's stored values, secrets included (what the database would hold).</summary>
    public IReadOnlyDictionary<string, string> Stored(string? terminalId)
    {
        lock (gate)
        {
            return scopes.TryGetValue(terminalId ?? "", out var values) ? new Dictionary<string, string>(values) : new Dictionary<string, string>();
        }
    }

    public long Version
    {
        get
        {
            lock (gate)
            {
                return version;
            }
        }
    }

    public Task<TerminalSettingsScope> GetScopeAsync(string? terminalId, CancellationToken cancellationToken)
    {
        var values = Stored(terminalId);
        return Task.FromResult(new TerminalSettingsScope(terminalId, Version,
            values.Where(pair => !TerminalSettingsRules.SecretKeys.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value),
            values.Keys.Where(TerminalSettingsRules.SecretKeys.Contains).ToHashSet()));
    }

    public Task<IReadOnlyList<string>> ListTerminalsAsync(CancellationToken cancellationToken) => Task.FromResult(KnownTerminals);

    public Task<long> SaveScopeAsync(string? terminalId, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> newSecrets,
        IReadOnlyCollection<string> clearedSecrets, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var current = scopes.TryGetValue(terminalId ?? "", out var stored) ? stored : new Dictionary<string, string>();
            var next = values.Where(pair => !TerminalSettingsRules.SecretKeys.Contains(pair.Key) && pair.Value.Trim().Length > 0)
                .ToDictionary(pair => pair.Key, pair => pair.Value.Trim());
            foreach (var (key, value) in current.Where(pair => TerminalSettingsRules.SecretKeys.Contains(pair.Key) && !clearedSecrets.Contains(pair.Key)))
            {
                next[key] = value;
            }

            foreach (var (key, value) in newSecrets)
            {
                next[key] = value;
            }

            var defaults = terminalId == null ? next : scopes.GetValueOrDefault("") ?? new Dictionary<string, string>();
            var own = terminalId == null ? new Dictionary<string, string>() : next;
            var effective = TerminalSettingsRules.Keys
                .Where(key => own.ContainsKey(key) || defaults.ContainsKey(key))
                .Select(key => new KeyValuePair<string, string>(key, own.TryGetValue(key, out var value) ? value : defaults[key]));
            var problem = TerminalSettingsRules.Check(effective);
            if (problem != null)
            {
                throw new TerminalSettingsRejectedException(problem);
            }

            scopes[terminalId ?? ""] = next;
            return Task.FromResult(++version);
        }
    }
}
