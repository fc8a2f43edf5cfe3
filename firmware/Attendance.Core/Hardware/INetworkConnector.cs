namespace Attendance.Core.Hardware
{
    /// <summary>Opens connections: sockets and SslStream on the board, the same on a PC.</summary>
    public interface INetworkConnector
    {
        /// <summary>
        /// Resolves <paramref name="host"/>, connects within <paramref name="timeoutMilliseconds"/> and, for
        /// <see cref="ConnectionSecurity.Tls"/>, completes the TLS handshake validating the server certificate
        /// against <paramref name="host"/>. Throws <see cref="NetworkException"/> on failure.
        /// </summary>
        INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds);

        /// <summary>
        /// Upgrades an open plain connection to TLS (STARTTLS, RFC 3207 section 4). The returned connection
        /// replaces the plain one, which must not be used afterwards.
        /// </summary>
        INetworkConnection StartTls(INetworkConnection plainConnection, string host);
    }
}
