using System.Diagnostics;
using Attendance.Bench.Lookup;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Security;
using Attendance.Host.Adapters;
using Attendance.LookupServer;
using Attendance.LookupServer.Network;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Close-time lookup of one roll: pipelined (RollReportBuilder) against one request per round trip, same run,
// same server, same simulated round-trip time. Prints round trips, writes, mean time and the ratio.
// "throughput [students] [seconds] [batch]" measures the server's answers per second instead (ThroughputBenchmark).
if (args.Length > 0 && args[0] == "throughput")
{
    return await ThroughputBenchmark.RunAsync(args[1..]);
}

// "engines [seconds] [workers]": lookups per second per database engine, uncached and cached, as ratios to SQLite.
if (args.Length > 0 && args[0] == "engines")
{
    return await EngineBenchmark.RunAsync(args[1..]);
}

var students = args.Length > 0 ? int.Parse(args[0]) : 40;
var roundTripMilliseconds = args.Length > 1 ? int.Parse(args[1]) : 20;
var iterations = args.Length > 2 ? int.Parse(args[2]) : 5;

var folder = Path.Combine(Path.GetTempPath(), "attendance-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
var builder = LookupServerApp.CreateBuilder([
    "--Lookup:BindAddress=127.0.0.1", "--Lookup:Port=0", "--Lookup:Database:SampleData=true",
    "--Lookup:Database:ConnectionString=Data Source=" + Path.Combine(folder, "bench.db"),
]);
builder.Logging.ClearProviders();
using var host = builder.Build();
await LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None);
await host.StartAsync();
try
{
    var settings = new LookupClientSettings
    {
        Host = "127.0.0.1",
        Port = host.Services.GetRequiredService<LookupListener>().BoundPort,
        TerminalId = SampleData.DemoTerminalId,
        TerminalKey = HexText.ToBytes(SampleData.DemoTerminalKeyHex),
    };
    var client = new LookupClient(new LatencyConnector(new SocketNetworkConnector(), roundTripMilliseconds), settings);
    var opened = new DateTime(DateTime.UtcNow.Year, 3, 2, 9, 30, 0, DateTimeKind.Utc);
    var roll = new ClosedRoll
    {
        RollId = "bench",
        TerminalId = SampleData.DemoTerminalId,
        ProfessorCode = "P1001",
        OpenedUtc = opened,
        ClosedUtc = opened.AddHours(1),
        StudentCodes = Enumerable.Range(0, students).Select(i => SampleData.Students[i % SampleData.Students.Length].Code).ToArray(),
        SwipeTimesUtc = Enumerable.Range(0, students).Select(i => opened.AddSeconds(i)).ToArray(),
    };

    var sequential = Measure("one request per round trip", () => (RollReport)client.Run(SequentialRollLookup.Create(client, roll)));
    var pipelined = Measure("pipelined (RollReportBuilder)", () => new RollReportBuilder(client).Build(roll));
    Console.WriteLine();
    Console.WriteLine($"Roll of {students} students, simulated round trip {roundTripMilliseconds} ms, {iterations} runs each");
    Console.WriteLine("| Exchange | round trips | writes | mean ms | baseline / this |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach (var row in new[] { sequential, pipelined })
    {
        Console.WriteLine($"| {row.Name} | {row.RoundTrips} | {row.Writes} | {row.MeanMilliseconds:F1} | {sequential.MeanMilliseconds / row.MeanMilliseconds:F1} |");
    }

    var pass = pipelined.RoundTrips <= 6;
    Console.WriteLine(pass ? "PASS: at most 6 round trips" : "FAIL: more than 6 round trips");
    return pass ? 0 : 1;

    (string Name, int RoundTrips, int Writes, double MeanMilliseconds) Measure(string name, Func<RollReport> run)
    {
        var report = run(); // warm-up, and the check that it works
        if (report.Entries.Length != students)
        {
            throw new InvalidOperationException(name + " returned " + report.Entries.Length + " entries");
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            run();
        }

        return (name, client.LastRoundTrips, client.LastWrites, watch.Elapsed.TotalMilliseconds / iterations);
    }
}
finally
{
    await host.StopAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}
