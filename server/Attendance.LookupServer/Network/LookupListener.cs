using System.Net;
using System.Net.Sockets;
using Attendance.LookupServer.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Attendance.LookupServer.Network;

/// <summary>
/// Accepts terminals and serves each connection on its own task. Listening starts in <see cref="StartAsync"/>
/// so the bound port is known when the host has started (tests use port 0).
/// </summary>
public sealed class LookupListener : IHostedService, IAsyncDisposable
{
    private readonly LookupServerOptions _options;
    private readonly LookupRequestHandler _handler;
    private readonly ILogger<LookupListener> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _openConnections;
    private int _disposed;

    public LookupListener(IOptions<LookupServerOptions> options, LookupRequestHandler handler, ILogger<LookupListener> logger)
    {
        _options = options.Value;
        _handler = handler;
        _logger = logger;
    }

    public int BoundPort => ((IPEndPoint)(_listener ?? throw new InvalidOperationException("Not started.")).LocalEndpoint).Port;

    public int OpenConnections => Volatile.Read(ref _openConnections);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new TcpListener(IPAddress.Parse(_options.BindAddress), _options.Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(backlog: 512);
        _logger.LogInformation("Lookup server listening on {Address}:{Port} (open mode {OpenMode})", _options.BindAddress, BoundPort, _options.OpenMode);
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
        var open = Interlocked.Increment(ref _openConnections);
        try
        {
            using (socket)
            {
                if (open > _options.MaxConnections)
                {
                    _logger.LogWarning("Connection refused: {Open} connections open, limit {Limit}", open - 1, _options.MaxConnections);
                    await LookupConnection.RefuseAsync(socket, "servidor ocupado", stopping);
                    return;
                }

                var connection = new LookupConnection(socket, _options, _handler, _logger);
                await connection.RunAsync(stopping);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            _logger.LogDebug("Connection ended: {Reason}", exception.Message);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Connection failed");
        }
        finally
        {
            Interlocked.Decrement(ref _openConnections);
        }
    }
}
