using System.Net;
using Attendance.MailArchive;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Attendance.MailArchive.Tests;

/// <summary>A running archive on a free loopback port, filing into a temporary folder.</summary>
public sealed class ArchiveFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();

    private ArchiveFixture(MailArchiveServer server, IPEndPoint endPoint, string folder)
    {
        Server = server;
        EndPoint = endPoint;
        Folder = folder;
    }

    public MailArchiveServer Server { get; }

    public IPEndPoint EndPoint { get; }

    public string Folder { get; }

    public static async Task<ArchiveFixture> StartAsync(Action<MailArchiveOptions>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("archive").FullName;
        var options = new MailArchiveOptions { Enabled = true, Port = 0, Folder = folder };
        configure?.Invoke(options);
        var server = new MailArchiveServer(Options.Create(options), NullLogger<MailArchiveServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        var endPoint = await server.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        return new ArchiveFixture(server, endPoint, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(CancellationToken.None);
        Server.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
