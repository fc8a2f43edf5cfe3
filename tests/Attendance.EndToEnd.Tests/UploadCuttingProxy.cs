using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// A loopback port in front of the lookup server that forwards every connection, except that the first one to
/// carry a roll upload is cut at the worst moment: after the server has answered <c>CHAMADAGUARDADA</c> (the roll
/// is stored) and before that answer reaches the terminal. The terminal must take the upload as failed, retry it
/// on its own, and the server must still keep the roll once (docs/protocol.md, "Uploading a roll").
/// </summary>
public sealed class UploadCuttingProxy : IDisposable
{
    private static readonly byte[] Stored = Encoding.ASCII.GetBytes("CHAMADAGUARDADA|");

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly int serverPort;
    private readonly Task accepting;
    private int cuts;

    public UploadCuttingProxy(int serverPort)
    {
        this.serverPort = serverPort;
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Uploads cut so far (at most one).</summary>
    public int Cuts => Volatile.Read(ref cuts);

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
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
                await server.ConnectAsync(IPAddress.Loopback, serverPort, stopping.Token);
                using var clientStream = new NetworkStream(client, ownsSocket: false);
                using var serverStream = new NetworkStream(server, ownsSocket: false);
                using var cut = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                await Task.WhenAll(Copy(clientStream, serverStream, server, null, cut), Copy(serverStream, clientStream, client, Stored, cut));
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // one side went away: the proxied connection ends too
            }
        }
    }

    /// <summary>
    /// Copies one direction. On the server's side, a chunk holding the stored answer is dropped, not forwarded,
    /// and both sockets are reset, the first time only (answers are a few bytes: the marker never straddles two
    /// reads on loopback, and if it did the cut would only happen on a later upload).
    /// </summary>
    private async Task Copy(Stream from, Stream to, Socket toSocket, byte[]? marker, CancellationTokenSource cut)
    {
        var buffer = new byte[16384];
        while (true)
        {
            var read = await from.ReadAsync(buffer, cut.Token);
            if (read == 0)
            {
                toSocket.Shutdown(SocketShutdown.Send);
                return;
            }

            if (marker != null && buffer.AsSpan(0, read).IndexOf(marker) >= 0 && Interlocked.CompareExchange(ref cuts, 1, 0) == 0)
            {
                toSocket.LingerState = new LingerOption(true, 0);
                await cut.CancelAsync();
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cut.Token);
        }
    }
}
