using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Attendance.LookupServer.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Attendance.LookupServer.Network;

/// <summary>
/// Accepts terminals and serves each connection on its own task. Listening starts in <see cref="StartAsync"/>
/// so the bound port is known when the host has started (tests use port 0). With "Lookup:Tls" configured every
/// connection starts with a TLS handshake (implicit TLS, TLS 1.2 or 1.3) bounded by a timeout; a client that
/// fails it is logged and closed, and the others are served as before.
/// </summary>
public sealed class LookupListener : IHostedService, IAsyncDisposable
{
    private readonly LookupServerOptions _options;
    private readonly LookupRequestHandler _handler;
    private readonly ILogger<LookupListener> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = new();
    private readonly SslServerAuthenticationOptions? _tlsOptions;
    private readonly X509Certificate2? _certificate;
    private readonly AdmissionControl _admission;
    private readonly RefusalLog _refusals;
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _openConnections;
    private int _disposed;

    public LookupListener(IOptions<LookupServerOptions> options, LookupRequestHandler handler, ILogger<LookupListener> logger)
    {
        _options = options.Value;
        _handler = handler;
        _logger = logger;
        _options.Admission.Validate();
        _admission = new AdmissionControl(_options);
        _refusals = new RefusalLog(_options.Admission);
        if (_options.Tls.Enabled)
        {
            _certificate = ServerCertificate.Load(_options.Tls);
            _tlsOptions = new SslServerAuthenticationOptions
            {
                // Built once: the chain is not rebuilt per handshake.
                ServerCertificateContext = SslStreamCertificateContext.Create(_certificate, additionalCertificates: null, offline: true),
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13, // the board's mbedTLS speaks 1.2
                ClientCertificateRequired = false, // terminals prove who they are with AUTENTICAR
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            };
        }
    }

    public int BoundPort => ((IPEndPoint)(_listener ?? throw new InvalidOperationException("Not started.")).LocalEndpoint).Port;

    public int OpenConnections => Volatile.Read(ref _openConnections);

    /// <summary>Connections holding a place as authenticated (every admitted connection in open mode).</summary>
    public int AuthenticatedConnections => _admission.Authenticated;

    /// <summary>Connections holding a place in the unauthenticated budget.</summary>
    public int UnauthenticatedConnections => _admission.Unauthenticated;

