using System;

namespace Attendance.Core.Lookup
{
    /// <summary>A failed lookup exchange, typed by <see cref="LookupFailure"/>.</summary>
    public class LookupException : Exception
    {
        public LookupException(LookupFailure failure, string message)
            : base(message)
        {
            Failure = failure;
        }

        public LookupException(LookupFailure failure, string message, Exception innerException)
            : base(message, innerException)
        {
            Failure = failure;
        }

        public LookupFailure Failure { get; private set; }
    }
}
