using System;

namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// The message cannot be written as configured (bad sender or recipient address). Retrying will not help
    /// until the configuration or the lookup data changes, so the outbox keeps the roll as permanently failed.
    /// </summary>
    public class InvalidMessageException : Exception
    {
        public InvalidMessageException(string message)
            : base(message)
        {
        }
    }
}
