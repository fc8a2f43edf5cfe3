using System;

namespace Attendance.Core.Hardware
{
    /// <summary>A network failure, typed by <see cref="NetworkFailure"/>, raised by connector adapters.</summary>
    public class NetworkException : Exception
    {
        public NetworkException(NetworkFailure failure, string message)
            : base(message)
        {
            Failure = failure;
        }

        public NetworkException(NetworkFailure failure, string message, Exception innerException)
            : base(message, innerException)
        {
            Failure = failure;
        }

        public NetworkFailure Failure { get; private set; }
    }
}
