using System.Diagnostics;
using System.Text;

namespace Attendance.KillCampaign;

/// <summary>Runs the planned runs one after another (each owns its processes and ports) and sums them up.</summary>
public static class Campaign
{
    public static Task<RunResult[]> RunAsync(int runs, int seed, int firstRun = 0, Action<RunResult>? progress = null) =>
        RunAsync(seed, Enumerable.Range(firstRun, runs).ToArray(), progress);

    /// <summary>Runs the given run numbers of the seed's campaign.</summary>
    public static async Task<RunResult[]> RunAsync(int seed, int[] runNumbers, Action<RunResult>? progress = null)
    {
        var results = new List<RunResult>();
        foreach (int run in runNumbers)
        {
            var result = await KillRun.ExecuteAsync(KillPlan.Draw(seed, run));
            results.Add(result);
            progress?.Invoke(result);
        }

        return results.ToArray();
    }

    public static string Summary(RunResult[] results, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine("| runs | killed | rolls expected | rolls delivered | students acknowledged | students lost | students lost to damage | distinct rolls sharing a Message-ID | duplicates | failed start-ups | runs with a failed step | time |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine("| " + results.Length + " | " + results.Count(r => r.Killed) + " | " + results.Sum(r => r.RollsExpected) + " | " + results.Sum(r => r.RollsDelivered)
            + " | " + results.Sum(r => r.StudentsAcknowledged) + " | " + results.Sum(r => r.StudentsLost) + " | " + results.Sum(r => r.StudentsLostToDamage)
            + " | " + results.Sum(r => r.SharedMessageIds) + " | " + results.Sum(r => r.Duplicates) + " | " + results.Sum(r => r.FailedStartUps)
            + " | " + results.Count(r => r.StepFailed) + " | " + elapsed.TotalMinutes.ToString("F1") + " min |");
        text.AppendLine();
        text.AppendLine("By kill moment (runs / students lost / lost to damage / shared Message-IDs / duplicates / failed start-ups):");
        foreach (var group in results.GroupBy(r => r.Plan.Moment).OrderBy(g => g.Key))
        {
            text.AppendLine("  " + group.Key + ": " + group.Count() + " / " + group.Sum(r => r.StudentsLost) + " / " + group.Sum(r => r.StudentsLostToDamage)
                + " / " + group.Sum(r => r.SharedMessageIds) + " / " + group.Sum(r => r.Duplicates) + " / " + group.Sum(r => r.FailedStartUps));
        }

        return text.ToString();
    }
}
