using System;

namespace Attendance.Core.Hardware
{
    /// <summary>
    /// One open TCP connection, plain or TLS. Implementations throw <see cref="NetworkException"/> (never a
    /// platform exception) so Core code can decide what to do without knowing the platform.
    /// </summary>
    public interface INetworkConnection : IDisposable
    {
        /// <summary>
        /// Blocks until at least one byte arrives and returns how many were copied; returns 0 when the peer closed
        /// the connection. Throws <see cref="NetworkException"/> with <see cref="NetworkFailure.Timeout"/> when
        /// nothing arrives within <see cref="ReadTimeoutMilliseconds"/>.
        /// </summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Writes all bytes or throws <see cref="NetworkException"/>.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Read timeout in milliseconds; applies to every following <see cref="Read"/>.</summary>
        int ReadTimeoutMilliseconds { get; set; }

        /// <summary>True once the connection is protected by TLS.</summary>
        bool IsSecure { get; }
    }
}
