using System.Text;

namespace Attendance.Fuzz;

/// <summary>The tables the harness prints (plain text, also pasted into README.md).</summary>
public static class Report
{
    public static string Table(IEnumerable<FuzzResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| parser | inputs | expected rejections | unexpected exceptions | unexpected types | hangs | valid roll lost | time (s) |");
        text.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|");
        foreach (var result in results)
        {
            var types = result.Unexpected.Count == 0 ? "-" : string.Join("<br>", result.Unexpected.Select(pair => pair.Key + " ×" + pair.Value.Count));
            var lost = result.ValidRollChecked == 0 ? "n/a" : result.ValidRollLost + " of " + result.ValidRollChecked;
            text.AppendLine("| " + result.Target + " | " + result.Inputs + " | " + result.ExpectedRejections + " | " + result.UnexpectedCount + " | " + types
                + " | " + result.Hangs.Count + " | " + lost + " | " + result.Elapsed.TotalSeconds.ToString("F1") + " |");
        }

        return text.ToString();
    }

    /// <summary>For each unexpected type, the first input that raised it (hex) and how to replay it.</summary>
    public static string Details(IEnumerable<FuzzResult> results, int seed)
    {
        var text = new StringBuilder();
        foreach (var result in results)
        {
            foreach (var (type, finding) in result.Unexpected)
            {
                text.AppendLine(result.Target + ": " + type + " ×" + finding.Count + ", first input #" + finding.FirstIndex
                    + " (--replay " + result.Target + ":" + finding.FirstIndex + " --seed " + seed + "): " + Trim(finding.FirstMessage));
                text.AppendLine("    " + Mutator.Hex(Mutator.Make(Targets.AllTargets.Create().Single(t => t.Name == result.Target), seed, finding.FirstIndex)));
            }

            foreach (var (index, seconds) in result.Hangs.Take(3))
            {
                text.AppendLine(result.Target + ": hang on input #" + index + " (" + seconds.ToString("F1") + " s)");
            }

            if (result.FirstValidRollLostIndex is int lost)
            {
                text.AppendLine(result.Target + ": valid roll not delivered after input #" + lost + " (--replay " + result.Target + ":" + lost + ")");
            }

            if (result.FirstValidRollLostQuietlyIndex is int quiet)
            {
                text.AppendLine(result.Target + ": valid roll not delivered, the parser raising nothing unexpected, after input #" + quiet
                    + " (--replay " + result.Target + ":" + quiet + ")");
            }
        }

        return text.ToString();
    }

    public static string Census(IEnumerable<BitFlipCensus.Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("Single-bit flips of a valid record:");
        text.AppendLine("| record | bits | detected | silently different | silently same | crashed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine("| " + row.Record + " | " + row.Bits + " | " + row.Detected + " | " + row.SilentlyDifferent + " | " + row.SilentlySame + " | " + row.Crashed + " |");
        }

        return text.ToString();
    }

    private static string Trim(string message) => message.Length > 120 ? message[..120] + "..." : message.ReplaceLineEndings(" ");
}
