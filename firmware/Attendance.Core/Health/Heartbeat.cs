using System;
using Attendance.Core.Hardware;
using Attendance.Core.Logging;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;

namespace Attendance.Core.Health
{
    /// <summary>
    /// The terminal's heartbeat (docs/protocol.md, "Terminal health"): at start-up and every
    /// <c>health.interval-seconds</c>, one connection to the lookup server carrying AUTENTICAR, the last warning and
    /// error lines (SAUDELOG) and the report (SAUDE) in one write, one round trip; the answer lists the
    /// administrator's requests, carried out at once and acknowledged (PEDIDOFEITO) in a second round trip on the
    /// same connection. Runs on the network worker only (<c>NetworkWorker</c>), after the outbox's pass, so it never
    /// delays the door loop; its waits are the lookup client's timeouts.
    /// <para>
    /// A server that answers <c>ERRO|comando desconhecido</c> is older than the heartbeat: the terminal remembers
    /// that server (by its place in lookup.host) and sends it no more heartbeats until restart; nothing else changes.
    /// Any other failure is logged once per run of failures and the heartbeat is tried again at the next interval.
    /// </para>
    /// </summary>
    public sealed class Heartbeat
    {
        private const string Source = "health";

        private readonly LookupClient _client;
        private readonly IClock _clock;
        private readonly IEventLog _log;
        private readonly long _intervalMilliseconds;
        private readonly Outbox _outbox;
        private readonly AttendanceRoll _roll;
        private readonly HealthRequests _requests;
        private readonly bool[] _serverTooOld;
        private bool _started;
        private long _nextDue;
        private bool _failing;

        /// <param name="client">The worker's lookup client (a new connection per heartbeat).</param>
        /// <param name="intervalSeconds">Seconds between heartbeats; 0 turns them off.</param>
        /// <param name="outbox">Counted in the report and the target of re-send requests; may be null.</param>
        /// <param name="roll">Its state is reported (read without a lock: an enum read is atomic); may be null.</param>
        public Heartbeat(LookupClient client, IClock clock, IEventLog log, int intervalSeconds, Outbox outbox, AttendanceRoll roll)
        {
            if (client == null || clock == null)
            {
                throw new ArgumentNullException(client == null ? "client" : "clock");
            }

            if (intervalSeconds < 0)
            {
                throw new ArgumentOutOfRangeException("intervalSeconds");
            }

            _client = client;
            _clock = clock;
            _log = log;
            _intervalMilliseconds = (long)intervalSeconds * 1000;
            _outbox = outbox;
            _roll = roll;
            _requests = new HealthRequests(outbox);
            _serverTooOld = new bool[client.Servers.Count];
        }

        /// <summary>Board facts (memory, address, Wi-Fi); null reports them as unknown.</summary>
        public IHealthSource HealthSource { get; set; }

        /// <summary>Clock source and skew, settings rejected; null reports "unknown".</summary>
        public IClockSettingsStatus ClockSettingsStatus { get; set; }

        /// <summary>The log's last lines (the board's <see cref="RingEventLog"/>); null sends none.</summary>
        public LogRing LogRing { get; set; }

        /// <summary>Carries out the requests; its <see cref="HealthRequests.SettingsReloader"/> takes "reload settings".</summary>
        public HealthRequests Requests
        {
            get { return _requests; }
        }

        /// <summary>False when there is nothing to send: no terminal key (open mode) or an interval of 0.</summary>
        public bool Enabled
        {
            get { return _intervalMilliseconds > 0 && _client.Settings.TerminalKey != null; }
        }

        /// <summary>The last report taken (for tests and the bench).</summary>
        public HealthReport LastReport { get; private set; }

        /// <summary>True when a heartbeat is due now: the first one at once, then every interval after the last attempt.</summary>
        public bool IsDue()
        {
            return Enabled && (!_started || _clock.MonotonicMilliseconds >= _nextDue);
        }

        /// <summary>Sends a heartbeat if one is due; returns <see cref="HeartbeatOutcome.Skipped"/> when none was.</summary>
        public HeartbeatOutcome RunIfDue()
        {
            if (!IsDue())
            {
                return HeartbeatOutcome.Skipped;
            }

            return Send();
        }

