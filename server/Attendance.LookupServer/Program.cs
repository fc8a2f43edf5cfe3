using Attendance.LookupServer;
using Attendance.LookupServer.Admin;
using Attendance.LookupServer.Import;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.Hosting;

// Usage (server/README.md):
//   dotnet run --project server/Attendance.LookupServer [-- --demo] [--Lookup:...] [--Portal:...]   serve lookups and the portal
//   dotnet run --project server/Attendance.LookupServer -- portal [--Portal:...]       the portal alone (Lookup:Enabled=false)
//   dotnet run --project server/Attendance.LookupServer -- import [--upsert|--replace] <table> <file.csv> [--Lookup:...]
//   dotnet run --project server/Attendance.LookupServer -- terminals add <id> [description] | rotate <id> | remove <id> | list
//   dotnet run --project server/Attendance.LookupServer -- users add <name> --role <role> [--professor <code>] [--password-stdin] | list | remove <name> | set-role <name> <role> [--professor <code>] | unlock <name>
//   dotnet run --project server/Attendance.LookupServer -- demo remove
//   dotnet run --project server/Attendance.LookupServer -- cache flush                 running servers empty their answer caches
try
{
    switch (args.Length > 0 ? args[0] : "")
    {
        case "import":
            return await ImportCommand.RunAsync(args[1..], Console.Out, Console.Error);
        case "terminals":
            return await TerminalsCommand.RunAsync(args[1..], Console.Out, Console.Error);
        case "users":
            return await UsersCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
        case "demo":
            return await DemoCommand.RunAsync(args[1..], Console.Out, Console.Error);
        case "cache":
            return await CacheCommand.RunAsync(args[1..], Console.Out, Console.Error);
        case "portal":
            args = ["--Lookup:Enabled=false", .. args[1..]];
            break;
    }

    // The portal is served with the lookups unless --Portal:Enabled=false (server/README.md, "Portal").
    using var app = LookupServerApp.Build(LookupServerApp.CreateBuilder(LookupServerApp.ExpandDemoSwitch(args), hostPortal: true));
    try
    {
        await LookupServerApp.PrepareDatabaseAsync(app.Services, CancellationToken.None);
    }
    catch (StartRefusedException refused)
    {
        await Console.Error.WriteLineAsync("lookup server: " + refused.Message);
        return 1;
    }

    await app.RunAsync();
    return 0;
}
catch (DatabaseConfigurationException exception)
{
    // Settings that cannot work (a provider that contradicts the connection string, a pool of 0): say which,
    // rather than a provider's stack trace and an abort. Every command opens the database through these settings.
    Console.Error.WriteLine("lookup server: " + exception.Message);
    return 2;
}

/// <summary>The entry point; public so that tests can host it with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
