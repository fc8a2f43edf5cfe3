using Attendance.LookupServer.Network;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Tests;

/// <summary>The real server host (LookupServerApp), started in-process on a random loopback port.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly IHost _host;

    private RunningServer(IHost host, int port, string provider, string connectionString)
    {
        _host = host;
        Port = port;
        Provider = provider;
        ConnectionString = connectionString;
    }

    public int Port { get; }

    public string Provider { get; }

    public string ConnectionString { get; }

    public LookupListener Listener => _host.Services.GetRequiredService<LookupListener>();

    /// <summary>Migrates and fills a database with the demo set for <see cref="TestData.Year"/>.</summary>
    public static async Task SeedAsync(string provider, string connectionString)
    {
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        await SampleData.LoadAsync(database, TestData.Year, CancellationToken.None);
    }

    public static Task<RunningServer> StartAsync(string provider, string connectionString, ILoggerProvider? logs = null, params string[] settings) =>
        StartWithServicesAsync(provider, connectionString, logs, null, settings);

    /// <summary>As <see cref="StartAsync"/>, with <paramref name="services"/> applied after the server's own registrations (a test's store in front).</summary>
    public static async Task<RunningServer> StartWithServicesAsync(string provider, string connectionString, ILoggerProvider? logs,
        Action<IServiceCollection>? services, params string[] settings)
    {
        var arguments = new List<string>
        {
            "--Lookup:BindAddress=127.0.0.1",
            "--Lookup:Port=0",
            "--Lookup:Database:Provider=" + provider,
            "--Lookup:Database:ConnectionString=" + connectionString,
            "--Lookup:Database:SampleData=false",
        };
        arguments.AddRange(settings.Select(setting => "--Lookup:" + setting));
        if (logs != null)
        {
            // appsettings.json sets levels per category; these override them so the test sees everything.
            arguments.Add("--Logging:LogLevel:Default=Debug");
            arguments.Add("--Logging:LogLevel:Attendance.LookupServer.Requests=Debug");
        }

        var builder = LookupServerApp.CreateBuilder(arguments.ToArray());
        builder.Logging.ClearProviders();
        if (logs != null)
        {
            builder.Logging.AddProvider(logs);
        }

        services?.Invoke(builder.Services);
        var host = builder.Build();
        await LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None);
        await host.StartAsync();
        return new RunningServer(host, host.Services.GetRequiredService<LookupListener>().BoundPort, provider, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
