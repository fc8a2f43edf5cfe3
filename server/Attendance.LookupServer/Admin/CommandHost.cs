using Attendance.LookupServer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Attendance.LookupServer.Admin;

/// <summary>The configured database for a one-shot command (terminals, demo), migrated, as the import opens it.</summary>
internal sealed class CommandHost : IDisposable
{
    private readonly IHost _host;

    private CommandHost(IHost host, LookupDatabase database)
    {
        _host = host;
        Database = database;
    }

    public LookupDatabase Database { get; }

    /// <summary>The host's services (the `users` command takes Identity's UserManager from a scope of them).</summary>
    public IServiceProvider Services => _host.Services;

    public static async Task<CommandHost> OpenAsync(string[] settings)
    {
        var host = LookupServerApp.CreateBuilder(settings).Build();
        var database = host.Services.GetRequiredService<LookupDatabase>();
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        return new CommandHost(host, database);
    }

    public void Dispose() => _host.Dispose();

    /// <summary>Splits "--Lookup:..." settings from the command's own words.</summary>
    public static (List<string> Words, string[] Settings) Split(string[] args) =>
        (args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList(), args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
}
