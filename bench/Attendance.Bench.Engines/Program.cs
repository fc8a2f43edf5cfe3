using System.Diagnostics;
using Attendance.Bench.Engines;

// Lookup throughput through the store the server uses (ILookupStore, in process: no sockets), per engine and per
// mapping, uncached and behind the answer cache, as ratios to SQLite with our own schema (issue 15). The mix is a
// closing roll's (one NOMEALUNO and one MATRICULADO per student, one in 32 codes unknown) plus one CODIGOCADEIRA
// in 16. Usage: [seconds per row] [students] [concurrent callers]  (bench/README.md, "Engines and mappings").
var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
var students = args.Length > 1 ? int.Parse(args[1]) : 2000;
var callers = args.Length > 2 ? int.Parse(args[2]) : 16;

Console.WriteLine($"Lookup throughput in process: {students} students, {callers} concurrent callers, {seconds} s per row, {Environment.ProcessorCount} cores");
Console.WriteLine("| Engine | schema | uncached lookups/s | / SQLite ours uncached | cached lookups/s | / SQLite ours cached |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");
double? baseUncached = null, baseCached = null;
var failed = false;
// One entry per configuration; the engines work adds Firebird and MariaDB here (EngineSetups.cs).
foreach (var setup in EngineSetups.All())
{
    await using var stores = await setup.CreateAsync(students);
    if (stores == null)
    {
        Console.WriteLine($"| {setup.Engine} | {setup.Schema} | skipped: {setup.SkipReason} | | | |");
        continue;
    }

    var questions = Questions.Make(students, stores.CourseCode);
    var uncached = await Questions.RateAsync(stores.Uncached, questions, callers, seconds);
    var cached = await Questions.RateAsync(stores.Cached, questions, callers, seconds);
    baseUncached ??= uncached;
    baseCached ??= cached;
    if (uncached <= 0 || cached <= 0)
    {
        failed = true;
    }

    Console.WriteLine($"| {setup.Engine} | {setup.Schema} | {uncached:N0} | {uncached / baseUncached:F2} | {cached:N0} | {cached / baseCached:F2} |");
}

return failed ? 1 : 0;
