using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Network;

/// <summary>A connection's log lines (generated: a disabled level costs no formatting). No personal data, no keys.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connection of {Terminal} ended: {Requests} requests in {Milliseconds} ms")]
    public static partial void Summary(ILogger logger, string terminal, int requests, long milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Terminal} closed the connection")]
    public static partial void ClosedByPeer(ILogger logger, string terminal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing idle connection of {Terminal}")]
    public static partial void ClosingIdle(ILogger logger, string terminal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS handshake with {Remote} failed, connection closed: {Reason}")]
    public static partial void TlsHandshakeFailed(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Line longer than {Limit} bytes from {Terminal}")]
    public static partial void LineTooLong(ILogger logger, int limit, string terminal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication refused for terminal {TerminalId} from {Address}: {Failures} failed login(s) from this address, refused for {Seconds} s{Suppressed}")]
    public static partial void AuthenticationRefused(ILogger logger, string terminalId, string address, int failures, int seconds, string suppressed);
}
