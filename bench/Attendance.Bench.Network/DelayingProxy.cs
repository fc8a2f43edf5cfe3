using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Attendance.Bench.Network;

/// <summary>
/// A TCP proxy on loopback that delays every chunk by a fixed one-way latency in each direction, so a 20 ms
/// round trip is 10 ms each way. It models distance, not bandwidth: chunks keep their order and are not
/// throttled. (The kernel here has no netem qdisc, so latency is added in process.)
/// <para>
/// The TCP handshake costs a round trip too: the proxy connects to the server half a round trip after
/// accepting (the SYN's way there), so a server that speaks first (greeting, nonce) is heard one round trip
/// after connect, as on a real link; client bytes are not delivered before the handshake would have completed.
/// </para>
/// <para>
/// <see cref="RoundTrips"/> counts the client's waits as seen on the wire: one per connection (handshake) plus
/// one each time server bytes follow client bytes on a connection (a "turn"). It matches what a client that
/// writes a batch and then reads its answers experiences; <see cref="ResetCounters"/> starts a new count.
/// </para>
/// </summary>
public sealed class DelayingProxy : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly IPEndPoint target;
    private readonly TimeSpan oneWayDelay;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;
    private int roundTrips;
    private int connections;

    public DelayingProxy(IPEndPoint target, TimeSpan roundTripDelay)
    {
        this.target = target;
        oneWayDelay = roundTripDelay / 2;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>Client waits since the last reset: handshakes plus turns (client bytes, then server bytes).</summary>
    public int RoundTrips => Volatile.Read(ref roundTrips);

    /// <summary>Connections accepted since the last reset.</summary>
    public int Connections => Volatile.Read(ref connections);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref roundTrips, 0);
        Interlocked.Exchange(ref connections, 0);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                Interlocked.Increment(ref connections);
                Interlocked.Increment(ref roundTrips);
                _ = Task.Run(() => RelayAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        var accepted = Stopwatch.GetTimestamp();
        try
        {
            await Task.Delay(oneWayDelay, stopping.Token);
            await server.ConnectAsync(target, stopping.Token);
            var turn = new Turn();
            // Client bytes may not arrive before the handshake's round trip plus their own way there.
            var earliestUpstream = accepted + Ticks(oneWayDelay * 3);
            var upstream = PumpAsync(client.GetStream(), server.GetStream(), server.Client, earliestUpstream, turn, fromClient: true);
            var downstream = PumpAsync(server.GetStream(), client.GetStream(), client.Client, 0, turn, fromClient: false);
            await Task.WhenAll(upstream, downstream);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Copies one direction, holding each chunk until its arrival time.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, Socket toSocket, long earliestDue, Turn turn, bool fromClient)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[]? Data)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var delayTicks = Ticks(oneWayDelay);

        var writer = Task.Run(async () =>
        {
            await foreach (var (due, data) in queue.Reader.ReadAllAsync(stopping.Token))
            {
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stopping.Token);
                }

                if (data == null)
                {
                    toSocket.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.WriteAsync(data, stopping.Token);
            }
        });

        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
            {
                lock (turn)
                {
                    if (fromClient)
                    {
                        turn.ClientSpokeLast = true;
                    }
                    else if (turn.ClientSpokeLast)
                    {
                        turn.ClientSpokeLast = false;
                        Interlocked.Increment(ref roundTrips);
                    }
                }

                queue.Writer.TryWrite((Math.Max(Stopwatch.GetTimestamp() + delayTicks, earliestDue), buffer[..read]));
            }
        }
        finally
        {
            queue.Writer.TryWrite((Stopwatch.GetTimestamp() + delayTicks, null));
            queue.Writer.TryComplete();
        }

        await writer;
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener.Stop();
        await acceptLoop;
    }

    private sealed class Turn
    {
        public bool ClientSpokeLast;
    }
}
