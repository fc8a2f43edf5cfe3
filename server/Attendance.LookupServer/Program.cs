using Attendance.LookupServer;
using Attendance.LookupServer.Admin;
using Attendance.LookupServer.Import;
using Microsoft.Extensions.Hosting;

// Usage (server/README.md):
//   dotnet run --project server/Attendance.LookupServer [-- --demo] [--Lookup:...]      serve (appsettings.json, env, --Lookup:*)
//   dotnet run --project server/Attendance.LookupServer -- import [--upsert|--replace] <table> <file.csv> [--Lookup:...]
//   dotnet run --project server/Attendance.LookupServer -- terminals add <id> [description] | rotate <id> | remove <id> | list
//   dotnet run --project server/Attendance.LookupServer -- demo remove
switch (args.Length > 0 ? args[0] : "")
{
    case "import":
        return await ImportCommand.RunAsync(args[1..], Console.Out, Console.Error);
    case "terminals":
        return await TerminalsCommand.RunAsync(args[1..], Console.Out, Console.Error);
    case "demo":
        return await DemoCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var builder = LookupServerApp.CreateBuilder(LookupServerApp.ExpandDemoSwitch(args));
using var host = builder.Build();
try
{
    await LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None);
}
catch (StartRefusedException refused)
{
    await Console.Error.WriteLineAsync("lookup server: " + refused.Message);
    return 1;
}

await host.RunAsync();
return 0;
