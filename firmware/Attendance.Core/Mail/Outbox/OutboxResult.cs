namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// What one <see cref="Outbox.ProcessDue"/> call did, in counts the terminal maps to LED signals
    /// (e.g. a short green blink per sent roll, red when something failed permanently).
    /// </summary>
    public class OutboxResult
    {
        /// <summary>Rolls accepted by the server in this call.</summary>
        public int Sent;

        /// <summary>Rolls the server stored (CHAMADAGUARDADA) in this call.</summary>
        public int Uploaded;

        /// <summary>
        /// Rolls whose e-mail is accepted and whose upload failed in this call: the upload alone is retried later.
        /// Not counted in <see cref="RetryScheduled"/>, which says an e-mail is waiting.
        /// </summary>
        public int UploadRetryScheduled;

        /// <summary>Rolls whose send failed transiently in this call; retried later.</summary>
        public int RetryScheduled;

        /// <summary>Rolls that failed permanently in this call.</summary>
        public int FailedPermanently;

        /// <summary>Rolls whose lookup failed in this call; looked up again later.</summary>
        public int WaitingForLookup;

        /// <summary>Of <see cref="WaitingForLookup"/>: lookups the server refused because of this terminal's key (LookupFailure.KeyRefused).</summary>
        public int KeyRefused;

        /// <summary>Rolls still in the outbox that were not due (or were deferred after a server failure).</summary>
        public int NotDue;

        /// <summary>Permanently failed rolls kept in the store (from this and earlier calls).</summary>
        public int FailedKept;

        /// <summary>Damaged records found and set aside in this call (each logged at Error as "Damaged record").</summary>
        public int DamagedRecords;

        /// <summary>Rolls rebuilt in this call from the intact lines of a damaged record; students may be missing.</summary>
        public int RollsSalvaged;

        /// <summary>Rolls found in this call to be damaged beyond use; kept as failed (also counted in FailedPermanently).</summary>
        public int RollsLost;

        /// <summary>True when nothing is left to send (failed rolls do not count: they wait for a person).</summary>
        public bool Empty
        {
            get { return RetryScheduled == 0 && UploadRetryScheduled == 0 && WaitingForLookup == 0 && NotDue == 0; }
        }
    }
}
