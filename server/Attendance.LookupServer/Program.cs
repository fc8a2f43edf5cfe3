using Attendance.LookupServer;
using Attendance.LookupServer.Import;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.Hosting;

// Usage:
//   dotnet run --project server/Attendance.LookupServer                         serve (appsettings.json, env, --Lookup:*)
//   dotnet run --project server/Attendance.LookupServer -- import <table> <file.csv> [--Lookup:...]
try
{
    if (args.Length > 0 && args[0] == "import")
    {
        return await ImportCommand.RunAsync(args[1..], Console.Out, Console.Error);
    }

    var builder = LookupServerApp.CreateBuilder(args);
    using var host = builder.Build();
    await LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None);
    await host.RunAsync();
    return 0;
}
catch (DatabaseConfigurationException exception)
{
    // Settings that cannot work (a provider that contradicts the connection string, a pool of 0): say which,
    // rather than a provider's stack trace and an abort.
    Console.Error.WriteLine("lookup server: " + exception.Message);
    return 2;
}
