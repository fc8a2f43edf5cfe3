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
        /// The server cannot serve this roll as configured: the TLS handshake was refused (<c>lookup.security =
        /// tls</c> and the server's certificate is not trusted or names another host, or the server has no TLS),
        /// or the server does not know the professor and no address was confirmed at opening. The
        /// configuration or the data must change before a retry can succeed.
        /// </summary>
        Refused = 3,

        /// <summary>
        /// The server answered AUTENTICAR with ERRO (other than "servidor indisponivel", "falha interna" or "servidor
        /// ocupado", which say the key could not be checked now and are Unreachable): it does not know this
        /// terminal or its key differs from the one stored for it (<c>terminal.key</c> against the server's <c>terminals.key_hex</c>). The server is
        /// reachable; only fixing the key on either side helps. Not network trouble, and signalled on its own.
        /// </summary>
        KeyRefused = 4,
    }
}
