using System.Diagnostics;
using Attendance.KillCampaign;

// attendance-kill-campaign [--runs N] [--seed S] [--first-run K] [--quiet] [--verbose] [--plans]
// Exit code 0 when no student was lost (outside damage), no two rolls shared a Message-ID and every start-up worked.
int runs = 50, seed = 1, firstRun = 0;
bool quiet = false, verbose = false, plansOnly = false;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
    switch (args[i])
    {
        case "--runs": runs = int.Parse(Next()); break;
        case "--seed": seed = int.Parse(Next()); break;
        case "--first-run": firstRun = int.Parse(Next()); break;
        case "--quiet": quiet = true; break;
        case "--verbose": verbose = true; break;
        case "--plans": plansOnly = true; break;
        default:
            Console.Error.WriteLine("usage: attendance-kill-campaign [--runs N] [--seed S] [--first-run K] [--quiet] [--verbose] [--plans]");
            return 2;
    }
}

if (plansOnly)
{
    // What the runs would do, without running them.
    for (int run = firstRun; run < firstRun + runs; run++)
    {
        Console.WriteLine(KillPlan.Draw(seed, run).Describe());
    }

    return 0;
}

Console.WriteLine("Kill campaign: " + runs + " run(s) from run " + firstRun + ", seed " + seed);
var clock = Stopwatch.StartNew();
var results = await Campaign.RunAsync(runs, seed, firstRun, result =>
{
    if (!quiet || result.Bad)
    {
        Console.WriteLine((result.Bad ? "! " : "  ") + result.Line());
        if (verbose && result.Logs != null)
        {
            Console.WriteLine(result.Logs);
        }
    }
});
Console.WriteLine();
Console.WriteLine(Campaign.Summary(results, clock.Elapsed));
return results.Any(r => r.StudentsLost > 0 || r.SharedMessageIds > 0 || r.FailedStartUps > 0) ? 1 : 0;
