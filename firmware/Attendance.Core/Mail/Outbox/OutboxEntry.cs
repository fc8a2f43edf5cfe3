using System;

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
    }
}
