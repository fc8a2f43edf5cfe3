namespace Attendance.Core.Lookup
{
    /// <summary>Why a lookup failed, by what the caller can do: every kind keeps the roll for a later retry.</summary>
    public enum LookupFailure
    {
        /// <summary>The server could not be reached (down, no route, connection refused).</summary>
        Unreachable = 0,

        /// <summary>The server did not answer within the per-request timeout.</summary>
        Timeout = 1,

        /// <summary>The server answered something that breaks the protocol (wrong count, bad line, ERRO).</summary>
        ProtocolViolation = 2,

        /// <summary>
        /// The server refused this terminal (authentication failed or access denied), or the TLS handshake failed
        /// (<c>lookup.security = tls</c> and the server's certificate is not trusted, or the server has no TLS):
        /// the configuration must change before a retry can succeed.
        /// </summary>
        Refused = 3,
    }
}
