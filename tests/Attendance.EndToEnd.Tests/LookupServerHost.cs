using Attendance.LookupServer;
using Attendance.LookupServer.Network;
using Attendance.LookupServer.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// The real lookup server (LookupServerApp) on an SQLite file with the demo data, in this process, with the staff
/// portal on a free loopback port (<see cref="PortalAddress"/>). It can be stopped and started again on the same
/// port and database, as an operator restarting the service would.
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

    /// <summary>The running server's services (its roll archive as the portal reads it, the portal's accounts).</summary>
    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("not running");

    /// <summary>The portal's address while running, e.g. http://127.0.0.1:41234.</summary>
    public Uri PortalAddress { get; private set; } = null!;

    public async Task StartAsync()
    {
        if (host != null)
        {
            throw new InvalidOperationException("already running");
        }

        var builder = LookupServerApp.CreateBuilder(
        [
            "--Portal:Port=0",
            "--Lookup:BindAddress=127.0.0.1",
            "--Lookup:Port=" + Port,
            "--Lookup:Database:Provider=sqlite",
            "--Lookup:Database:ConnectionString=Data Source=" + databasePath,
            "--Lookup:Database:SampleData=true",
            "--MailArchive:Enabled=false",
        ], hostPortal: true);
        builder.Logging.ClearProviders();
        var starting = LookupServerApp.Build(builder);
        try
        {
            await LookupServerApp.PrepareDatabaseAsync(starting.Services, CancellationToken.None);
            await starting.StartAsync();
            var bound = starting.Services.GetRequiredService<LookupListener>().BoundPort;
            Assert.AreEqual(Port, bound, "lookup server bound another port");
            PortalAddress = new Uri(PortalHosting.Addresses(starting.Services.GetRequiredService<IServer>()).Single());
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
