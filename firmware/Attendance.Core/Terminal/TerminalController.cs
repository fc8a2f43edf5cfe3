using System;
using Attendance.Core.Cards;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;
using Attendance.Core.Signals;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// The terminal, wired: bytes from the card reader become codes (CardFramer), codes change the roll
    /// (AttendanceRoll), a closed roll goes into the outbox, and the outbox looks it up and mails it. The board
    /// and the PC both drive it by calling <see cref="Step"/> in a loop; nothing here waits longer than one
    /// card-port read, except the outbox's network work after a close or when a retry is due.
    /// The LEDs are updated by <see cref="Step"/> and, while the outbox is busy on the network, by
    /// <see cref="UpdateLights"/> from a timer of the caller's, so the "sending" pattern keeps moving.
    /// </summary>
    public class TerminalController : ICardSink
    {
        /// <summary>How long one step waits for card bytes: short enough for smooth LED patterns.</summary>
        public const int CardReadTimeoutMilliseconds = 20;

        /// <summary>How often the outbox is looked at when nothing was closed (retries are due at their own times).</summary>
        public const int OutboxPollMilliseconds = 5000;

        private const string Source = "terminal";

        private readonly TerminalHardware hardware;
        private readonly CardFramer framer;
        private readonly AttendanceRoll roll;
        private readonly Outbox outbox;
        private readonly IndicatorController lights;
        private readonly object lightsGate = new object();
        private readonly byte[] readBuffer = new byte[64];

        private long nextOutboxRun;
        // Starts true so that a clock found unset at the first step switches the "clock not set" pattern on.
        private bool clockWasSet = true;

        /// <summary>The terminal as the board and the PC run it: lookups and mail over <see cref="TerminalHardware.Network"/>.</summary>
        public TerminalController(TerminalHardware hardware, TerminalSettings settings)
            : this(hardware, settings, CreateLookupClient(hardware, settings))
        {
        }

        private TerminalController(TerminalHardware hardware, TerminalSettings settings, LookupClient lookup)
            : this(hardware, settings, new LookupProfessorDirectory(lookup), new RollReportBuilder(lookup),
                new SmtpClient(hardware.Network, TerminalComponents.Smtp(settings), hardware.Log))
        {
        }

        /// <summary>
        /// The terminal with its network-facing parts given: the tests drive the whole terminal with fakes
        /// of the professor directory, the report builder and the SMTP sender.
        /// </summary>
        public TerminalController(TerminalHardware hardware, TerminalSettings settings, IProfessorDirectory directory,
            IRollReportBuilder reportBuilder, ISmtpSender smtpSender)
        {
            if (hardware == null || settings == null || directory == null || reportBuilder == null || smtpSender == null)
            {
                throw new ArgumentNullException(hardware == null ? "hardware" : settings == null ? "settings" : "directory, reportBuilder or smtpSender");
            }

            this.hardware = hardware;
            framer = new CardFramer(TerminalComponents.CardReader(settings));
            roll = new AttendanceRoll(TerminalComponents.Roll(settings), hardware.Clock, hardware.Store, directory);
            outbox = new Outbox(hardware.Store, reportBuilder, smtpSender, hardware.Clock, TerminalComponents.Outbox(settings), hardware.Log);
            lights = new IndicatorController(hardware.Lights);

            roll.Restore();
            lock (lightsGate)
            {
                lights.SetRollOpen(roll.State == RollState.Open);
            }

            hardware.Log.Write(LogLevel.Information, Source, "Ready; roll " + StateName(roll.State) + ", " + outbox.Entries().Length + " e-mail(s) in the outbox");
        }

        /// <summary>The roll's current state, for status displays.</summary>
        public RollState RollState
        {
            get { return roll.State; }
        }

        /// <summary>True while the outbox holds an e-mail still to be sent (not counting ones that failed for good).</summary>
        public bool HasMailToSend
        {
            get { return HasUnsentMail(outbox.Entries()); }
        }

        /// <summary>What the outbox holds, for status displays.</summary>
        public OutboxEntry[] OutboxEntries()
        {
            return outbox.Entries();
        }

        /// <summary>One turn of the loop: read card bytes (waits up to 20 ms), act on them, look after the roll and outbox.</summary>
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
            else if (now >= nextOutboxRun)
            {
                ProcessOutbox();
            }

            UpdateLights();
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
            SwipeResult result = roll.Swipe(code, length);
            hardware.Log.Write(LogLevel.Information, Source, "Card " + new string(code, 0, length) + ": " + SwipeName(result));
            lock (lightsGate)
            {
                lights.Show(SignalPatterns.ForSwipe(result), monotonicMilliseconds);
                lights.SetRollOpen(roll.State == RollState.Open);
            }
        }

        public void OnBadRead(BadReadReason reason, long monotonicMilliseconds)
        {
            hardware.Log.Write(LogLevel.Warning, Source, "Bad read (" + BadReadName(reason) + ")");
            lock (lightsGate)
            {
                lights.Show(Signal.BadRead, monotonicMilliseconds);
            }
        }

        /// <summary>
        /// Two-phase hand-over (docs/roll.md): the outbox stores the roll under its RollId before the journal is
        /// deleted, so a power cut in between leaves the roll in one place or both, never in none.
        /// </summary>
        private void HandOverClosedRoll()
        {
            ClosedRoll closed = roll.BeginClose();
            outbox.Enqueue(closed);
            roll.CompleteClose();
            hardware.Log.Write(LogLevel.Information, Source, "Roll " + closed.RollId + " closed with " + closed.StudentCodes.Length + " student(s); queued for mail");
            lock (lightsGate)
            {
                lights.SetRollOpen(false);
            }

            ProcessOutbox();
        }

        private void ProcessOutbox()
        {
            long now = hardware.Clock.MonotonicMilliseconds;
            nextOutboxRun = now + OutboxPollMilliseconds;
            if (!HasUnsentMail(outbox.Entries()))
            {
                // Nothing, or only e-mails that failed for good (kept for the staff, signalled already).
                return;
            }

            lock (lightsGate)
            {
                lights.SetSending(true, now);
                lights.Update(now);
            }

            OutboxResult result = outbox.ProcessDue();
            now = hardware.Clock.MonotonicMilliseconds;
            lock (lightsGate)
            {
                lights.SetSending(false, now);
                if (result.Sent > 0 && result.FailedKept == 0 && result.FailedPermanently == 0)
                {
                    lights.ClearMailFailure();
                }

                if (result.FailedPermanently > 0)
                {
                    lights.ReportMailFailedPermanently(now);
                }
                else if (result.WaitingForLookup > 0)
                {
                    lights.Show(Signal.NetworkTrouble, now);
                }
                else if (result.RetryScheduled > 0)
                {
                    lights.Show(Signal.MailQueuedForRetry, now);
                }
            }

            if (result.Sent + result.RetryScheduled + result.FailedPermanently + result.WaitingForLookup > 0)
            {
                hardware.Log.Write(LogLevel.Information, Source, "Outbox: " + result.Sent + " sent, " + result.RetryScheduled
                    + " to retry, " + result.WaitingForLookup + " waiting for the lookup server, " + result.FailedPermanently
                    + " failed permanently, " + result.FailedKept + " failed earlier and kept");
            }
        }

        private static bool HasUnsentMail(OutboxEntry[] entries)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].Status != OutboxEntryStatus.Failed)
                {
                    return true;
                }
            }

            return false;
        }

        private void UpdateClockSignal(long now)
        {
            bool set = hardware.Clock.UtcNow.Year >= AttendanceRoll.FirstValidYear;
            if (set != clockWasSet)
            {
                clockWasSet = set;
                lock (lightsGate)
                {
                    lights.SetClockNotSet(!set, now);
                }
            }
        }

        private static LookupClient CreateLookupClient(TerminalHardware hardware, TerminalSettings settings)
        {
            if (hardware == null || settings == null)
            {
                throw new ArgumentNullException(hardware == null ? "hardware" : "settings");
            }

            return new LookupClient(hardware.Network, TerminalComponents.Lookup(settings));
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
