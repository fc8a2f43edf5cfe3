namespace Attendance.Core.Hardware
{
    /// <summary>What went wrong with a connection, in terms of what the caller can do next.</summary>
    public enum NetworkFailure
    {
        /// <summary>Name resolution or TCP connect failed: the peer is down or unreachable; try later.</summary>
        Unreachable = 0,

        /// <summary>The peer did not answer in time; the connection is no longer usable.</summary>
        Timeout = 1,

        /// <summary>The connection broke while in use (reset, closed mid-transfer).</summary>
        ConnectionLost = 2,

        /// <summary>
        /// The TLS handshake was refused on its merits (certificate not trusted or not naming the host, no common
        /// protocol, a peer without TLS); retrying will not help until configuration changes. A handshake cut by
        /// the network (EOF, reset, no answer in time) is <see cref="ConnectionLost"/> or <see cref="Timeout"/>.
        /// </summary>
        TlsFailed = 3,
    }
}