        /// <summary>Sends a heartbeat now (whatever the schedule) and schedules the next. Never throws for network trouble.</summary>
        public HeartbeatOutcome Send()
        {
            _started = true;
            _nextDue = _clock.MonotonicMilliseconds + _intervalMilliseconds;
            if (!Enabled)
            {
                return HeartbeatOutcome.Skipped;
            }

            int preferred = _client.Servers.Preferred;
            if (preferred >= 0 && preferred < _serverTooOld.Length && _serverTooOld[preferred])
            {
                return HeartbeatOutcome.Skipped;
            }

            HealthReport report = HealthReport.Take(_clock, HealthSource, ClockSettingsStatus,
                _roll != null ? _roll.State : RollState.Closed, _outbox != null ? _outbox.Entries() : null, LogRing,
                (int)(_intervalMilliseconds / 1000));
            LastReport = report;
            HeartbeatOutcome outcome;
            string problem;
            try
            {
                Exchange exchange = new Exchange(_client, report, _requests);
                outcome = (HeartbeatOutcome)_client.Run(new LookupOperation(exchange.Execute));
                problem = exchange.Problem;
            }
            catch (LookupException exception)
            {
                outcome = HeartbeatOutcome.Failed;
                problem = exception.Message;
            }

            if (outcome == HeartbeatOutcome.NotSupported)
            {
                int server = _client.LastServer;
                if (server >= 0 && server < _serverTooOld.Length)
                {
                    _serverTooOld[server] = true;
                }

                Write(LogLevel.Information, "the lookup server " + _client.Servers.HostAt(server < 0 ? 0 : server)
                    + " does not know the heartbeat (older server): none sent to it until restart");
            }
            else if (outcome == HeartbeatOutcome.Failed)
            {
                // Once per run of failures: an unreachable server is already reported by the outbox's own lines.
                if (!_failing)
                {
                    Write(LogLevel.Information, "heartbeat not sent: " + problem);
                }

                _failing = true;
            }
            else
            {
                _failing = false;
            }

            return outcome;
        }

        private void Write(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, Source, message);
            }
        }

        /// <summary>One heartbeat over one authenticated exchange.</summary>
        private class Exchange
        {
            private readonly LookupClient _client;
            private readonly HealthReport _report;
            private readonly HealthRequests _requests;

            public Exchange(LookupClient client, HealthReport report, HealthRequests requests)
            {
                _client = client;
                _report = report;
                _requests = requests;
            }

            /// <summary>Why the heartbeat failed, when it did without an exception.</summary>
            public string Problem { get; private set; }

            public object Execute(LookupExchange exchange)
            {
                Problem = null;
                int lines = _report.Queue(exchange);
                exchange.Flush();
                _client.ReadAuthentication(exchange);
                string[] fields = null;
                for (int i = 0; i < lines; i++)
                {
                    fields = exchange.ReadFields();
                    if (IsUnknownCommand(fields))
                    {
                        return HeartbeatOutcome.NotSupported;
                    }

                    if (i < lines - 1 && !IsOk(fields))
                    {
                        return Fail("a line before " + HealthProtocol.Report + " was answered " + Describe(fields));
                    }
                }

                if (fields == null || fields.Length < 1 || fields[0] != HealthProtocol.Requests || (fields.Length - 1) % 3 != 0)
                {
                    return Fail(HealthProtocol.Report + " answered " + Describe(fields));
                }

                int requests = (fields.Length - 1) / 3;
                if (requests == 0)
                {
                    return HeartbeatOutcome.Sent;
                }

                for (int r = 0; r < requests; r++)
                {
                    string id = fields[1 + r * 3];
                    string outcome = _requests.Carry(id, fields[2 + r * 3], fields[3 + r * 3]);
                    exchange.Queue2(HealthProtocol.RequestDone, id, outcome);
                }

                exchange.Flush();
                for (int r = 0; r < requests; r++)
                {
                    string[] answer = exchange.ReadFields();
                    if (!IsOk(answer))
                    {
                        // Carried out but not acknowledged: the server delivers it again and the terminal acknowledges
                        // it again without carrying it out twice (HealthRequests remembers it).
                        return Fail(HealthProtocol.RequestDone + " answered " + Describe(answer));
                    }
                }

                return HeartbeatOutcome.Sent;
            }

            private HeartbeatOutcome Fail(string problem)
            {
                Problem = problem;
                return HeartbeatOutcome.Failed;
            }

            private static bool IsOk(string[] fields)
            {
                return fields != null && fields.Length == 1 && fields[0] == LookupProtocol.Ok;
            }

            private static bool IsUnknownCommand(string[] fields)
            {
                return fields != null && fields.Length == 2 && fields[0] == LookupProtocol.Error && fields[1] == UploadProtocol.UnknownCommand;
            }

            private static string Describe(string[] fields)
            {
                if (fields == null)
                {
                    return "an unreadable line";
                }

                // The reason of an ERRO is the protocol's own text; anything else is not echoed.
                return fields.Length == 2 && fields[0] == LookupProtocol.Error ? "ERRO|" + HealthText.Clean(fields[1], 60) : fields[0].Length <= 16 ? HealthText.Clean(fields[0], 16) : "an unexpected answer";
            }
        }
    }
}