    /// <summary>Addresses the login back-off remembers (bounded by Lookup:Admission:TrackedAddresses).</summary>
    public int BackoffAddresses => _admission.TrackedFailureAddresses;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new TcpListener(IPAddress.Parse(_options.BindAddress), _options.Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(backlog: 512);
        _logger.LogInformation("Lookup server listening on {Address}:{Port} (open mode {OpenMode}, TLS {Tls})", _options.BindAddress, BoundPort, _options.OpenMode, _certificate != null);
        if (_certificate != null)
        {
            _logger.LogInformation("TLS certificate {Subject}, valid until {NotAfter:u}", _certificate.Subject, _certificate.NotAfter.ToUniversalTime());
            if (_certificate.NotAfter < DateTime.Now)
            {
                _logger.LogWarning("The TLS certificate expired on {NotAfter:u}: terminals will refuse it", _certificate.NotAfter.ToUniversalTime());
            }
        }

        if (_options.OpenMode)
        {
            _logger.LogWarning("Open mode is on: any client on the network can read names and e-mails without authenticating");
        }

        _acceptLoop = AcceptLoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        if (_acceptLoop != null)
        {
            await _acceptLoop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Task[] running;
        lock (_connections)
        {
            running = _connections.ToArray();
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        // The container may dispose a service registered twice (as itself and as a hosted service) twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
        _certificate?.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(stopping);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException exception)
            {
                _logger.LogWarning(exception, "Accept failed");
                continue;
            }

            socket.NoDelay = true;

            // What a client that does not read can leave unsent on the server, with the answer buffer.
            socket.SendBufferSize = _options.Admission.SendBufferBytes;
            var task = ServeAsync(socket, stopping);
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(task);
            }
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken stopping)
    {
        await Task.Yield();
        var accepted = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _openConnections);
        AdmissionControl.Ticket? ticket = null;
        try
        {
            using (socket)
            {
                var address = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
                var evicted = new List<AdmissionControl.Ticket>();
                var verdict = _admission.TryAdmit(address, DateTime.UtcNow, evicted, out ticket, out var blockedFor);
                foreach (var pushedOut in evicted)
                {
                    // Outside the admission lock: the cancelled connection tells its client and closes itself.
                    pushedOut.Cut.Cancel();
                }

                var writeTimeout = TimeSpan.FromSeconds(_options.Admission.WriteTimeoutSeconds);
                if (verdict == AdmissionControl.Verdict.BackedOff)
                {
                    LogRefusal("backoff", address, "Connection from {Address} refused: too many failed logins, refused for {Seconds} more s{Suppressed}", (int)Math.Ceiling(blockedFor.TotalSeconds));
                    if (_tlsOptions == null)
                    {
                        await LookupConnection.RefuseAsync(socket, null, "tentativas demais", writeTimeout, stopping);
                    }

                    // Under TLS no handshake is spent on it: the client sees a cut connection and tries later.
                    return;
                }

                // Until it authenticates, a connection has its deadline from the accept, TLS handshake included;
                // it is cut at once when a newer connection pushes it out.
                using var cut = ticket == null ? null : CancellationTokenSource.CreateLinkedTokenSource(stopping, ticket.Cut.Token);
                SslStream? tls = null;
                if (_tlsOptions != null)
                {
                    // Even a connection over the limit gets its handshake, so its ERRO reaches the terminal as
                    // "busy, try later" rather than as a TLS failure it would take for a configuration error.
                    var handshakeTime = _options.Tls.HandshakeTimeoutSeconds;
                    if (ticket != null && !_options.OpenMode)
                    {
                        handshakeTime = Math.Min(handshakeTime, _options.Admission.AuthenticationTimeoutSeconds);
                    }

                    tls = await HandshakeAsync(socket, _tlsOptions, handshakeTime, cut?.Token ?? stopping);
                    if (tls == null)
                    {
                        return;
                    }
                }

                await using (tls)
                {
                    if (verdict == AdmissionControl.Verdict.Busy)
                    {
                        LogRefusal("busy", address, "Connection from {Address} refused: {Authenticated} authenticated connections open, limit {Limit}{Suppressed}", _admission.Authenticated, _options.MaxConnections);
                        await LookupConnection.RefuseAsync(socket, tls, "servidor ocupado", writeTimeout, stopping);
                        return;
                    }

                    _handler.Metrics?.Connection();
                    var connection = new LookupConnection(socket, tls, _options, _handler, _logger, _admission, ticket!, _refusals, accepted);
                    await connection.RunAsync(stopping);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException or AuthenticationException)
        {
            _logger.LogDebug("Connection ended: {Reason}", exception.Message);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Connection failed");
        }
        finally
        {
            if (ticket != null)
            {
                _admission.Release(ticket);
            }

            Interlocked.Decrement(ref _openConnections);
        }
    }

    private void LogRefusal(string kind, IPAddress address, string message, params object[] values)
    {
        if (_refusals.ShouldLog(kind, address, DateTime.UtcNow, out var suppressed))
        {
            var arguments = new object[values.Length + 2];
            arguments[0] = address.ToString();
            values.CopyTo(arguments, 1);
            arguments[^1] = LookupConnection.RefusalLogSuffix(suppressed);
            _logger.LogWarning(message, arguments);
        }
    }

    /// <summary>
    /// The server side of the TLS handshake, within Lookup:Tls:HandshakeTimeoutSeconds. Null when it failed: the
    /// client is logged (address and reason, nothing secret) and the caller closes the socket.
    /// </summary>
    private async Task<SslStream?> HandshakeAsync(Socket socket, SslServerAuthenticationOptions options, int timeoutSeconds, CancellationToken stopping)
    {
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await tls.AuthenticateAsServerAsync(options, timeout.Token);
            return tls;
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested
            && exception is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            var reason = exception is OperationCanceledException
                ? "no handshake within " + timeoutSeconds + " s (a client without TLS?)"
                : exception.Message;
            // Rate-limited per address like the other refusals: a client can fail handshakes as fast as it connects.
            var address = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
            if (_refusals.ShouldLog("tls", address, DateTime.UtcNow, out var suppressed))
            {
                ConnectionLog.TlsHandshakeFailed(_logger, socket.RemoteEndPoint?.ToString() ?? "unknown", reason + LookupConnection.RefusalLogSuffix(suppressed));
            }

            await tls.DisposeAsync();
            return null;
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }
    }
}
