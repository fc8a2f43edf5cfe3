using System;
using System.Threading;
using Attendance.Core.Health;
using Attendance.Core.Hardware;
using Attendance.Core.Mail.Outbox;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// The terminal's second loop: everything that may wait for the network after a roll is closed (the lookup
    /// at close, the e-mail, the retries) runs here, on a thread the caller starts, never on the door loop.
    /// The door loop wakes it after handing a closed roll to the outbox (<see cref="Wake"/>); otherwise it looks
    /// at the outbox every <see cref="OutboxPollMilliseconds"/>. It reports back only through
    /// <see cref="NetworkHandOver"/>.
    /// <para>
    /// The thread runs <c>while (running) { WaitForWork(...); RunOnce(); }</c>. Tests call <see cref="RunOnce"/>
    /// directly for one deterministic pass. Core starts no threads (the board and the PC do), so this class only
    /// offers the steps and a wait.
    /// </para>
    /// </summary>
    public class NetworkWorker
    {
        /// <summary>How often the outbox is looked at when nothing was closed (retries are due at their own times).</summary>
        public const int OutboxPollMilliseconds = 5000;

        private const string Source = "terminal";

        private readonly Outbox outbox;
        private readonly IClock clock;
        private readonly IEventLog log;
        private readonly NetworkHandOver handOver;
        private readonly NetworkProgress progress;
        private readonly AutoResetEvent wakeEvent = new AutoResetEvent(false);
        private readonly object gate = new object();

        private bool wakeRequested;
        private long nextRun;

        public NetworkWorker(Outbox outbox, IClock clock, IEventLog log, NetworkHandOver handOver, NetworkProgress progress)
        {
            this.outbox = outbox;
            this.clock = clock;
            this.log = log;
            this.handOver = handOver;
            this.progress = progress;
        }

        /// <summary>Door loop: a roll was just stored in the outbox; look at it now rather than at the next poll.</summary>
        public void Wake()
        {
            lock (gate)
            {
                wakeRequested = true;
            }

            wakeEvent.Set();
        }

        /// <summary>
        /// Worker thread: blocks until <see cref="Wake"/> or for at most <paramref name="milliseconds"/> of real
        /// time. Returns true when woken.
        /// </summary>
        public bool WaitForWork(int milliseconds)
        {
            return wakeEvent.WaitOne(milliseconds, false);
        }

        /// <summary>
        /// One pass, if one is due (woken, or the poll interval has passed): every due roll is looked up and sent.
        /// May block as long as the network's bounded timeouts allow. Returns true when a pass ran. Exceptions
        /// (a damaged record, a flash fault) come out after the "sending" state is cleared; the caller logs them
        /// and calls again later, since everything is on flash.
        /// </summary>
        public bool RunOnce()
        {
            bool ran = RunOutboxIfDue();
            return RunHeartbeatIfDue() || ran;
        }

        /// <summary>
        /// The heartbeat (docs/protocol.md, "Terminal health"), run after the outbox's pass when due; null sends none.
        /// Set before the worker's thread starts.
        /// </summary>
        public Heartbeat Heartbeat { get; set; }

        /// <summary>
        /// Sends the heartbeat when due, unless a roll was handed over meanwhile: the roll goes first, and the
        /// heartbeat waits for the next pass. Its failures are the heartbeat's own (logged, retried at the next
        /// interval); an exception from the store is logged here and never reaches the outbox's work.
        /// </summary>
        private bool RunHeartbeatIfDue()
        {
            Heartbeat heartbeat = Heartbeat;
            if (heartbeat == null || !heartbeat.IsDue())
            {
                return false;
            }

            lock (gate)
            {
                if (wakeRequested)
                {
                    return false;
                }
            }

            progress.PassStarted(clock.MonotonicMilliseconds);
            try
            {
                heartbeat.Send();
            }
            catch (OutOfMemoryException)
            {
                throw;
            }
            catch (Exception exception)
            {
                log.Write(LogLevel.Warning, Source, "Heartbeat failed: " + exception.Message);
            }
            finally
            {
                progress.PassEnded();
            }

            return true;
        }

        private bool RunOutboxIfDue()
        {
            long now = clock.MonotonicMilliseconds;
            lock (gate)
            {
                if (!wakeRequested && now < nextRun)
                {
                    return false;
                }

                wakeRequested = false;
                nextRun = now + OutboxPollMilliseconds;
            }

            OutboxResult result = null;
            progress.PassStarted(now);
            try
            {
                if (!Outbox.AnyUnsent(outbox.Entries()))
                {
                    // Nothing, or only e-mails that failed for good (kept for the staff, signalled already).
                    return true;
                }

                handOver.SendingStarted();
                result = outbox.ProcessDue();
            }
            finally
            {
                progress.PassEnded();
                handOver.PassFinished(result);
            }

            if (result.Sent + result.Uploaded + result.RetryScheduled + result.UploadRetryScheduled + result.FailedPermanently + result.WaitingForLookup > 0)
            {
                log.Write(LogLevel.Information, Source, "Outbox: " + result.Sent + " sent, " + result.Uploaded + " stored by the server, "
                    + result.RetryScheduled + " to retry, " + result.UploadRetryScheduled + " upload(s) to retry, " + result.WaitingForLookup + " waiting for the lookup server, " + result.FailedPermanently
                    + " failed permanently, " + result.FailedKept + " failed earlier and kept");
            }

            if (result.DamagedRecords + result.RollsSalvaged + result.RollsLost > 0)
            {
                log.Write(LogLevel.Error, Source, "Outbox: " + result.DamagedRecords + " damaged record(s) set aside, "
                    + result.RollsSalvaged + " roll(s) rebuilt from intact lines (students may be missing), "
                    + result.RollsLost + " roll(s) lost");
            }

            return true;
        }
    }
}
