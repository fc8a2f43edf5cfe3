using System.Net;

namespace Attendance.LookupServer.Network;

/// <summary>
/// Rate limit for the log lines a client can cause (refusals, failed logins, cut connections): at most one line
/// per address and kind in Lookup:Admission:RefusalLogIntervalSeconds; the next line says how many were not
/// written. Bounded memory: when Lookup:Admission:TrackedAddresses entries are held and none is older than the
/// interval, the remaining addresses share one entry (an entry dropped after its interval loses its count), so an attacker with many addresses still gets one line
/// per interval for all of them. Thread-safe.
/// </summary>
public sealed class RefusalLog
{
    private static readonly IPAddress Others = IPAddress.None;
    private readonly object _gate = new();
    private readonly Dictionary<(string Kind, IPAddress Address), Entry> _entries = new();
    private readonly TimeSpan _interval;
    private readonly int _capacity;

    public RefusalLog(AdmissionOptions options)
    {
        _interval = TimeSpan.FromSeconds(options.RefusalLogIntervalSeconds);
        _capacity = options.TrackedAddresses;
    }

    /// <summary>
    /// True when a line for (<paramref name="kind"/>, <paramref name="address"/>) is due; then
    /// <paramref name="suppressed"/> is how many were left out since the last one.
    /// </summary>
    public bool ShouldLog(string kind, IPAddress address, DateTime now, out int suppressed)
    {
        lock (_gate)
        {
            var key = (kind, address);
            if (!_entries.ContainsKey(key) && _entries.Count >= _capacity)
            {
                foreach (var old in _entries.Where(entry => now - entry.Value.Logged >= _interval).Select(entry => entry.Key).ToList())
                {
                    _entries.Remove(old);
                }

                if (_entries.Count >= _capacity)
                {
                    key = (kind, Others);
                }
            }

            if (_entries.TryGetValue(key, out var entry) && now - entry.Logged < _interval)
            {
                entry.Suppressed++;
                _entries[key] = entry;
                suppressed = 0;
                return false;
            }

            suppressed = entry.Suppressed;
            _entries[key] = new Entry { Logged = now };
            return true;
        }
    }

    private struct Entry
    {
        public DateTime Logged;
        public int Suppressed;
    }
}
