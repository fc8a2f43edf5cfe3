namespace Attendance.Core.Mail.Outbox
{
    /// <summary>Where a roll stands in the outbox.</summary>
    public enum OutboxEntryStatus
    {
        /// <summary>Stored; its report is ready or will be looked up at the next attempt.</summary>
        Pending = 0,

        /// <summary>The lookup server could not be asked; the lookup is retried on the backoff schedule.</summary>
        WaitingForLookup = 1,

        /// <summary>A send failed transiently; retried on the backoff schedule.</summary>
        RetryScheduled = 2,

        /// <summary>The server accepted it (250 to the final "."); the records are being removed.</summary>
        Sent = 3,

        /// <summary>Failed permanently (5xx, bad address, authentication): kept for a person to look at, never retried.</summary>
        Failed = 4,
    }
}
