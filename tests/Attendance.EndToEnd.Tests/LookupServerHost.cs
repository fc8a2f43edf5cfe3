using Attendance.LookupServer;
using Attendance.LookupServer.Network;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// The real lookup server (LookupServerApp) on an SQLite file with the demo data, in this process. It can be
/// stopped and started again on the same port and database, as an operator restarting the service would.
/// </summary>
public sealed class LookupServerHost : IAsyncDisposable
{
    private readonly string databasePath;
    private IHost? host;

    public LookupServerHost(string databasePath, int port)
    {
        this.databasePath = databasePath;
        Port = port;
    }

    public int Port { get; }

    public bool Running => host != null;

    public async Task StartAsync()
    {
        if (host != null)
        {
            throw new InvalidOperationException("already running");
        }

        var builder = LookupServerApp.CreateBuilder(
        [
            "--Lookup:BindAddress=127.0.0.1",
            "--Lookup:Port=" + Port,
            "--Lookup:Database:Provider=sqlite",
            "--Lookup:Database:ConnectionString=Data Source=" + databasePath,
            "--Lookup:Database:SampleData=true",
            "--MailArchive:Enabled=false",
        ]);
        builder.Logging.ClearProviders();
        var starting = builder.Build();
        try
        {
            await LookupServerApp.PrepareDatabaseAsync(starting.Services, CancellationToken.None);
            await starting.StartAsync();
            var bound = starting.Services.GetRequiredService<LookupListener>().BoundPort;
            Assert.AreEqual(Port, bound, "lookup server bound another port");
        }
        catch
        {
            ((IDisposable)starting).Dispose();
            throw;
        }

        host = starting;
    }

    public async Task StopAsync()
    {
        if (host == null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(timeout.Token);
        host.Dispose();
        host = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
