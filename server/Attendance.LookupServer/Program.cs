using Attendance.LookupServer;
using Attendance.LookupServer.Import;
using Microsoft.Extensions.Hosting;

// Usage:
//   dotnet run --project server/Attendance.LookupServer                         serve (appsettings.json, env, --Lookup:*)
//   dotnet run --project server/Attendance.LookupServer -- import <table> <file.csv> [--Lookup:...]
if (args.Length > 0 && args[0] == "import")
{
    return await ImportCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var builder = LookupServerApp.CreateBuilder(args);
using var host = builder.Build();
await LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None);
await host.RunAsync();
return 0;
