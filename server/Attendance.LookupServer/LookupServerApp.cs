using Attendance.LookupServer.Network;
using Attendance.MailArchive;
using Attendance.Portal.Data;
using Attendance.LookupServer.Protocol;
using Attendance.LookupServer.Storage;
using Attendance.LookupServer.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Attendance.Portal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Attendance.LookupServer;

/// <summary>
/// Builds the server's host: configuration, logging, database, lookup listener, mail archive and, when asked
/// for, the staff portal (Web/PortalHosting.cs). Used by Program, the demo and tests.
/// </summary>
public static class LookupServerApp
{
    /// <summary>
    /// The host, a WebApplication. <paramref name="hostPortal"/>: serve the portal too (Program and the demo; off
    /// for the commands and the tests of the lookup side, which then open no HTTP port); Portal:Enabled=false turns
    /// it off, Lookup:Enabled=false leaves the lookup listener out.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, bool hostPortal = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json ships beside the binary; `dotnet run --project` runs from the repository root.
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Untracked local overrides (database passwords): *.local.json is ignored by git.
        builder.Configuration.AddJsonFile("appsettings.local.json", optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        AddMappingFile(builder.Configuration, args);
        builder.Services.Configure<LookupServerOptions>(builder.Configuration.GetSection(LookupServerOptions.SectionName));
        builder.Services.AddSingleton(services => new LookupDatabase(services.GetRequiredService<IOptions<LookupServerOptions>>().Value.Database));
        // First of the hosted services, so the schema is current before the listener or the portal serves anything,
        // whoever starts the host (Program calls it first for its refusal messages; a test host need not). Once per host.
        builder.Services.AddSingleton<DatabasePreparation>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DatabasePreparation>());
        // The database store itself (also the benchmark's baseline), and in front of it the answer cache
        // (Storage/CachingLookupStore.cs; server/README.md, "Cache").
        // Where the lookups read and the statements they run (Lookup:Mapping, docs/mapping.md): our own schema by default.
        builder.Services.AddSingleton(services => LookupSource.Create(
            services.GetRequiredService<IOptions<LookupServerOptions>>().Value, services.GetRequiredService<LookupDatabase>()));
        builder.Services.AddSingleton(services =>
        {
            var source = services.GetRequiredService<LookupSource>();
            return new SqlLookupStore(source.Database, source.Own, source.Queries, source.OwnQueries, services.GetRequiredService<ILogger<SqlLookupStore>>());
        });
        builder.Services.AddSingleton(services => CachingLookupStore.Create(
            services.GetRequiredService<SqlLookupStore>(),
            services.GetRequiredService<LookupDatabase>(),
            services.GetRequiredService<IOptions<LookupServerOptions>>().Value.Cache,
            services.GetRequiredService<LookupSource>().CacheFollowsChanges));
        // The stored rolls: the upload writes them (docs/protocol.md, "Uploading a roll"), the portal reads them
        // through IRollArchive (server/README.md, "Stored rolls"). One time zone for both (Lookup:Archive:TimeZone).
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<LookupServerOptions>>().Value.Archive.ResolveTimeZone());
        builder.Services.AddSingleton<IRollStore>(services => new SqlRollStore(
            services.GetRequiredService<LookupDatabase>(),
            services.GetRequiredService<TimeZoneInfo>(),
            services.GetRequiredService<ILogger<SqlRollStore>>(),
            services.GetRequiredService<SqlLookupStore>()));
        builder.Services.AddSingleton<IRollArchive>(services => new SqlRollArchive(
            services.GetRequiredService<LookupDatabase>(),
            services.GetRequiredService<TimeZoneInfo>(),
            services.GetRequiredService<ILogger<SqlRollArchive>>(),
            services.GetRequiredService<SqlLookupStore>()));
        // Terminal health: heartbeats stored and requests taken by the protocol, read and filed by the portal's
        // Terminals pages (docs/protocol.md, "Terminal health"). The clock is a TimeProvider so tests move time.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new SqlTerminalFleet(
            services.GetRequiredService<LookupDatabase>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<SqlTerminalFleet>>()));
        builder.Services.AddSingleton<ITerminalFleet>(services => services.GetRequiredService<SqlTerminalFleet>());
        builder.Services.AddSingleton<ITerminalHealthStore>(services => services.GetRequiredService<SqlTerminalFleet>());
        // The meter (server/README.md, "Metrics"); exported by the portal's host at /metrics (Web/MetricsEndpoint.cs).
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(services => new LookupMetrics(
            services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            services.GetRequiredService<TimeProvider>(),
            builder.Configuration.GetValue(TerminalHealthOptions.SectionName + ":OfflineAfterMissedHeartbeats", 2.0)));
        // The settings terminals fetch (HORA, CONFIGURACAO) and the portal edits (server/README.md, "Terminal settings").
        builder.Services.AddSingleton(services => new SqlTerminalSettings(
            services.GetRequiredService<LookupDatabase>(),
            services.GetRequiredService<ILogger<SqlTerminalSettings>>()));
        builder.Services.AddSingleton<ITerminalSettingsSource>(services => services.GetRequiredService<SqlTerminalSettings>());
        builder.Services.AddSingleton<ITerminalSettingsAdmin>(services => services.GetRequiredService<SqlTerminalSettings>());
        builder.Services.AddSingleton(services => new LookupRequestHandler(
            services.GetRequiredService<ILookupStore>(),
            services.GetRequiredService<IRollStore>(),
            services.GetRequiredService<ITerminalSettingsSource>(),
            services.GetRequiredService<ITerminalHealthStore>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Attendance.LookupServer.Requests"),
            services.GetRequiredService<LookupMetrics>()));
        builder.Services.AddSingleton<LookupListener>();
        if (LookupEnabled(builder.Configuration))
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<LookupListener>());
        }

        // The archive of roll e-mails: an SMTP listener that files every message it receives (terminals put it in
        // mail.cc). Off unless "MailArchive:Enabled" is true.
        builder.Services.Configure<MailArchiveOptions>(builder.Configuration.GetSection("MailArchive"));
        builder.Services.AddSingleton<MailArchiveServer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MailArchiveServer>());

        PortalHosting.AddPortal(builder, hostPortal);
        return builder;
    }

    /// <summary>
    /// Lookup:Mapping:File: a JSON file holding a "Lookup:Mapping" section (server/mappings/*.json), read as if it were
    /// part of appsettings.json, so environment variables and the command line still override single keys of it. A
    /// relative path is taken from the current directory, then from the server's own directory.
    /// </summary>
    private static void AddMappingFile(ConfigurationManager configuration, string[] args)
    {
        var file = configuration[LookupServerOptions.SectionName + ":Mapping:File"];
        if (string.IsNullOrWhiteSpace(file))
        {
            return;
        }

        var path = Path.GetFullPath(file);
        if (!File.Exists(path) && !Path.IsPathRooted(file) && File.Exists(Path.Combine(AppContext.BaseDirectory, file)))
        {
            path = Path.Combine(AppContext.BaseDirectory, file);
        }

        if (!File.Exists(path))
        {
            throw new DatabaseConfigurationException("Lookup:Mapping:File '" + file + "' does not exist (looked for " + Path.GetFullPath(file) + ").");
        }

        try
        {
            configuration.AddJsonFile(path, optional: false);
        }
        catch (InvalidDataException exception)
        {
            // Malformed JSON: say which file, not a configuration provider's stack trace.
            throw new DatabaseConfigurationException("Lookup:Mapping:File '" + file + "' is not valid JSON: " + (exception.InnerException ?? exception).Message);
        }

        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }

    /// <summary>Builds the host and, when it serves the portal, the portal's endpoints (Program and the demo).</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        PortalHosting.UsePortal(app);
        return app;
    }

    /// <summary>Lookup:Enabled (default true): false serves the portal alone (the `portal` command).</summary>
    public static bool LookupEnabled(IConfiguration configuration) =>
        configuration.GetValue(LookupServerOptions.SectionName + ":Enabled", true);

    /// <summary>
    /// The command line's own switch `--demo`: demo data on loopback. It becomes
    /// <c>--Lookup:BindAddress=127.0.0.1 --Lookup:Database:SampleData=true</c> placed first, so a BindAddress given
    /// after it still wins, and is then refused by <see cref="PrepareDatabaseAsync"/> unless it is loopback.
    /// </summary>
    public static string[] ExpandDemoSwitch(string[] args) =>
        args.Contains("--demo")
            ? ["--Lookup:BindAddress=127.0.0.1", "--Lookup:Database:SampleData=true", .. args.Where(argument => argument != "--demo")]
            : args;

    /// <summary>True for an address that only this machine can reach (127.0.0.0/8, ::1, "localhost").</summary>
    public static bool IsLoopback(string bindAddress) =>
        bindAddress.Trim().Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(bindAddress.Trim(), out var address) && System.Net.IPAddress.IsLoopback(address));

    /// <summary>
    /// Creates or upgrades the schema, and loads the demo data into a new database when asked for. Demo data has a
    /// terminal with a public key, so it is refused (<see cref="StartRefusedException"/>) on a server that listens
    /// beyond loopback, whether asked for now or left in the database from before.
    /// </summary>
    public static Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DatabasePreparation>().RunOnceAsync(() => PrepareAsync(services, cancellationToken));

    private static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<LookupServerOptions>>().Value;
        var portalServed = services.GetService<PortalHosting.PortalServed>() != null;
        if (!options.Enabled && !portalServed)
        {
            throw new StartRefusedException("nothing to serve: Lookup:Enabled is false and the portal is off (Portal:Enabled=false).");
        }

        // Settings the portal cannot start with (plain HTTP beyond loopback, a certificate that does not load).
        PortalHosting.Check(services);
        var database = services.GetRequiredService<LookupDatabase>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Attendance.LookupServer.Database");
        // The demo terminal's public key only matters where the lookup listener runs.
        var loopback = !options.Enabled || IsLoopback(options.BindAddress);
        if (options.Database.SampleData && !loopback)
        {
            throw new StartRefusedException("demo data (--demo, Lookup:Database:SampleData=true) has a terminal with a public key, so it is only served on "
                + "loopback, and Lookup:BindAddress is " + options.BindAddress + ". Use --Lookup:BindAddress=127.0.0.1, or leave the demo data out "
                + "and add terminals with `terminals add <id>`.");
        }

        // An unknown Lookup:Archive:TimeZone stops the start here, with its message, not at the first upload.
        options.Archive.ResolveTimeZone();
        var before = await SchemaMigrator.MigrateAsync(database, cancellationToken);
        logger.LogInformation("Database {Provider} at schema version {Version} (was {Before})", database.Provider, SchemaMigrator.LatestVersion, before);
        // The lookups' statements, each prepared where it runs: a wrong one stops the start here, naming it.
        var source = services.GetRequiredService<LookupSource>();
        if (options.Enabled || portalServed)
        {
            await source.CheckAsync(cancellationToken);
        }

        if (!source.ReadsOwnDatabase || !source.Queries.IsDefault)
        {
            logger.LogInformation("Lookups read {Where} ({Provider}) through a mapping; weekdays {Weekdays}, times {TimeFormat}; answers cached {Cache}",
                source.ReadsOwnDatabase ? "our own database" : "Lookup:Mapping:Database", source.Database.Provider, source.Queries.Weekdays.Description,
                source.Queries.TimeFormat, source.CacheFollowsChanges ? "until a change is seen" : "for their time-to-live (Lookup:Cache:TimeToLiveSeconds) or until `cache flush`");
        }
        if (database.Provider is DatabaseProvider.PostgreSql or DatabaseProvider.MariaDb)
        {
            // What each instance takes of max_connections (server/README.md, "PostgreSQL sizing", "MariaDB sizing").
            logger.LogInformation("{Provider} connections: pool of at most {PoolSize}, plus {Listener} for the answer cache's change check",
                LookupDatabase.Describe(database.Provider), database.MaximumPoolSize, options.Cache.MaximumEntries > 0 ? 1 : 0);
        }
        if (before == 0 && options.Database.SampleData)
        {
            await SampleData.LoadAsync(database, DateTime.UtcNow.Year, cancellationToken);
            logger.LogInformation("Loaded the demo data set (terminal {Terminal} has a public demo key; `demo remove` deletes it)", SampleData.DemoTerminalId);
        }
        else if (options.Database.SampleData)
        {
            logger.LogInformation("Demo data is only loaded into a new database; this one already existed and was left as it is");
        }

        if (!loopback && await SampleData.CountDemoKeysAsync(database, cancellationToken) > 0)
        {
            throw new StartRefusedException("the database holds a terminal with the public demo key (" + SampleData.DemoTerminalId + " of the demo data), and "
                + "Lookup:BindAddress " + options.BindAddress + " is beyond loopback. Run `demo remove` (or `terminals rotate <id>`) first.");
        }
    }
}

/// <summary>
/// Runs the database preparation (<see cref="LookupServerApp.PrepareDatabaseAsync"/>) once per host, whoever asks
/// first: Program before it starts the host, and the host itself, as its first hosted service, for hosts nobody
/// prepared (WebApplicationFactory). A preparation that failed runs again when asked again.
/// </summary>
public sealed class DatabasePreparation(IServiceProvider services) : IHostedService
{
    private readonly object _gate = new();
    private Task? _preparation;

    public Task RunOnceAsync(Func<Task> prepare)
    {
        lock (_gate)
        {
            if (_preparation == null || _preparation.IsFaulted || _preparation.IsCanceled)
            {
                _preparation = prepare();
            }

            return _preparation;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => LookupServerApp.PrepareDatabaseAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A configuration the server refuses to start with; Program prints the message and exits 1.</summary>
public sealed class StartRefusedException(string message) : Exception(message)
{
}
