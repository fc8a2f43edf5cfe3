using Attendance.Core.Mail.Message;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>The outbox's settings: the mail identity and the retry schedule.</summary>
    public class OutboxOptions
    {
        public MessageSettings Message;

        /// <summary>Delay after the first failure; doubled after each further failure.</summary>
        public int FirstRetrySeconds = 30;

        /// <summary>The longest delay between attempts.</summary>
        public int MaximumRetrySeconds = 1800;

        /// <summary>
        /// Attempts that may fail in exactly the same deterministic way (the same malformed lookup answer, the same
        /// unexpected SMTP reply, a report that cannot be rendered) before the roll fails permanently. Network
        /// trouble (unreachable, timeouts, 4xx replies) never counts: a server down for a day must not lose a roll.
        /// With the default backoff, 8 attempts take about 1 h 20 min.
        /// </summary>
        public int MaximumIdenticalFailures = 8;

        /// <summary>
        /// Fingerprint of the settings mail and lookups run under (<see cref="DeliverySettingsFingerprint"/>); a roll that
        /// failed permanently under other settings is retried once. Null: no automatic retry.
        /// </summary>
        public string SettingsFingerprint;

        /// <summary>Prefix of the outbox's record names in the durable store.</summary>
        public string RecordPrefix = "outbox-";
    }
}
