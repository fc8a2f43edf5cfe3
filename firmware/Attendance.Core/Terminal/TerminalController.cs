using System;
using Attendance.Core.Cards;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Health;
using Attendance.Core.Logging;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;
using Attendance.Core.Signals;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// The terminal, wired: bytes from the card reader become codes (CardFramer), codes change the roll
    /// (AttendanceRoll), a closed roll goes into the outbox, and the outbox looks it up and mails it.
    /// Two loops (docs/roll.md, "Two loops"):
    /// <list type="bullet">
    /// <item>the door loop calls <see cref="Step"/>: card bytes, the roll, the journal, the LEDs. Bounded work
    /// only; the one network call it makes is the professor check at open, bounded by
    /// <see cref="BoundedProfessorDirectory.CheckMilliseconds"/> and skipped for a while after a failure;</item>
    /// <item>the network worker, on a thread of the caller's, calls <see cref="WaitForNetworkWork"/> and
    /// <see cref="RunNetworkPass"/>: the lookup at close, the e-mail, the retries. It may block as long as the
    /// network's timeouts allow; the door loop never waits for it.</item>
    /// </list>
    /// They share the outbox on flash (the door enqueues a closed roll, then wakes the worker) and
    /// <see cref="NetworkHandOver"/>, through which the worker reports what it did and the door shows it.
    /// </summary>
    public class TerminalController : ICardSink
    {
        /// <summary>How long one step waits for card bytes: short enough for smooth LED patterns.</summary>
        public const int CardReadTimeoutMilliseconds = 20;

        /// <summary>How often the outbox is looked at when nothing was closed (retries are due at their own times).</summary>
        public const int OutboxPollMilliseconds = NetworkWorker.OutboxPollMilliseconds;

        private const string Source = "terminal";

        private readonly TerminalHardware hardware;
        private readonly CardFramer framer;
        private readonly AttendanceRoll roll;
        private readonly Outbox outbox;
        private readonly NetworkWorker worker;
        private readonly NetworkHandOver handOver = new NetworkHandOver();
        private readonly NetworkProgress progress;
        private readonly OutboxResult news = new OutboxResult();
        private readonly IndicatorController lights;
        private readonly object lightsGate = new object();
        private readonly byte[] readBuffer = new byte[64];

        // Starts true so that a clock found unset at the first step switches the "clock not set" pattern on.
        private bool clockWasSet = true;

        /// <summary>The terminal as the board and the PC run it: lookups and mail over <see cref="TerminalHardware.Network"/>.</summary>
        public TerminalController(TerminalHardware hardware, TerminalSettings settings)
            : this(hardware, settings, NetworkParts.Over(hardware, settings))
        {
        }

        private TerminalController(TerminalHardware hardware, TerminalSettings settings, NetworkParts parts)
            : this(hardware, settings, parts.Directory, parts.DoorDeadline, parts.ReportBuilder, parts.Sender, parts.Progress)
        {
            // The heartbeat shares the worker's lookup client: both run on the worker's thread only.
            Heartbeat heartbeat = new Heartbeat(parts.WorkerClient, hardware.Clock, hardware.Log, settings.HealthIntervalSeconds, outbox, roll);
            heartbeat.HealthSource = hardware.HealthSource;
            heartbeat.ClockSettingsStatus = hardware.ClockSettingsStatus;
            heartbeat.Requests.SettingsReloader = hardware.SettingsReloader;
            RingEventLog ring = hardware.Log as RingEventLog;
            if (ring != null)
            {
                heartbeat.LogRing = ring.Ring;
            }

            worker.Heartbeat = heartbeat;
        }

        /// <summary>The heartbeat the network worker sends (docs/protocol.md, "Terminal health"); null with the tests' fake network parts.</summary>
        public Heartbeat Heartbeat
        {
            get { return worker.Heartbeat; }
        }

        /// <summary>
        /// The terminal with its network-facing parts given: the tests drive the whole terminal with fakes
        /// of the professor directory, the report builder and the SMTP sender.
        /// </summary>
        public TerminalController(TerminalHardware hardware, TerminalSettings settings, IProfessorDirectory directory,
            IRollReportBuilder reportBuilder, ISmtpSender smtpSender)
            : this(hardware, settings, directory, null, reportBuilder, smtpSender, null)
        {
        }

        private TerminalController(TerminalHardware hardware, TerminalSettings settings, IProfessorDirectory directory,
            DeadlineConnector doorDeadline, IRollReportBuilder reportBuilder, ISmtpSender smtpSender, NetworkProgress workerProgress)
        {
            if (hardware == null || settings == null || directory == null || reportBuilder == null || smtpSender == null)
            {
                throw new ArgumentNullException(hardware == null ? "hardware" : settings == null ? "settings" : "directory, reportBuilder or smtpSender");
            }

            this.hardware = hardware;
            framer = new CardFramer(TerminalComponents.CardReader(settings));
            IProfessorDirectory bounded = new BoundedProfessorDirectory(directory, hardware.Clock, doorDeadline, ProfessorCheckMilliseconds(settings));
            roll = new AttendanceRoll(TerminalComponents.Roll(settings), hardware.Clock, hardware.Store, bounded);
            // A report builder that can also upload (the real one) stores every roll on the server too; the tests'
            // fakes of the lookup alone make an outbox of e-mails only.
            outbox = new Outbox(hardware.Store, reportBuilder, reportBuilder as IRollUploader, smtpSender, hardware.Clock,
                TerminalComponents.Outbox(settings), hardware.Log);
            progress = workerProgress != null ? workerProgress : new NetworkProgress(hardware.Clock);
            worker = new NetworkWorker(outbox, hardware.Clock, hardware.Log, handOver, progress);
            lights = new IndicatorController(hardware.Lights);

            roll.Restore();
            lock (lightsGate)
            {
                lights.SetRollOpen(roll.State == RollState.Open);
            }

            StartUpFromStoredState();
        }

        /// <summary>
        /// What the flash said at start-up, told to the log and the LEDs: a damaged roll counter or professor cache,
        /// a roll restored as Closing (handed over before the worker's first pass, so the outbox gets it whole from
        /// the journal), e-mails that failed for good or records found damaged (the "e-mail failed" signal survives
        /// a reboot). Nothing read here may stop the terminal: a store fault is logged and the steps go on (the
        /// hand-over is repeated by <see cref="Step"/>).
        /// </summary>
        private void StartUpFromStoredState()
        {
            if (roll.SequenceProblem != null)
            {
                hardware.Log.Write(LogLevel.Warning, Source, "Roll counter: " + roll.SequenceProblem);
            }

            if (roll.JournalLost)
            {
                hardware.Log.Write(LogLevel.Error, Source, "Journal damaged at its first record: the roll it held is LOST ("
                    + roll.DroppedJournalBytes + " bytes kept as damaged.*)");
            }
            else if (roll.DroppedJournalBytes > 0)
            {
                hardware.Log.Write(LogLevel.Warning, Source, "Journal: " + roll.DroppedJournalBytes + " byte(s) of a torn or damaged tail dropped");
            }

            if (roll.Professors.DamageFound)
            {
                hardware.Log.Write(LogLevel.Warning, Source, "Professor cache was damaged and starts empty");
            }

            // The state the journal gave back, for the "Ready" line (a Closing roll is handed over just below).
            string restored = StateName(roll.State);
            try
            {
                if (roll.State == RollState.Closing)
                {
                    HandOverClosedRoll();
                    restored += " (handed over to the outbox)";
                }

                OutboxEntry[] entries = outbox.Entries();
                bool failed = Outbox.AnyFailed(entries) || outbox.DamagedRecordsFound > 0 || roll.JournalLost;
                if (failed)
                {
                    lock (lightsGate)
                    {
                        lights.ReportMailFailedPermanently(hardware.Clock.MonotonicMilliseconds);
                    }
                }

                hardware.Log.Write(LogLevel.Information, Source, "Ready; roll " + restored + ", " + entries.Length
                    + " e-mail(s) in the outbox" + (failed ? ", some failed for good (see 'outbox list')" : ""));
            }
            catch (Exception exception)
            {
                hardware.Log.Write(LogLevel.Error, Source, "Start-up could not read the outbox: " + exception.Message);
                hardware.Log.Write(LogLevel.Information, Source, "Ready; roll " + StateName(roll.State) + "; the outbox is tried again at the next step");
            }
        }

        /// <summary>The roll's current state, for status displays.</summary>
        public RollState RollState
        {
            get { return roll.State; }
        }

        /// <summary>The short signal playing now (Signal.None when only the steady state shows), for status displays.</summary>
        public Signal CurrentSignal
        {
            get
            {
                lock (lightsGate)
                {
                    return lights.Current;
                }
            }
        }

        /// <summary>True while the outbox holds an e-mail still to be sent (not counting ones that failed for good).</summary>
        public bool HasMailToSend
        {
            get { return Outbox.AnyUnsent(outbox.Entries()); }
        }

        /// <summary>
        /// For the watchdog: milliseconds since the network worker last made progress inside a pass (0 when
        /// idle). Every wait of the worker is bounded by a timeout, so a value far above the longest of them
        /// means the worker is stuck; a slow server that keeps answering does not raise it.
        /// </summary>
        public long NetworkSilenceMilliseconds
        {
            get { return progress.SilenceMilliseconds(); }
        }

        /// <summary>What the outbox holds, for status displays.</summary>
        public OutboxEntry[] OutboxEntries()
        {
            return outbox.Entries();
        }

        /// <summary>
        /// Door loop, one turn: read card bytes (waits up to 20 ms), act on them, hand a closed roll to the
        /// outbox and wake the worker, show what the worker reported. Never waits for the network, except for the
        /// bounded professor check when a card would open a roll.
        /// </summary>
        public void Step()
        {
            IClock clock = hardware.Clock;
            long now = clock.MonotonicMilliseconds;
            UpdateClockSignal(now);

            int count = hardware.CardReader.Read(readBuffer, 0, readBuffer.Length, CardReadTimeoutMilliseconds);
            now = clock.MonotonicMilliseconds;
            if (count > 0)
            {
                framer.Feed(readBuffer, 0, count, now, this);
            }
            else
            {
                framer.Poll(now, this);
            }

            if (roll.State == RollState.Open && roll.CloseIfOverdue())
            {
                hardware.Log.Write(LogLevel.Information, Source, "Roll left open past its limit: closed automatically");
            }

            if (roll.State == RollState.Closing)
            {
                HandOverClosedRoll();
            }

            ShowNetworkNews();
            UpdateLights();
        }

        /// <summary>
        /// Network worker: blocks until the door loop hands over a roll or for at most
        /// <paramref name="milliseconds"/>; then call <see cref="RunNetworkPass"/>.
        /// </summary>
        public bool WaitForNetworkWork(int milliseconds)
        {
            return worker.WaitForWork(milliseconds);
        }

        /// <summary>
        /// Network worker: one pass over the outbox when one is due (woken by a hand-over, or every
        /// <see cref="OutboxPollMilliseconds"/>). May block on the network within its timeouts. Tests call it
        /// directly for a deterministic pass; the board and the PC call it in a loop on their worker thread.
        /// Returns true when a pass ran.
        /// </summary>
        public bool RunNetworkPass()
        {
            return worker.RunOnce();
        }

        /// <summary>Plays the LED patterns at the current time; safe to call from another thread.</summary>
        public void UpdateLights()
        {
            lock (lightsGate)
            {
                lights.Update(hardware.Clock.MonotonicMilliseconds);
            }
        }

        /// <summary>A code from the reader: the roll decides, the LEDs tell.</summary>
        public void OnCard(char[] code, int length, long monotonicMilliseconds)
        {
            if (roll.State == RollState.Closed && AttendanceRoll.IsClockSet(hardware.Clock))
            {
                // This card may open the roll: the roll asks the server (a bounded wait, BoundedProfessorDirectory).
                // Say at once that the card was read; the swipe's own signal below replaces this one.
                lock (lightsGate)
                {
                    lights.Show(Signal.CheckingProfessor, monotonicMilliseconds);
                    lights.Update(hardware.Clock.MonotonicMilliseconds);
                }
            }

            SwipeResult result = roll.Swipe(code, length);
            lock (lightsGate)
            {
                // Started now, not at the card's time: after a professor check that waited for the server, a
                // signal dated from the card would be over before it was ever shown.
                long now = hardware.Clock.MonotonicMilliseconds;
                lights.Show(SignalPatterns.ForSwipe(result), now);
                lights.SetRollOpen(roll.State == RollState.Open);
                lights.Update(now);
            }

            hardware.Log.Write(LogLevel.Information, Source, "Card " + new string(code, 0, length) + ": " + SwipeName(result));
            LookupException refusal = roll.LastProfessorCheckFailure;
            if ((result == SwipeResult.KeyRefused || result == SwipeResult.OpenedFromCache) && refusal != null
                && refusal.Failure == LookupFailure.KeyRefused)
            {
                // Its own line, apart from "unreachable": the server answers, but not to this terminal's key.
                hardware.Log.Write(LogLevel.Error, Source, refusal.Message);
            }
        }

        public void OnBadRead(BadReadReason reason, long monotonicMilliseconds)
        {
            lock (lightsGate)
            {
                lights.Show(Signal.BadRead, monotonicMilliseconds);
                lights.Update(hardware.Clock.MonotonicMilliseconds);
            }

            hardware.Log.Write(LogLevel.Warning, Source, "Bad read (" + BadReadName(reason) + ")");
        }

        /// <summary>
        /// Two-phase hand-over (docs/roll.md): the outbox stores the roll under its RollId before the journal is
        /// deleted, so a power cut in between leaves the roll in one place or both, never in none. Storing is a
        /// bounded flash write; the network work is the worker's, woken here.
        /// </summary>
        private void HandOverClosedRoll()
        {
            ClosedRoll closed = roll.BeginClose();
            bool stored = outbox.Enqueue(closed);
            roll.CompleteClose();

            // After Enqueue: a different roll found under the same RollId was given a new one ("-2").
            hardware.Log.Write(LogLevel.Information, Source, "Roll " + closed.RollId + " closed with " + closed.StudentCount + " student(s); "
                + (stored ? "queued for mail" : "already in the outbox (hand-over repeated after a restart)"));
            lock (lightsGate)
            {
                lights.SetRollOpen(false);
            }

            worker.Wake();
        }

        /// <summary>What the worker reported since the last step, as LED signals.</summary>
        private void ShowNetworkNews()
        {
            bool sending;
            bool passFinished = handOver.Take(news, out sending);
            long now = hardware.Clock.MonotonicMilliseconds;
            lock (lightsGate)
            {
                // SetSending keeps the pattern's start while the value does not change.
                lights.SetSending(sending, now);

                if (!passFinished)
                {
                    return;
                }

                if (news.Sent > 0 && news.FailedKept == 0 && news.FailedPermanently == 0)
                {
                    lights.ClearMailFailure();
                }

                if (news.FailedPermanently > 0 || news.DamagedRecords > 0)
                {
                    lights.ReportMailFailedPermanently(now);
                }
                else if (news.KeyRefused > 0)
                {
                    lights.Show(Signal.KeyRefused, now);
                }
                else if (news.WaitingForLookup > 0)
                {
                    lights.Show(Signal.NetworkTrouble, now);
                }
                else if (news.RetryScheduled > 0)
                {
                    lights.Show(Signal.MailQueuedForRetry, now);
                }
            }
        }

        private static int ProfessorCheckMilliseconds(TerminalSettings settings)
        {
            int configured = settings.LookupTimeoutMilliseconds;
            return configured > 0 && configured < BoundedProfessorDirectory.CheckMilliseconds ? configured : BoundedProfessorDirectory.CheckMilliseconds;
        }

        private void UpdateClockSignal(long now)
        {
            bool set = AttendanceRoll.IsClockSet(hardware.Clock);
            if (set != clockWasSet)
            {
                clockWasSet = set;
                lock (lightsGate)
                {
                    lights.SetClockNotSet(!set, now);
                }
            }
        }

        /// <summary>
        /// The network-facing parts over the real connector. The door and the worker each get their own lookup
        /// client, so a professor check and a close-time lookup can run at the same time: every call opens its
        /// own connection, and nothing of a client (its last-call counters, the directory's card code) is shared
        /// between the two threads. The door's client runs under a <see cref="DeadlineConnector"/>; the worker's
        /// lookups and mail go through a <see cref="ProgressConnector"/> for the watchdog.
        /// </summary>
        private class NetworkParts
        {
            public IProfessorDirectory Directory;
            public DeadlineConnector DoorDeadline;
            public IRollReportBuilder ReportBuilder;
            public ISmtpSender Sender;
            public NetworkProgress Progress;
            public LookupClient WorkerClient;

            public static NetworkParts Over(TerminalHardware hardware, TerminalSettings settings)
            {
                if (hardware == null || settings == null)
                {
                    throw new ArgumentNullException(hardware == null ? "hardware" : "settings");
                }

                NetworkParts parts = new NetworkParts();
                LookupClientSettings lookup = TerminalComponents.Lookup(settings);
                parts.DoorDeadline = new DeadlineConnector(hardware.Network, hardware.Clock);
                parts.Directory = new LookupProfessorDirectory(new LookupClient(parts.DoorDeadline, lookup));
                parts.Progress = new NetworkProgress(hardware.Clock);
                INetworkConnector workerNetwork = new ProgressConnector(hardware.Network, parts.Progress);
                parts.WorkerClient = new LookupClient(workerNetwork, lookup);
                parts.ReportBuilder = new RollReportBuilder(parts.WorkerClient);
                parts.Sender = new SmtpClient(workerNetwork, TerminalComponents.Smtp(settings), hardware.Log);
                return parts;
            }
        }

        private static string StateName(RollState state)
        {
            switch (state)
            {
                case RollState.Open: return "open";
                case RollState.Closing: return "closing";
                default: return "closed";
            }
        }

        private static string SwipeName(SwipeResult result)
        {
            switch (result)
            {
                case SwipeResult.Opened: return "roll opened";
                case SwipeResult.OpenedFromCache: return "roll opened (professor from the offline cache)";
                case SwipeResult.NotProfessor: return "not a professor, roll stays closed";
                case SwipeResult.ServerUnreachable: return "lookup server unreachable, roll stays closed";
                case SwipeResult.ClockNotSet: return "clock not set, ignored";
                case SwipeResult.Accepted: return "accepted";
                case SwipeResult.Duplicate: return "duplicate";
                case SwipeResult.RollFull: return "roll full";
                case SwipeResult.OtherProfessor: return "another professor, refused";
                case SwipeResult.Closing: return "roll closing";
                case SwipeResult.ClosePending: return "roll is closing, ignored";
                case SwipeResult.KeyRefused: return "lookup server refused this terminal's key, roll stays closed";
                default: return "journal write failed, not stored";
            }
        }

        private static string BadReadName(BadReadReason reason)
        {
            switch (reason)
            {
                case BadReadReason.TooShort: return "too short";
                case BadReadReason.TooLong: return "too long";
                case BadReadReason.ControlByte: return "control byte";
                case BadReadReason.NonAsciiByte: return "non-ASCII byte";
                case BadReadReason.DisallowedCharacter: return "character not allowed";
                default: return "timeout inside a code";
            }
        }
    }
}
