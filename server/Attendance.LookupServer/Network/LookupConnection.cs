using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Attendance.Core.Lookup;
using Attendance.Core.Security;
using Attendance.LookupServer.Protocol;
using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Network;

/// <summary>
/// One terminal's connection: greeting with a fresh nonce (unless in open mode), then one answer line per
/// request line, in order. Answers to all complete lines of one read go out in one write, so a pipelining
/// client gets its answers in as few segments as it sent requests. With TLS (<see cref="_tls"/> set) the same
/// lines go through the <see cref="SslStream"/>; the plain path stays on the socket, without a stream.
/// Against hostile clients (server/README.md, "Hostile clients"): until AUTENTICAR succeeds the connection has
/// Lookup:Admission:AuthenticationTimeoutSeconds from its accept; a failed AUTENTICAR is answered and ends the
/// connection; every write must be taken by the client within Lookup:Admission:WriteTimeoutSeconds, and at most
/// MaxAnswerBufferBytes of answers wait in the buffer, so a client that does not read is cut.
/// </summary>
internal sealed class LookupConnection
{
    /// <summary>After the last ERRO line, input still arriving is read and dropped for this long at most (see <see cref="CloseAfterAsync"/>).</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromMilliseconds(500);

    private const int DrainBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly SslStream? _tls;
    private readonly LookupServerOptions _options;
    private readonly LookupRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly AdmissionControl _admission;
    private readonly AdmissionControl.Ticket _ticket;
    private readonly RefusalLog _refusals;
    private readonly long _accepted;
    private readonly TimeSpan _writeTimeout;
    private CancellationTokenSource? _write;

    public LookupConnection(Socket socket, SslStream? tls, LookupServerOptions options, LookupRequestHandler handler, ILogger logger,
        AdmissionControl admission, AdmissionControl.Ticket ticket, RefusalLog refusals, long acceptedTimestamp)
    {
        _socket = socket;
        _tls = tls;
        _options = options;
        _handler = handler;
        _logger = logger;
        _admission = admission;
        _ticket = ticket;
        _refusals = refusals;
        _accepted = acceptedTimestamp;
        _writeTimeout = TimeSpan.FromSeconds(options.Admission.WriteTimeoutSeconds);
    }

    private IPAddress Remote => _ticket.Address;

    /// <summary>
    /// Sends ERRO with <paramref name="reason"/> and closes: over <paramref name="tls"/> when not null. The write
    /// must be taken within <paramref name="writeTimeout"/>; see <see cref="CloseAfterAsync"/> for the close.
    /// </summary>
    public static async Task RefuseAsync(Socket socket, SslStream? tls, string reason, TimeSpan writeTimeout, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(LookupRequestHandler.ErrorLine(reason) + "\r\n");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(writeTimeout);
        if (tls == null)
        {
            await socket.SendAsync(line, SocketFlags.None, timeout.Token);
        }
        else
        {
            await tls.WriteAsync(line, timeout.Token);

            // close_notify (RFC 8446 section 6.1), so the client reads the ERRO line and then a clean end.
            await tls.ShutdownAsync().WaitAsync(timeout.Token);
        }

        await CloseAfterAsync(socket, cancellationToken);
    }

