using System.Diagnostics;
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
/// </summary>
internal sealed class LookupConnection
{
    private readonly Socket _socket;
    private readonly SslStream? _tls;
    private readonly LookupServerOptions _options;
    private readonly LookupRequestHandler _handler;
    private readonly ILogger _logger;

    public LookupConnection(Socket socket, SslStream? tls, LookupServerOptions options, LookupRequestHandler handler, ILogger logger)
    {
        _socket = socket;
        _tls = tls;
        _options = options;
        _handler = handler;
        _logger = logger;
    }

    /// <summary>Sends ERRO with <paramref name="reason"/> and closes: over <paramref name="tls"/> when not null.</summary>
    public static async Task RefuseAsync(Socket socket, SslStream? tls, string reason, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(LookupRequestHandler.ErrorLine(reason) + "\r\n");
        if (tls == null)
        {
            await socket.SendAsync(line, SocketFlags.None, cancellationToken);
        }
        else
        {
            await tls.WriteAsync(line, cancellationToken);

            // close_notify (RFC 8446 section 6.1), so the client reads the ERRO line and then a clean end.
            await tls.ShutdownAsync();
        }

        socket.Shutdown(SocketShutdown.Both);
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        string? nonce = null;
        var output = new AnswerBuffer();
        if (!_options.OpenMode)
        {
            // 128-bit nonce from the OS generator: a proof recorded on one connection never matches another's.
            nonce = HexText.FromBytes(RandomNumberGenerator.GetBytes(16));
            output.AppendLine(LookupFieldCodec.Join(new[] { LookupProtocol.Greeting, LookupProtocol.Version, nonce }));
            await FlushAsync(output, stopping);
        }

        var session = new LookupSession(_options.OpenMode, nonce);
        var framer = new LookupLineFramer(LookupProtocol.MaximumLineBytes);
        var buffer = new byte[4096];
        var idle = TimeSpan.FromSeconds(_options.IdleTimeoutSeconds);
        var lastLine = DateTime.UtcNow;
        _logger.LogDebug("Connection from {Remote}", _socket.RemoteEndPoint);

        var requests = 0;
        var started = Stopwatch.GetTimestamp();

        // One timeout source for the connection, re-armed per read (TryReset), not one linked source and timer
        // per read.
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            while (true)
            {
                // Idle time counts from the last complete line, so a client dribbling bytes without a line end
                // cannot hold the connection forever.
                var remaining = idle - (DateTime.UtcNow - lastLine);
                if (remaining <= TimeSpan.Zero)
                {
                    await CloseIdleAsync(session, stopping);
                    return;
                }

                int received;
                timeout.CancelAfter(remaining);
                try
                {
                    received = _tls == null
                        ? await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)
                        : await _tls.ReadAsync(buffer, timeout.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    await CloseIdleAsync(session, stopping);
                    return;
                }

                if (!timeout.TryReset())
                {
                    // The idle time ran out just as the read completed: the bytes arrived, so serve them with a
                    // fresh source.
                    timeout.Dispose();
                    timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                }

                if (received == 0)
                {
                    ConnectionLog.ClosedByPeer(_logger, session.LogName);
                    return;
                }

                var offset = 0;
                while (offset < received)
                {
                    var status = framer.Push(buffer, offset, received - offset, out var consumed);
                    offset += consumed;
                    if (status == LineFramerStatus.Line)
                    {
                        lastLine = DateTime.UtcNow;
                        requests++;
                        output.AppendLine(await _handler.AnswerAsync(session, framer.TakeLine(), stopping));
                    }
                    else if (status == LineFramerStatus.LineTooLong)
                    {
                        lastLine = DateTime.UtcNow;
                        requests++;
                        ConnectionLog.LineTooLong(_logger, LookupProtocol.MaximumLineBytes, session.LogName);
                        output.AppendLine(LookupRequestHandler.ErrorLine("linha longa demais"));
                    }
                }

                // All answers to this read's requests in one write.
                await FlushAsync(output, stopping);
            }
        }
        finally
        {
            timeout.Dispose();

            // The per-request lines are Debug; this one line per connection is what Information keeps.
            ConnectionLog.Summary(_logger, session.LogName, requests, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task CloseIdleAsync(LookupSession session, CancellationToken stopping)
    {
        ConnectionLog.ClosingIdle(_logger, session.LogName);
        await RefuseAsync(_socket, _tls, "tempo de inatividade esgotado", stopping);
    }

    private async Task FlushAsync(AnswerBuffer output, CancellationToken cancellationToken)
    {
        if (output.Length == 0)
        {
            return;
        }

        var data = output.Written;
        if (_tls != null)
        {
            // SslStream writes everything (one or more TLS records) before it completes.
            await _tls.WriteAsync(data, cancellationToken);
            output.Clear();
            return;
        }

        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }

        output.Clear();
    }
}
