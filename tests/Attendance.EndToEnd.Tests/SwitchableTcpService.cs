using System.Net;
using System.Net.Sockets;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// A loopback port the terminal is configured with, whose behaviour the test switches: forward every connection
/// to a real server, or hold it (accept and never send a byte: an SMTP server that never greets, a lookup host
/// that never answers). Switching to forwarding drops the held connections, as replacing the stalled server
/// with a working one would. It can also cut one forwarded connection at a chosen answer (<see cref="CutOnceAt"/>).
/// </summary>
public sealed class SwitchableTcpService : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> held = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int forwardPort;
    private bool holding;
    private byte[]? cutMarker;
    private int cuts;

    public SwitchableTcpService(int forwardPort)
    {
        this.forwardPort = forwardPort;
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Connections accepted and held so far (the terminal is waiting on each).</summary>
    public int HeldCount
    {
        get
        {
            lock (held)
            {
                return held.Count;
            }
        }
    }

    /// <summary>Forwarded connections cut by <see cref="CutOnceAt"/> so far (0 or 1).</summary>
    public int Cuts => Volatile.Read(ref cuts);

    /// <summary>
    /// The first time the server sends a chunk holding <paramref name="serverBytes"/>, drop that chunk and reset the
    /// terminal's connection: the server has done what it answers (e.g. stored a roll, <c>CHAMADAGUARDADA|</c>) and
    /// the terminal never hears it. Answers are a few bytes, so on loopback the marker arrives in one read.
    /// </summary>
    public void CutOnceAt(byte[] serverBytes) => cutMarker = serverBytes;

    /// <summary>From now on, accept and never answer.</summary>
    public void Hold()
    {
        lock (held)
        {
            holding = true;
        }
    }

    /// <summary>From now on, forward to the real server; connections held until now are closed.</summary>
    public void Forward()
    {
        lock (held)
        {
            holding = false;
            foreach (var socket in held)
            {
                socket.Dispose();
            }

            held.Clear();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> connections are held.</summary>
    public bool WaitUntilHolding(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (HeldCount < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(25);
        }

        return true;
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        Forward();
        accepting.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (held)
            {
                if (holding)
                {
                    held.Add(client);
                    continue;
                }
            }

            _ = Task.Run(() => PipeAsync(client));
        }
    }

    private async Task PipeAsync(Socket client)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, forwardPort, stopping.Token);
                using var clientStream = new NetworkStream(client, ownsSocket: false);
                using var serverStream = new NetworkStream(server, ownsSocket: false);
                using var cut = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                await Task.WhenAll(Copy(clientStream, serverStream, server, null, cut), Copy(serverStream, clientStream, client, cutMarker, cut));
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // one side went away: the proxied connection ends too
            }
        }
    }

    private async Task Copy(Stream from, Stream to, Socket toSocket, byte[]? marker, CancellationTokenSource cut)
    {
        try
        {
            var buffer = new byte[16384];
            int read;
            while ((read = await from.ReadAsync(buffer, cut.Token)) > 0)
            {
                if (marker != null && buffer.AsSpan(0, read).IndexOf(marker) >= 0 && Interlocked.CompareExchange(ref cuts, 1, 0) == 0)
                {
                    toSocket.LingerState = new LingerOption(true, 0);
                    toSocket.Dispose();
                    await cut.CancelAsync();
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cut.Token);
            }

            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            toSocket.Dispose();
        }
    }
}
