using System;
using Attendance.Core.Lookup;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>One roll in the outbox, as persisted in its state record.</summary>
    public class OutboxEntry
    {
        public string RollId;

        public OutboxEntryStatus Status;

        /// <summary>Consecutive failed attempts in the current phase (lookup, then sending); drives the backoff.</summary>
        public int Failures;

        /// <summary>When the next attempt is due (UTC); DateTime.MinValue for "now".</summary>
        public DateTime NextAttemptUtc = DateTime.MinValue;

        /// <summary>True once the lookup answered and the report is stored.</summary>
        public bool HasReport;

        /// <summary>The last failure's SMTP reply code (0 when none) and description.</summary>
        public int LastReplyCode;

        public string LastError;

        /// <summary>
        /// For a failed roll, the fingerprint of the settings it failed under (<see cref="OutboxOptions.SettingsFingerprint"/>):
        /// when the terminal starts with other settings, the roll is retried once.
        /// </summary>
        public string FailedUnderSettings;

        /// <summary>True once the roll was put back to pending after a settings change, so that retry happens only once.</summary>
        public bool RetriedAfterSettingsChange;

        /// <summary>How many consecutive attempts failed with the same <see cref="FailureSignature"/> (deterministic failures only).</summary>
        public int IdenticalFailures;

        /// <summary>What the last deterministic failure looked like (kind, code, text); null after a network failure.</summary>
        public string FailureSignature;

        /// <summary>
        /// The roll's upload to the server: <see cref="UploadOutcome.Pending"/> until the server stored it (or cannot:
        /// an older server, open mode). A state written before the upload existed reads as pending.
        /// </summary>
        public UploadOutcome Upload;

        /// <summary>
        /// True once the mail server accepted the e-mail (the 250 to the final "."): it is never sent again, and the
        /// roll stays only for its upload. A "sent" state written before the upload existed reads as accepted.
        /// </summary>
        public bool MailAccepted;

        /// <summary>False when the state record was found damaged and this entry stands in for it until it is rebuilt.</summary>
        public bool StateIntact = true;
    }
}
