using System;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>A stored outbox record cannot be read back (corrupt or from an incompatible version).</summary>
    public class RecordFormatException : Exception
    {
        public RecordFormatException(string message)
            : base(message)
        {
        }
    }
}
