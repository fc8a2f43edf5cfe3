using System;
using System.Text;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Security;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// Time and settings from the lookup server (docs/protocol.md, "Time and settings from the server"), on the
    /// network worker. One pass is one authenticated connection: <c>HORA</c> (pipelined behind AUTENTICAR) gives the
    /// server's time, settings version and line count with the server's proof; when the version differs from the
    /// one kept on flash (or a reload was asked, <see cref="RequestReload"/>), the lines are read with
    /// <c>CONFIGURACAO</c> in a second round trip, each with its proof.
    /// <list type="bullet">
    /// <item>Time: a clock still unset (SNTP silent) is set from the server's time when the round trip is at most
    /// <see cref="MaximumRoundTripMilliseconds"/>; a set clock is compared and a skew beyond
    /// <see cref="ClockStatus.SkewBoundMilliseconds"/> is logged (<see cref="Clock"/>).</item>
    /// <item>Settings: checked with the local file by <see cref="ServerSettings.Check(string, ServerSettingsSet)"/> (the parser of the local
    /// file; the local file wins); a good set is kept on flash (<see cref="StoredServerSettings"/>) and applies at the
    /// next start (<see cref="SettingsStatus.RestartWanted"/>: the board restarts when no roll is open); a refused
    /// set is logged with the reason and kept in <see cref="Status"/>, and not asked again until its version
    /// changes.</item>
    /// </list>
    /// A server older than HORA answers <c>ERRO|comando desconhecido</c>: the terminal goes on with what it has.
    /// Passes run at start, on <see cref="RequestReload"/>, and every <see cref="PollMilliseconds"/>.
    /// </summary>
    public class SettingsSync
    {
        /// <summary>A server time measured over a longer round trip is not used: the clock would be off by up to half of it.</summary>
        public const int MaximumRoundTripMilliseconds = 4000;

        /// <summary>How often the server's settings version is asked when nothing else asks.</summary>
        public const int PollMilliseconds = 10 * 60 * 1000;

        /// <summary>How soon a pass that could not reach the server is tried again.</summary>
        public const int RetryMilliseconds = 60 * 1000;

        private const string Source = "settings";

        private readonly LookupClient client;
        private readonly IClock clock;
        private readonly IClockAdjuster adjuster;
        private readonly StoredServerSettings stored;
        private readonly string localText;
        private readonly IEventLog log;
        private readonly SettingsStatus status = new SettingsStatus();
        private readonly ClockStatus clockStatus = new ClockStatus();
        private readonly object gate = new object();
        private readonly Random random = new Random();

        private readonly DeadlineConnector deadline;
        private ServerSettingsSet storedSet;
        private ServerSettingsSet runningSet;
        private bool runningKnown;
        private bool storedLoaded;
        private bool reloadRequested;
        private bool firstPassDone;
        private long nextPass;
        private int nonceCounter;
        private bool started;

        /// <param name="client">The terminal's lookup client (its key authenticates the connection and checks the proofs).</param>
        /// <param name="adjuster">Sets the clock when SNTP is silent; null to never set it (only compare).</param>
        /// <param name="localText">The text of the local <c>terminal.config</c>, whose values win.</param>
        public SettingsSync(LookupClient client, IClock clock, IClockAdjuster adjuster, IDurableStore store, string localText, IEventLog log)
            : this(client, null, clock, adjuster, store, localText, log)
        {
        }

        private SettingsSync(LookupClient client, DeadlineConnector deadline, IClock clock, IClockAdjuster adjuster, IDurableStore store, string localText, IEventLog log)
        {
            this.deadline = deadline;
            this.client = client;
            this.clock = clock;
            this.adjuster = adjuster;
            this.stored = new StoredServerSettings(store);
            this.localText = localText;
            this.log = log;
        }

        /// <summary>
        /// Board: once started (<see cref="StartSettings"/> returned), a changed version (or a reload request) is not
        /// fetched by the worker but announced (<see cref="SettingsStatus.RestartWanted"/>): the board restarts when no
        /// roll is open and fetches it at start, before its controller takes its share of the heap. Reading and
        /// checking a full set is the largest thing this class does (bench/README.md, "Board heap"), while HORA
        /// alone is small. False (the PC terminal): fetched at once, applied at the next start.
        /// </summary>
        public bool DeferFetchToStart { get; set; }

        /// <summary>
        /// The board's wiring: a client for the lookup servers of <paramref name="localText"/> (read as far as reaching
        /// them needs: mail settings may come from the server), over <paramref name="connector"/> under a deadline that
        /// <see cref="RunStartPass"/> sets. Throws <see cref="SettingsException"/> when the file cannot even do that.
        /// </summary>
        public static SettingsSync ForTerminal(INetworkConnector connector, IClock clock, IClockAdjuster adjuster, IDurableStore store, string localText, IEventLog log)
        {
            TerminalSettings local = SettingsParser.Parse(localText, false);
            DeadlineConnector deadline = new DeadlineConnector(connector, clock);
            return new SettingsSync(new LookupClient(deadline, TerminalComponents.Lookup(local)), deadline, clock, adjuster, store, localText, log);
        }

        /// <summary>
        /// One pass (when due) from the board's main thread at start, all of it within <paramref name="milliseconds"/>
        /// (the supervisor reboots a door loop silent for a minute); passes from the worker have no such deadline.
        /// </summary>
        public bool RunStartPass(int milliseconds)
        {
            if (deadline != null)
            {
                deadline.Start(milliseconds);
            }

            try
            {
                return RunOnce();
            }
            finally
            {
                if (deadline != null)
                {
                    deadline.Clear();
                }
            }
        }

        /// <summary>
        /// The board's start: one pass (a version announced while serving is fetched now, before the controller takes
        /// its share of the heap), then the file with the kept set; when that cannot run (a first start without mail
        /// settings in the file), the server is asked once more, whatever the version. Throws
        /// <see cref="SettingsException"/> when the terminal still cannot run.
        /// </summary>
        public TerminalSettings StartWithServer(int passMilliseconds)
        {
            RunStartPass(passMilliseconds);
            try
            {
                return StartSettings();
            }
            catch (SettingsException)
            {
                RequestReload();
                RunStartPass(passMilliseconds);
                return StartSettings();
            }
        }

        /// <summary>True when the running settings include a set from the server (false: the local file alone).</summary>
        public bool RunsServerSettings
        {
            get { return status.RunningVersion.Length > 0; }
        }

        /// <summary>Settings and clock in one line, for logs: <see cref="SettingsStatus.Describe"/>; <see cref="ClockStatus.Describe"/>.</summary>
        public string Describe()
        {
            return status.Describe() + "; " + clockStatus.Describe();
        }

        /// <summary>True when a new set waits for a restart and <paramref name="controller"/> has no roll open.</summary>
        public bool ShouldRestart(TerminalController controller)
        {
            return status.RestartWanted && controller.RollState == RollState.Closed;
        }

        /// <summary>The settings versions held, the last refusal and its reason (for the health report).</summary>
        public SettingsStatus Status
        {
            get { return status; }
        }

        /// <summary>Clock source and skew (for the health report).</summary>
        public ClockStatus Clock
        {
            get { return clockStatus; }
        }

        /// <summary>The set kept on flash, or null.</summary>
        public ServerSettingsSet StoredSet
        {
            get
            {
                LoadStored();
                return storedSet;
            }
        }

        /// <summary>
        /// Asks for the server's settings on the next pass, whatever their version, and makes that pass due now
        /// (the fleet's "reload settings" request, delivered in a heartbeat's answer). Any thread.
        /// </summary>
        public void RequestReload()
        {
            lock (gate)
            {
                reloadRequested = true;
                nextPass = 0;
            }
        }

        /// <summary>
        /// The settings to start with: the local file with the set kept on flash, or the local file alone when
        /// none is kept or the kept one no longer passes (reported in <see cref="Status"/>). Throws
        /// <see cref="SettingsException"/> only when the local file alone cannot run (as without this feature).
        /// </summary>
        public TerminalSettings StartSettings()
        {
            LoadStored();
            if (storedSet != null)
            {
                try
                {
                    TerminalSettings combined = ServerSettings.Check(localText, storedSet);
                    status.SetRunning(storedSet.Version);
                    runningSet = storedSet;
                    runningKnown = true;
                    started = true;
                    return combined;
                }
                catch (SettingsException exception)
                {
                    // A set that passed when it came may fail against a local file edited since: the file wins.
                    status.SetRejected(storedSet.Version, exception.Message);
                    log.Write(LogLevel.Warning, Source, "the kept server settings version " + storedSet.Version + " are not used: " + exception.Message);
                }
            }

            TerminalSettings local = SettingsParser.Parse(localText);
            status.SetRunning("");
            runningSet = null;
            runningKnown = true;
            started = true;
            return local;
        }

        /// <summary>
        /// Gives up the kept set after a check the parser cannot make refused it at start (the board's heap cannot
        /// take the server's roll.capacity): the set is reported refused with <paramref name="reason"/>, not asked
        /// again until its version changes, and the local file alone is returned (throws like
        /// <see cref="StartSettings"/> when that cannot run).
        /// </summary>
        public TerminalSettings FallBackToLocal(string reason)
        {
            LoadStored();
            string version = storedSet == null ? "" : storedSet.Version;
            status.SetRejected(version, reason);
            log.Write(LogLevel.Warning, Source, "server settings version " + version + " refused at start, not applied: " + reason);
            TerminalSettings local = SettingsParser.Parse(localText);
            status.SetRunning("");
            runningSet = null;
            runningKnown = true;
            return local;
        }

        /// <summary>
        /// One pass when one is due: returns true when it talked to a server (whatever came of it). Network
        /// failures are logged and tried again after <see cref="RetryMilliseconds"/>; never throws for them.
        /// </summary>
        public bool RunOnce()
        {
            long now = clock.MonotonicMilliseconds;
            bool reload;
            lock (gate)
            {
                if (firstPassDone && now < nextPass)
                {
                    return false;
                }

                firstPassDone = true;
                nextPass = now + PollMilliseconds;
                reload = reloadRequested;
            }

            LoadStored();
            try
            {
                object result = client.Run(new LookupOperation(Exchange));
                bool fetched = result != null && (bool)result;
                if (reload && fetched)
                {
                    lock (gate)
                    {
                        reloadRequested = false;
                    }
                }

                return true;
            }
            catch (LookupException exception)
            {
                lock (gate)
                {
                    nextPass = now + RetryMilliseconds;
                }

                log.Write(LogLevel.Warning, Source, "time and settings not asked: " + exception.Message);
                return false;
            }
        }

        /// <summary>Returns true when the settings lines were read (whether taken or refused).</summary>
        private object Exchange(LookupExchange exchange)
        {
            string serverNonce = exchange.ServerNonce;
            if (!ServerProof.IsUsableNonce(serverNonce))
            {
                // Open mode, or a greeting nonce that is not hex digits: nothing the server says can be checked.
                client.ReadAuthentication(exchange);
                log.Write(LogLevel.Warning, Source, "the lookup server's greeting has no usable nonce: its time and settings are not asked");
                return false;
            }

            string terminalNonce = NewNonce(serverNonce);
            exchange.Queue1(LookupProtocol.ServerTime, terminalNonce);
            long sent = clock.MonotonicMilliseconds;
            exchange.Flush();
            client.ReadAuthentication(exchange);
            string[] fields = exchange.ReadFields();
            long received = clock.MonotonicMilliseconds;
            if (fields != null && fields.Length == 2 && fields[0] == LookupProtocol.Error)
            {
                if (fields[1] == "comando desconhecido")
                {
                    status.SetServerSupport(false);
                    return false;
                }

                log.Write(LogLevel.Warning, Source, "HORA answered: " + fields[1]);
                return false;
            }

            status.SetServerSupport(true);
            DateTime serverUtc;
            int count;
            int versionNumber;
            if (fields == null || fields.Length != 5 || fields[0] != LookupProtocol.ServerTime
                || !ServerProof.TryParseUnixMilliseconds(fields[1], out serverUtc)
                || !SettingsParser.TryParseNumber(fields[2], out versionNumber) || versionNumber < 0 || fields[2][0] == '-' || fields[2][0] == '+'
                || !SettingsParser.TryParseNumber(fields[3], out count) || count < 0 || fields[3][0] == '-' || fields[3][0] == '+')
            {
                log.Write(LogLevel.Warning, Source, "the lookup server's HORA answer is malformed: time and settings ignored");
                return false;
            }

            string version = fields[2];
            if (!ServerProof.IsValid(client.Settings.TerminalKey, ServerProof.TimeText(serverNonce, terminalNonce, fields[1], version, fields[3]), fields[4]))
            {
                // Forged (made without the key) or replayed (made for another connection's nonces): ignore all of it.
                log.Write(LogLevel.Warning, Source, "the lookup server's time proof does not match (forged or replayed answer): time and settings ignored");
                return false;
            }

            ApplyTime(serverUtc, received - sent);
            if (!WantsSettings(version))
            {
                return false;
            }

            if (DeferFetchToStart && started)
            {
                if (status.AnnouncedVersion != version)
                {
                    log.Write(LogLevel.Information, Source, "server settings version " + version + " announced: fetched at the next start");
                }

                status.SetAnnounced(version);
                return true;
            }

            if (count > ServerSettings.MaximumLines)
            {
                Reject(version, "the server offers " + count.ToString() + " lines; at most " + ServerSettings.MaximumLines.ToString() + " are allowed");
                return true;
            }

            ReadSettings(exchange, serverNonce, terminalNonce, version, count);
            return true;
        }

        private bool WantsSettings(string version)
        {
            lock (gate)
            {
                if (reloadRequested)
                {
                    return true;
                }
            }

            string have = storedSet == null ? "" : storedSet.Version;
            return version != have && version != status.RejectedVersion;
        }

        private void ReadSettings(LookupExchange exchange, string serverNonce, string terminalNonce, string version, int count)
        {
            string countText = count.ToString();
            for (int index = 0; index < count; index++)
            {
                exchange.Queue1(LookupProtocol.Settings, index.ToString());
            }

            exchange.Flush();
            string[] keys = new string[count];
            string[] values = new string[count];
            string problem = null;
            for (int index = 0; index < count; index++)
            {
                // Every answer is read, even after a bad one, so the connection stays in step.
                string[] fields = exchange.ReadFields();
                if (problem != null)
                {
                    continue;
                }

                string indexText = index.ToString();
                if (fields == null || fields.Length != 7 || fields[0] != LookupProtocol.Settings)
                {
                    problem = fields != null && fields.Length == 2 && fields[0] == LookupProtocol.Error
                        ? "CONFIGURACAO answered: " + fields[1]
                        : "a CONFIGURACAO answer is malformed";
                    continue;
                }

                if (fields[1] != version || fields[2] != countText || fields[3] != indexText
                    || !ServerProof.IsValid(client.Settings.TerminalKey, ServerProof.SettingsLineText(serverNonce, terminalNonce, version, countText, indexText, fields[4], fields[5]), fields[6]))
                {
                    problem = "the proof of settings line " + indexText + " does not match (forged, replayed or out of step)";
                    continue;
                }

                keys[index] = fields[4];
                values[index] = fields[5];
            }

            if (problem != null)
            {
                // Not the set's fault: the lines never arrived intact. Asked again at the next pass.
                log.Write(LogLevel.Warning, Source, "settings version " + version + " not read: " + problem);
                return;
            }

            ServerSettingsSet set = new ServerSettingsSet(version, keys, values);
            try
            {
                ServerSettings.Check(localText, set);
            }
            catch (SettingsException exception)
            {
                Reject(version, exception.Message);
                return;
            }

            stored.Save(set);
            storedSet = set;
            status.SetStored(version);
            if (runningKnown && ServerSettings.SameContent(runningSet, set))
            {
                // A new version with the same lines for this terminal (the version is the server's, for all
                // terminals): nothing to apply, no restart.
                status.SetRunning(version);
            }

            log.Write(LogLevel.Information, Source, "server settings version " + version + " (" + count.ToString() + " lines) kept; "
                + (status.RestartWanted ? "they apply at the next start" : "already running"));
        }

        private void Reject(string version, string reason)
        {
            status.SetRejected(version, reason);
            log.Write(LogLevel.Warning, Source, "server settings version " + version + " refused, not applied: " + reason);
        }

        private void ApplyTime(DateTime serverUtc, long roundTrip)
        {
            if (serverUtc.Ticks < AttendanceRoll.EarliestValidTicks)
            {
                log.Write(LogLevel.Warning, Source, "the lookup server's clock is unset (" + serverUtc.ToString() + "): its time is not used");
                return;
            }

            if (roundTrip > MaximumRoundTripMilliseconds)
            {
                log.Write(LogLevel.Warning, Source, "the lookup server's time is not used: the round trip took " + roundTrip.ToString()
                    + " ms (at most " + MaximumRoundTripMilliseconds.ToString() + ")");
                return;
            }

            // The server wrote its time between our write and our read: at the read it is at most the round trip
            // later, so the middle is off by at most half of it.
            long half = roundTrip / 2;
            DateTime estimate = new DateTime(serverUtc.Ticks + (half * TimeSpan.TicksPerMillisecond));
            DateTime local = clock.UtcNow;
            if (local.Ticks < AttendanceRoll.EarliestValidTicks)
            {
                if (adjuster != null)
                {
                    adjuster.SetUtcNow(estimate);
                    clockStatus.SetSource(ClockSource.Server);
                    log.Write(LogLevel.Information, Source, "clock set from the lookup server (no SNTP answer): " + estimate.ToString() + " UTC, +/- "
                        + half.ToString() + " ms");
                }

                return;
            }

            if (clockStatus.Source == ClockSource.Unset)
            {
                clockStatus.SetSource(ClockSource.Sntp);
            }

            long skew = (estimate.Ticks - local.Ticks) / TimeSpan.TicksPerMillisecond;
            long magnitude = skew < 0 ? -skew : skew;
            bool exceeded = magnitude > ClockStatus.SkewBoundMilliseconds + half;
            clockStatus.SetSkew(skew, half, exceeded);
            if (exceeded)
            {
                log.Write(LogLevel.Warning, Source, "the clock is " + skew.ToString() + " ms off the lookup server's (+/- " + half.ToString()
                    + " ms; bound " + ClockStatus.SkewBoundMilliseconds.ToString() + " ms)");
            }
        }

        /// <summary>
        /// The terminal's nonce for one connection: HMAC with the terminal's key over the greeting nonce, the
        /// monotonic clock, a per-start counter and a random number, cut to 32 hex digits. Outsiders cannot predict
        /// it (they lack the key), and it does not repeat while any of its inputs differs.
        /// </summary>
        private string NewNonce(string serverNonce)
        {
            nonceCounter++;
            string text = "NONCE|" + serverNonce + "|" + clock.MonotonicMilliseconds.ToString() + "|" + nonceCounter.ToString() + "|"
                + random.Next().ToString() + "|" + random.Next().ToString();
            return HexText.FromBytes(HmacSha256.Compute(client.Settings.TerminalKey, Encoding.UTF8.GetBytes(text))).Substring(0, 32);
        }

        private void LoadStored()
        {
            if (storedLoaded)
            {
                return;
            }

            storedLoaded = true;
            storedSet = stored.Load();
            if (stored.Problem != null)
            {
                status.SetStoreProblem(stored.Problem);
                log.Write(LogLevel.Warning, Source, stored.Problem);
            }
        }
    }
}
