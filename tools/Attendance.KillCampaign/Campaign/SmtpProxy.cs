using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Attendance.KillCampaign;

/// <summary>
/// A TCP proxy between the terminal and the SMTP server that slows the server's replies (so a kill lands inside
/// the exchange) and fires a one-shot trigger when a chosen text passes: a client command before it is
/// forwarded (the server never sees it), or a server reply right after it is forwarded (the terminal got it).
/// </summary>
public sealed class SmtpProxy : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int upstreamPort;
    private readonly int replyDelayMilliseconds;
    private readonly CancellationTokenSource stop = new();
    private Trigger? trigger;

    public SmtpProxy(int upstreamPort, int replyDelayMilliseconds)
    {
        this.upstreamPort = upstreamPort;
        this.replyDelayMilliseconds = replyDelayMilliseconds;
        listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Set when the trigger fired.</summary>
    public ManualResetEventSlim Fired { get; } = new(false);

    /// <summary>
    /// Arms the trigger: <paramref name="action"/> runs once, when <paramref name="text"/> passes in the client's
    /// data (before forwarding it) or in the server's (after forwarding it).
    /// </summary>
    public void Arm(string text, bool fromServer, Action action) => trigger = new Trigger(text, fromServer, action);

    public void Disarm() => trigger = null;

    private async Task AcceptLoop()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = Serve(client);
            }
        }
        catch (Exception)
        {
            // Stopped.
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var upstream = new TcpClient();
        using (client)
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort);
                var toServer = Pump(client.GetStream(), upstream.GetStream(), fromServer: false);
                var toClient = Pump(upstream.GetStream(), client.GetStream(), fromServer: true);
                await Task.WhenAny(toServer, toClient);
            }
            catch (Exception)
            {
                // One side went away (the terminal was killed): close both.
            }
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, bool fromServer)
    {
        var buffer = new byte[8192];
        while (true)
        {
            int read = await from.ReadAsync(buffer, stop.Token);
            if (read <= 0)
            {
                return;
            }

            var text = Encoding.Latin1.GetString(buffer, 0, read);
            var armed = trigger;
            bool fires = armed != null && armed.FromServer == fromServer && text.Contains(armed.Text, StringComparison.Ordinal);
            if (fromServer)
            {
                await Task.Delay(replyDelayMilliseconds, stop.Token);
            }

            if (fires && !fromServer)
            {
                Fire(armed!);
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            if (fires)
            {
                Fire(armed!);
            }
        }
    }

    private void Fire(Trigger armed)
    {
        if (Interlocked.Exchange(ref trigger, null) == armed)
        {
            armed.Action();
            Fired.Set();
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
    }

    private sealed record Trigger(string Text, bool FromServer, Action Action);
}
