using System.Diagnostics;
using Attendance.Fuzz;
using Attendance.Fuzz.Targets;

// attendance-fuzz [--count N] [--seed S] [--threads T] [--hang-seconds H] [--target NAME[,NAME]] [--no-census]
//                 [--replay NAME:INDEX]
// Exit code 0 when every parser is clean (no unexpected exception types, no hangs, no lost valid roll), 1 otherwise.
int count = 20000, seed = 1, threads = Environment.ProcessorCount;
double hangSeconds = 1;
string[]? only = null;
bool census = true;
string? replay = null;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
    switch (args[i])
    {
        case "--count": count = int.Parse(Next()); break;
        case "--seed": seed = int.Parse(Next()); break;
        case "--threads": threads = int.Parse(Next()); break;
        case "--hang-seconds": hangSeconds = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--target": only = Next().Split(','); break;
        case "--no-census": census = false; break;
        case "--replay": replay = Next(); break;
        default:
            Console.Error.WriteLine("usage: attendance-fuzz [--count N] [--seed S] [--threads T] [--hang-seconds H] [--target NAME,...] [--no-census] [--replay NAME:INDEX]");
            return 2;
    }
}

var targets = AllTargets.Create();
if (replay != null)
{
    var target = targets.Single(t => t.Name == replay[..replay.IndexOf(':')]);
    int index = int.Parse(replay[(replay.IndexOf(':') + 1)..]);
    var input = Mutator.Make(target, seed, index);
    Console.WriteLine("input " + index + " of " + target.Name + " (seed " + seed + "): " + Mutator.Hex(input, int.MaxValue));
    try
    {
        target.Run(input);
        Console.WriteLine("no exception");
    }
    catch (Exception exception)
    {
        Console.WriteLine((target.IsExpected(exception) ? "expected: " : "UNEXPECTED: ") + exception);
    }

    Console.WriteLine("valid roll still goes out: " + (target.ValidRollStillGoesOut(input)?.ToString() ?? "(not checked)"));
    return 0;
}

if (only != null)
{
    targets = targets.Where(t => only.Contains(t.Name)).ToArray();
}

Console.WriteLine("Fuzzing " + targets.Length + " parser(s), " + count.ToString("N0") + " inputs each, seed " + seed + ", " + threads
    + " thread(s), hang limit " + hangSeconds + " s");
// The samples must be valid, or the mutations start from something the parser already rejects.
foreach (var target in targets)
{
    foreach (var sample in target.Samples)
    {
        try
        {
            target.Run(sample);
        }
        catch (Exception exception) when (target.IsExpected(exception))
        {
            if (!(target is LookupClientAnswersTarget or SmtpReplyTarget))
            {
                Console.WriteLine("warning: a sample of " + target.Name + " is rejected: " + exception.Message);
            }
        }
    }
}

var total = Stopwatch.StartNew();
var results = new List<FuzzResult>();
foreach (var target in targets)
{
    var result = FuzzRunner.Run(target, count, seed, threads, TimeSpan.FromSeconds(hangSeconds));
    results.Add(result);
    Console.WriteLine("  " + target.Name + ": " + result.Elapsed.TotalSeconds.ToString("F1") + " s");
}

Console.WriteLine();
Console.WriteLine(Report.Table(results));
Console.WriteLine(Report.Details(results, seed));
if (census)
{
    Console.WriteLine(Report.Census(BitFlipCensus.Run()));
}

Console.WriteLine("Total time: " + total.Elapsed.TotalSeconds.ToString("F0") + " s");
return results.All(result => result.Clean) ? 0 : 1;
