using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Attendance.MailArchive;

/// <summary>
/// Accepts SMTP connections and files every accepted message. Hosted by the lookup server when enabled
/// (configuration section "MailArchive"), or started directly by the demo and the tests.
/// </summary>
public sealed class MailArchiveServer : BackgroundService
{
    private readonly MailArchiveOptions options;
    private readonly ILogger<MailArchiveServer> logger;
    private readonly TaskCompletionSource<IPEndPoint> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim connectionSlots;

    public MailArchiveServer(IOptions<MailArchiveOptions> options, ILogger<MailArchiveServer> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        Folder = new MessageFolder(this.options.Folder);
        connectionSlots = new SemaphoreSlim(this.options.MaximumConnections);
    }

    public MessageFolder Folder { get; }

    /// <summary>Raised after a message was stored and before the client got its 250.</summary>
    public event Action<ArchivedMessage>? MessageArchived;

    /// <summary>Completes with the bound address once the listener is up (port 0 resolved).</summary>
    public Task<IPEndPoint> Listening => listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("Mail archive disabled");
            listening.TrySetCanceled(stoppingToken);
            return;
        }

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Folder.Create();
            listener.Bind(new IPEndPoint(IPAddress.Parse(options.ListenAddress), options.Port));
            listener.Listen(128);
        }
        catch (Exception exception)
        {
            listening.TrySetException(exception);
            throw;
        }

        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        logger.LogInformation("Mail archive listening on {EndPoint}, filing into {Folder}", endPoint, Folder.Path);
        listening.TrySetResult(endPoint);

        var sessions = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(stoppingToken);
                if (!connectionSlots.Wait(0))
                {
                    // RFC 5321 section 3.8: 421 when the service cannot take the connection now.
                    try
                    {
                        client.Send("421 4.3.2 Too many connections, try later\r\n"u8);
                    }
                    catch (SocketException)
                    {
                    }

                    client.Dispose();
                    continue;
                }

                sessions.RemoveAll(task => task.IsCompleted);
                sessions.Add(Task.Run(() => RunSessionAsync(client, stoppingToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(sessions);
    }

    private async Task RunSessionAsync(Socket client, CancellationToken stoppingToken)
    {
        try
        {
            var session = new SmtpReceiveSession(client, options, Folder, logger, message => MessageArchived?.Invoke(message));
            await session.RunAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
        {
            logger.LogDebug("SMTP session ended: {Reason}", exception.Message);
        }
        finally
        {
            client.Dispose();
            connectionSlots.Release();
        }
    }
}
