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

        /// <summary>Prefix of the outbox's record names in the durable store.</summary>
        public string RecordPrefix = "outbox-";
    }
}
