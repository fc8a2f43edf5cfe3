using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Attendance.Core.Health;
using Attendance.Core.Lookup;

namespace Attendance.LookupServer;

/// <summary>
/// The lookup server's OpenTelemetry meter (server/README.md, "Metrics"): connections, requests per command, error
/// answers per reason, stored rolls, heartbeats, and the terminals online as this instance sees them. Names follow
/// the OpenTelemetry conventions; the Prometheus exporter turns them into attendance_lookup_requests_total and so on.
/// Tags carry only the protocol's own words (commands, error reasons), never a code, a name or an address, so the
/// series stay few and free of personal data. Terminal ids are not tags either: hundreds of them would each make a
/// series; the portal's Terminals page is where one terminal is looked at.
/// </summary>
public sealed class LookupMetrics : IDisposable
{
    public const string MeterName = "Attendance.LookupServer";

    /// <summary>Commands counted under their own name; anything else is "other" (bounded tag values).</summary>
    private static readonly HashSet<string> KnownCommands =
    [
        LookupProtocol.IsProfessor, LookupProtocol.ProfessorName, LookupProtocol.StudentName, LookupProtocol.ClassAtTime,
        LookupProtocol.CourseOfClass, LookupProtocol.CourseName, LookupProtocol.ClassName, LookupProtocol.IsEnrolled,
        LookupProtocol.ClassStart, LookupProtocol.Authenticate, UploadProtocol.RollStart, UploadProtocol.Presence, UploadProtocol.RollEnd,
        HealthProtocol.LogLine, HealthProtocol.FailedRoll, HealthProtocol.Report, HealthProtocol.RequestDone, "unknown",
    ];

    private readonly Meter _meter;
    private readonly Counter<long> _connections;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _uploads;
    private readonly Counter<long> _heartbeats;
    private readonly TimeProvider _time;
    private readonly double _offlineAfterMissedHeartbeats;
    private readonly ConcurrentDictionary<string, (long LastSeen, int Interval)> _lastHeartbeat = new(StringComparer.Ordinal);

    public LookupMetrics(IMeterFactory meters, TimeProvider time, double offlineAfterMissedHeartbeats = 2)
    {
        _time = time;
        _offlineAfterMissedHeartbeats = offlineAfterMissedHeartbeats;
        _meter = meters.Create(MeterName);
        _connections = _meter.CreateCounter<long>("attendance.lookup.connections", "{connection}", "Connections accepted by the lookup listener.");
        _requests = _meter.CreateCounter<long>("attendance.lookup.requests", "{request}", "Request lines answered, by command.");
        _errors = _meter.CreateCounter<long>("attendance.lookup.errors", "{answer}", "ERRO answers, by reason.");
        _uploads = _meter.CreateCounter<long>("attendance.lookup.uploads", "{roll}", "Roll uploads answered CHAMADAGUARDADA (stored now or before).");
        _heartbeats = _meter.CreateCounter<long>("attendance.lookup.heartbeats", "{heartbeat}", "Terminal heartbeats stored.");
        _meter.CreateObservableGauge("attendance.lookup.terminals_online", TerminalsOnline, "{terminal}",
            "Terminals whose last heartbeat to this instance is within their offline limit.");
    }

    public void Connection() => _connections.Add(1);

    public void Request(string command) =>
        _requests.Add(1, new KeyValuePair<string, object?>("command", KnownCommands.Contains(command) ? command : "other"));

    /// <summary>An ERRO answer; the reason is the protocol's fixed text ("campo N invalido" keeps its N: at most a few dozen values).</summary>
    public void Error(string reason) => _errors.Add(1, new KeyValuePair<string, object?>("reason", reason.Length <= 40 ? reason : "other"));

    public void Upload() => _uploads.Add(1);

    public void HeartbeatReceived(string terminalId, int intervalSeconds)
    {
        _heartbeats.Add(1);
        _lastHeartbeat[terminalId] = (_time.GetUtcNow().ToUnixTimeSeconds(), intervalSeconds);
    }

    /// <summary>The same rule as the portal's (TerminalHealth.Of) without its grace: missed heartbeats times the interval.</summary>
    public int TerminalsOnline()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return _lastHeartbeat.Values.Count(seen => now - seen.LastSeen <= Math.Max(seen.Interval, 60) * _offlineAfterMissedHeartbeats + 60);
    }

    public void Dispose() => _meter.Dispose();
}
