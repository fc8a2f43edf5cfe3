namespace Attendance.Core.Hardware
{
    /// <summary>
    /// What a failed TLS handshake on the board means, from the error code of the SocketException that
    /// nanoFramework's SslStream throws (an mbedTLS error code, or a socket error). A handshake cut by the network
    /// (the peer closed or reset, nothing arrived in time) is transient like any broken connection; only a
    /// handshake the peer took far enough to refuse (certificate not trusted or not naming the host, a fatal
    /// alert, a peer that does not speak TLS) is <see cref="NetworkFailure.TlsFailed"/>, which callers treat as
    /// permanent until the configuration changes. A code neither list knows (older firmware reports a bare
    /// CLR_E_FAIL) counts as transient: a misconfigured certificate then retries with backoff and shows as
    /// trouble reaching the server, while the opposite mistake would stop a roll's retries over a network blip.
    /// </summary>
    public static class TlsHandshakeErrors
    {
        // mbedTLS net_sockets.h / ssl.h (2.x and 3.x keep these values).
        private const int NetSocketFailed = -0x0042;
        private const int NetConnectFailed = -0x0044;
        private const int NetReceiveFailed = -0x004C;
        private const int NetSendFailed = -0x004E;
        private const int NetConnectionReset = -0x0050;
        private const int SslTimeout = -0x6800;
        private const int SslConnectionEof = -0x7280;
        private const int SslPeerCloseNotify = -0x7880;
        private const int SslFatalAlert = -0x7780;

        // mbedTLS x509.h: every X.509 error, certificate verification failure (-0x2700) included.
        private const int X509First = -0x2080;
        private const int X509Last = -0x3000;

        // Socket errors (WinSock numbering, as nanoFramework's SocketError uses).
        private const int ConnectionAborted = 10053;
        private const int ConnectionReset = 10054;
        private const int NotConnected = 10057;
        private const int Shutdown = 10058;
        private const int TimedOut = 10060;
        private const int NetworkDown = 10050;
        private const int NetworkUnreachable = 10051;
        private const int NetworkReset = 10052;
        private const int HostUnreachable = 10065;

        /// <summary>Timeout, ConnectionLost (transient) or TlsFailed (permanent) for a handshake error code.</summary>
        public static NetworkFailure Classify(int errorCode)
        {
            if (errorCode == SslTimeout || errorCode == TimedOut)
            {
                return NetworkFailure.Timeout;
            }

            if (IsRefusal(errorCode))
            {
                return NetworkFailure.TlsFailed;
            }

            return NetworkFailure.ConnectionLost;
        }

        /// <summary>True for codes that say the peer answered and the handshake was refused on its merits.</summary>
        public static bool IsRefusal(int errorCode)
        {
            if (errorCode <= X509First && errorCode >= X509Last)
            {
                return true;
            }

            if (errorCode == SslFatalAlert)
            {
                return true;
            }

            // Other SSL-module errors (-0x6000 .. -0x7FFF): a bad handshake message, no common version or cipher,
            // a record that is not TLS at all. The transport ones among them were handled above or below.
            bool sslModule = errorCode <= -0x6000 && errorCode >= -0x7FFF;
            return sslModule && !IsTransport(errorCode);
        }

        private static bool IsTransport(int errorCode)
        {
            return errorCode == NetSocketFailed || errorCode == NetConnectFailed || errorCode == NetReceiveFailed
                || errorCode == NetSendFailed || errorCode == NetConnectionReset || errorCode == SslTimeout
                || errorCode == SslConnectionEof || errorCode == SslPeerCloseNotify
                || errorCode == ConnectionAborted || errorCode == ConnectionReset || errorCode == NotConnected
                || errorCode == Shutdown || errorCode == TimedOut || errorCode == NetworkDown
                || errorCode == NetworkUnreachable || errorCode == NetworkReset || errorCode == HostUnreachable;
        }
    }
}
