namespace Attendance.KillCampaign;

/// <summary>What one run found.</summary>
public sealed class RunResult
{
    public required KillPlan Plan { get; init; }

    public bool Killed;

    /// <summary>A rig step timed out (a verdict or a close never logged): the run's losses may be the rig's, see its log.</summary>
    public bool StepFailed;
    public int RollsExpected;
    public int RollsDelivered;
    public int StudentsAcknowledged;
    public int StudentsLost;
    public int StudentsLostToDamage;
    public int SharedMessageIds;
    public int Duplicates;
    public int FailedStartUps;
    public string? DamagedFile;
    public List<string> Notes { get; } = [];

    /// <summary>The terminal logs of a bad run, for --verbose.</summary>
    public string? Logs;

    /// <summary>Counts that break the promise (damage losses and post-250 duplicates are allowed).</summary>
    public bool Bad => StudentsLost > 0 || SharedMessageIds > 0 || FailedStartUps > 0 || RollsDelivered < RollsExpected && StudentsLostToDamage == 0;

    public string Line() =>
        Plan.Describe() + (DamagedFile == null ? "" : " (" + Path.GetFileName(DamagedFile) + ")") + " -> rolls " + RollsDelivered + "/" + RollsExpected
        + ", students lost " + StudentsLost + (StudentsLostToDamage > 0 ? " (+" + StudentsLostToDamage + " to damage)" : "")
        + (SharedMessageIds > 0 ? ", SHARED MESSAGE-ID " + SharedMessageIds : "") + (Duplicates > 0 ? ", duplicates " + Duplicates : "")
        + (FailedStartUps > 0 ? ", FAILED START-UP" : "") + (Notes.Count > 0 ? " [" + string.Join("; ", Notes) + "]" : "");
}
