using Attendance.Core.Mail.Outbox;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// The one place where the network worker tells the door loop what it did: whether it is sending now, and
    /// the counts of its passes since the door last looked (which the door turns into LED signals). Both sides
    /// hold the lock only to copy a few integers, so the door never waits for the network here.
    /// </summary>
    public class NetworkHandOver
    {
        private readonly object gate = new object();
        private bool sending;
        private bool finished;
        private int sent;
        private int retryScheduled;
        private int failedPermanently;
        private int waitingForLookup;
        private int failedKept;
        private int keyRefused;
        private int damagedRecords;

        /// <summary>Worker: a pass with mail to send has started (the door shows "sending").</summary>
        public void SendingStarted()
        {
            lock (gate)
            {
                sending = true;
            }
        }

        /// <summary>Worker: a pass ended; adds its counts (null when it ended with an exception).</summary>
        public void PassFinished(OutboxResult result)
        {
            lock (gate)
            {
                sending = false;
                if (result == null)
                {
                    return;
                }

                finished = true;
                sent += result.Sent;
                retryScheduled += result.RetryScheduled;
                failedPermanently += result.FailedPermanently;
                waitingForLookup += result.WaitingForLookup;
                failedKept = result.FailedKept;
                keyRefused += result.KeyRefused;
                damagedRecords += result.DamagedRecords;
            }
        }

        /// <summary>
        /// Door: copies what happened since the last call into <paramref name="into"/> (counts summed over the
        /// passes, FailedKept as of the latest) and clears it. Returns true when at least one pass finished.
        /// </summary>
        public bool Take(OutboxResult into, out bool isSending)
        {
            lock (gate)
            {
                isSending = sending;
                bool any = finished;
                into.Sent = sent;
                into.RetryScheduled = retryScheduled;
                into.FailedPermanently = failedPermanently;
                into.WaitingForLookup = waitingForLookup;
                into.FailedKept = failedKept;
                into.KeyRefused = keyRefused;
                into.DamagedRecords = damagedRecords;
                into.NotDue = 0;
                finished = false;
                sent = 0;
                retryScheduled = 0;
                failedPermanently = 0;
                waitingForLookup = 0;
                keyRefused = 0;
                damagedRecords = 0;
                return any;
            }
        }
    }
}
