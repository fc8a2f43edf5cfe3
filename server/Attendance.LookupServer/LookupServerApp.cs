using Attendance.LookupServer.Network;
using Attendance.MailArchive;
using Attendance.LookupServer.Protocol;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Attendance.LookupServer;

/// <summary>Builds the server's host: configuration, logging, database, listener. Used by Program and by tests.</summary>
public static class LookupServerApp
{
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            // appsettings.json ships beside the binary; `dotnet run --project` runs from the repository root.
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Untracked local overrides (database passwords): *.local.json is ignored by git.
        builder.Configuration.AddJsonFile("appsettings.local.json", optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        builder.Services.Configure<LookupServerOptions>(builder.Configuration.GetSection(LookupServerOptions.SectionName));
        builder.Services.AddSingleton(services => new LookupDatabase(services.GetRequiredService<IOptions<LookupServerOptions>>().Value.Database));
        // The database store itself (also the benchmark's baseline), and in front of it the answer cache
        // (Storage/CachingLookupStore.cs; server/README.md, "Cache").
        builder.Services.AddSingleton<SqlLookupStore>();
        builder.Services.AddSingleton(services => CachingLookupStore.Create(
            services.GetRequiredService<SqlLookupStore>(),
            services.GetRequiredService<LookupDatabase>(),
            services.GetRequiredService<IOptions<LookupServerOptions>>().Value.Cache));
        builder.Services.AddSingleton(services => new LookupRequestHandler(
            services.GetRequiredService<ILookupStore>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Attendance.LookupServer.Requests")));
        builder.Services.AddSingleton<LookupListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LookupListener>());

        // The archive of roll e-mails: an SMTP listener that files every message it receives (terminals put it in
        // mail.cc). Off unless "MailArchive:Enabled" is true.
        builder.Services.Configure<MailArchiveOptions>(builder.Configuration.GetSection("MailArchive"));
        builder.Services.AddSingleton<MailArchiveServer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MailArchiveServer>());
        return builder;
    }

    /// <summary>Creates or upgrades the schema, and loads the demo data into a new database when configured.</summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<LookupServerOptions>>().Value;
        var database = services.GetRequiredService<LookupDatabase>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Attendance.LookupServer.Database");
        var before = await SchemaMigrator.MigrateAsync(database, cancellationToken);
        logger.LogInformation("Database {Provider} at schema version {Version} (was {Before})", database.Provider, SchemaMigrator.LatestVersion, before);
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // What each instance takes of max_connections (server/README.md, "PostgreSQL sizing").
            logger.LogInformation("PostgreSQL connections: pool of at most {PoolSize}, plus {Listener} for the answer cache's listener",
                database.MaximumPoolSize, options.Cache.MaximumEntries > 0 ? 1 : 0);
        }
        if (before == 0 && options.Database.SampleData)
        {
            await SampleData.LoadAsync(database, DateTime.UtcNow.Year, cancellationToken);
            logger.LogInformation("Loaded the demo data set (terminal {Terminal} has a public demo key)", SampleData.DemoTerminalId);
        }
    }
}