    /// <summary>
    /// Ends the connection after its last line: FIN, then whatever the client still sends (requests it
    /// pipelined after the one that ended the connection) is read and dropped for a moment (at most
    /// <see cref="DrainTime"/> and <see cref="DrainBytes"/>). Closing with unread input would send a reset,
    /// which may make the client's stack drop the ERRO line it has not read yet.
    /// </summary>
    public static async Task CloseAfterAsync(Socket socket, CancellationToken cancellationToken)
    {
        socket.Shutdown(SocketShutdown.Send);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DrainTime);
        var sink = new byte[4096];
        var drained = 0;
        try
        {
            while (drained < DrainBytes)
            {
                // The raw socket even under TLS: these bytes are dropped, never decrypted.
                var received = await socket.ReceiveAsync(sink, SocketFlags.None, timeout.Token);
                if (received == 0)
                {
                    return;
                }

                drained += received;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException)
        {
            // The drain is a courtesy; the socket is closed by the caller either way.
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        // Cancelled when the server stops or when a newer connection pushes this one out (AdmissionControl).
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(stopping, _ticket.Cut.Token);
        var token = cut.Token;
        _write = CancellationTokenSource.CreateLinkedTokenSource(token);
        string? nonce = null;
        var output = new AnswerBuffer();
        var session = new LookupSession(_options.OpenMode, nonce: null);
        var requests = 0;
        var started = Stopwatch.GetTimestamp();
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        try
        {
            if (!_options.OpenMode)
            {
                // 128-bit nonce from the OS generator: a proof recorded on one connection never matches another's.
                nonce = HexText.FromBytes(RandomNumberGenerator.GetBytes(16));
                session = new LookupSession(false, nonce) { IsTls = _tls != null };
                output.AppendLine(LookupFieldCodec.Join(new[] { LookupProtocol.Greeting, LookupProtocol.Version, nonce }));
                await FlushAsync(output, token);
            }

            var framer = new LookupLineFramer(LookupProtocol.MaximumLineBytes);
            var buffer = new byte[4096];
            var lines = new List<string?>();
            var idle = TimeSpan.FromSeconds(_options.IdleTimeoutSeconds);
            var authenticationTime = TimeSpan.FromSeconds(_options.Admission.AuthenticationTimeoutSeconds);
            var maximumBuffered = _options.Admission.MaxAnswerBufferBytes;
            var lastLine = DateTime.UtcNow;
            var promoted = _options.OpenMode;
            _logger.LogDebug("Connection from {Remote}", _socket.RemoteEndPoint);

            // One timeout source for the connection, re-armed per read (TryReset), not one linked source and timer
            // per read.
            while (true)
            {
                // Idle time counts from the last complete line, so a client dribbling bytes without a line end
                // cannot hold the connection forever; before authentication the shorter deadline counts from
                // the accept.
                var remaining = idle - (DateTime.UtcNow - lastLine);
                if (remaining <= TimeSpan.Zero)
                {
                    ConnectionLog.ClosingIdle(_logger, session.LogName);
                    await RefuseAsync(_socket, _tls, "tempo de inatividade esgotado", _writeTimeout, stopping);
                    return;
                }

                var deadlineFirst = false;
                if (!promoted)
                {
                    var untilDeadline = authenticationTime - Stopwatch.GetElapsedTime(_accepted);
                    if (untilDeadline <= TimeSpan.Zero)
                    {
                        await CloseUnauthenticatedAsync(stopping);
                        return;
                    }

                    deadlineFirst = untilDeadline < remaining;
                    remaining = deadlineFirst ? untilDeadline : remaining;
                }

                int received;
                timeout.CancelAfter(remaining);
                try
                {
                    received = _tls == null
                        ? await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)
                        : await _tls.ReadAsync(buffer, timeout.Token);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    if (deadlineFirst)
                    {
                        await CloseUnauthenticatedAsync(stopping);
                    }
                    else
                    {
                        ConnectionLog.ClosingIdle(_logger, session.LogName);
                        await RefuseAsync(_socket, _tls, "tempo de inatividade esgotado", _writeTimeout, stopping);
                    }

                    return;
                }

                if (!timeout.TryReset())
                {
                    // The time ran out just as the read completed: the bytes arrived, so serve them with a
                    // fresh source.
                    timeout.Dispose();
                    timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                }

                if (received == 0)
                {
                    ConnectionLog.ClosedByPeer(_logger, session.LogName);
                    return;
                }

                // The complete lines of this read first (null for a line too long), then their answers in order:
                // the handler can then read ahead the student names and enrolments they ask for in one query per
                // kind (LookupRequestHandler.PrefetchAsync), where a pipelined roll would otherwise cost one query
                // per line.
                var offset = 0;
                lines.Clear();
                while (offset < received)
                {
                    var status = framer.Push(buffer, offset, received - offset, out var consumed);
                    offset += consumed;
                    if (status == LineFramerStatus.Line)
                    {
                        lines.Add(framer.TakeLine());
                    }
                    else if (status == LineFramerStatus.LineTooLong)
                    {
                        lines.Add(null);
                    }
                }

                if (lines.Count > 0)
                {
                    lastLine = DateTime.UtcNow;
                }

                var prefetched = false;
                try
                {
                    for (var i = 0; i < lines.Count; i++)
                    {
                        requests++;
                        var line = lines[i];
                        if (line == null)
                        {
                            ConnectionLog.LineTooLong(_logger, LookupProtocol.MaximumLineBytes, session.LogName);
                            output.AppendLine(LookupRequestHandler.ErrorLine("linha longa demais"));
                        }
                        else
                        {
                            // Once per read, and never before the session may ask: an unauthenticated client's
                            // lines reach the database only after its AUTENTICAR (possibly in this same read)
                            // succeeded, and then only the lines after it.
                            if (!prefetched && session.MayAskPersonalData && i < lines.Count - 1)
                            {
                                prefetched = true;
                                await _handler.PrefetchAsync(session, lines, i, token);
                            }

                            output.AppendLine(await _handler.AnswerAsync(session, line, token));
                            if (session.RefusedTerminalId != null)
                            {
                                // A refused AUTENTICAR ends the connection: its ERRO and the answers before it go
                                // out, nothing after it is answered. The address's failures feed the back-off.
                                await FlushAsync(output, token);
                                RecordFailedLogin(session.RefusedTerminalId);
                                await CloseAfterAsync(_socket, stopping);
                                return;
                            }

                            if (!promoted && session.TerminalId != null)
                            {
                                promoted = _admission.Promote(_ticket);
                                if (!promoted)
                                {
                                    // Pushed out just before its AUTENTICAR succeeded: closing (the cut token fired).
                                    return;
                                }
                            }
                        }

                        if (output.Length >= maximumBuffered)
                        {
                            // A read's answers can be many (a 4 KiB read of short requests, each answered by a long
                            // name): they go out in pieces, so the buffer stays bounded.
                            await FlushAsync(output, token);
                        }
                    }
                }
                finally
                {
                    // Read-ahead answers serve this read only: the next one reads the database (or cache) afresh.
                    session.Prefetched = null;
                }

                // All (remaining) answers to this read's requests in one write.
                await FlushAsync(output, token);
            }
        }
        catch (OperationCanceledException) when (_ticket.Evicted && !stopping.IsCancellationRequested)
        {
            // Pushed out by a newer connection while unauthenticated (AdmissionControl): closed without an ERRO.
            // Its greeting is out, so a slow terminal would take an ERRO for the answer to its AUTENTICAR (a
            // refused key); a closed connection is network trouble, which it retries.
            LogRefusal("evicted", "Unauthenticated connection from {Address} closed to make room for a newer one{Suppressed}", null);
            await CloseAfterAsync(_socket, stopping);
        }
        catch (ClientNotReadingException)
        {
            LogRefusal("not reading", "Connection from {Address} cut: its answers were not read within {Seconds} s{Suppressed}", _options.Admission.WriteTimeoutSeconds);

            // A reset, not a FIN behind the unread answers: the kernel drops them at once.
            _socket.LingerState = new LingerOption(true, 0);
        }
        finally
        {
            timeout.Dispose();
            _write.Dispose();

            // The per-request lines are Debug; this one line per connection is what Information keeps.
            ConnectionLog.Summary(_logger, session.LogName, requests, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task CloseUnauthenticatedAsync(CancellationToken stopping)
    {
        LogRefusal("deadline", "Connection from {Address} closed: not authenticated within {Seconds} s{Suppressed}", _options.Admission.AuthenticationTimeoutSeconds);
        await RefuseAsync(_socket, _tls, "tempo de autenticacao esgotado", _writeTimeout, stopping);
    }

    private void RecordFailedLogin(string terminalId)
    {
        var (failures, blockedFor) = _admission.RecordFailedLogin(Remote, DateTime.UtcNow);
        if (_refusals.ShouldLog("login", Remote, DateTime.UtcNow, out var suppressed))
        {
            ConnectionLog.AuthenticationRefused(_logger, terminalId, Remote.ToString(), failures, (int)Math.Ceiling(blockedFor.TotalSeconds), RefusalLogSuffix(suppressed));
        }
    }

    private void LogRefusal(string kind, string message, int? seconds)
    {
        if (_refusals.ShouldLog(kind, Remote, DateTime.UtcNow, out var suppressed))
        {
            if (seconds == null)
            {
                _logger.LogWarning(message, Remote.ToString(), RefusalLogSuffix(suppressed));
            }
            else
            {
                _logger.LogWarning(message, Remote.ToString(), seconds, RefusalLogSuffix(suppressed));
            }
        }
    }

    /// <summary>The count the rate limit left out since the last line of this kind for this address.</summary>
    public static string RefusalLogSuffix(int suppressed) => suppressed == 0 ? "" : " (and " + suppressed + " more not logged since the last line)";

    /// <summary>
    /// Writes the buffered answers. The client must take them within Lookup:Admission:WriteTimeoutSeconds, or
    /// <see cref="ClientNotReadingException"/> ends the connection.
    /// </summary>
    private async Task FlushAsync(AnswerBuffer output, CancellationToken cancellationToken)
    {
        if (output.Length == 0)
        {
            return;
        }

        var data = output.Written;
        _write!.CancelAfter(_writeTimeout);
        try
        {
            if (_tls != null)
            {
                // SslStream writes everything (one or more TLS records) before it completes.
                await _tls.WriteAsync(data, _write.Token);
            }
            else
            {
                while (!data.IsEmpty)
                {
                    var sent = await _socket.SendAsync(data, SocketFlags.None, _write.Token);
                    data = data[sent..];
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClientNotReadingException();
        }

        if (!_write.TryReset())
        {
            _write.Dispose();
            _write = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        output.Clear();
    }

    /// <summary>The client did not take a write within the write timeout.</summary>
    private sealed class ClientNotReadingException : Exception
    {
    }
}
