namespace Attendance.KillCampaign;

/// <summary>When the terminal is killed.</summary>
public enum KillMoment
{
    /// <summary>A student's code written, killed 0-20 ms later: during the swipe's journal append.</summary>
    DuringSwipes,

    /// <summary>The closing swipe written, killed 0-15 ms later: during the close record and the hand-over to the outbox.</summary>
    DuringRecordWrites,

    /// <summary>0-30 ms after the terminal logged the close ("queued for mail").</summary>
    RightAfterClose,

    /// <summary>When the terminal sends MAIL FROM, RCPT TO, DATA or the final dot (the server never sees it).</summary>
    DuringSmtp,

    /// <summary>0-10 ms after the server's 250 to the final dot reached the terminal.</summary>
    RightAfter250,
}

/// <summary>Damage done to the data folder while the terminal is down.</summary>
public enum Damage
{
    None,
    FlipByte,
    Truncate,
    Delete,
    LeavePartial,
}

/// <summary>One run, drawn from the campaign seed and the run number alone.</summary>
public sealed record KillPlan(int Run, int Sessions, int[] Students, int KillSession, KillMoment Moment, int KillAfterStudent,
    int KillDelayMilliseconds, string SmtpTrigger, Damage Damage, int DamageSeed, int ReplyDelayMilliseconds)
{
    private static readonly string[] SmtpTriggers = ["MAIL FROM", "RCPT TO", "DATA\r\n", "\r\n.\r\n"];

    public static KillPlan Draw(int seed, int run)
    {
        var random = new Random(StableSeed(seed, run));
        int sessions = random.Next(3) == 0 ? 2 : 1;
        var students = Enumerable.Range(0, sessions).Select(_ => 1 + random.Next(4)).ToArray();
        int killSession = random.Next(sessions);
        var moment = (KillMoment)random.Next(Enum.GetValues<KillMoment>().Length);
        var damage = random.Next(100) < 30 ? (Damage)(1 + random.Next(4)) : Damage.None;
        return new KillPlan(run, sessions, students, killSession, moment, random.Next(students[killSession]), random.Next(21),
            SmtpTriggers[random.Next(SmtpTriggers.Length)], damage, random.Next(), 20 + random.Next(130));
    }

    /// <summary>A seed from two numbers that is the same in every process (HashCode.Combine is randomised per process).</summary>
    public static int StableSeed(int a, int b)
    {
        unchecked
        {
            uint hash = ((uint)a * 0x9E3779B1) ^ ((uint)b * 0x85EBCA77) ^ 0x5EED;
            hash ^= hash >> 15;
            hash *= 0x2C1B3C6D;
            hash ^= hash >> 12;
            return (int)(hash & 0x7FFFFFFF);
        }
    }

    /// <summary>Session s's i-th student: distinct across sessions, so each e-mail's students tell which roll they belong to.</summary>
    public string StudentCode(int session, int index) => "S" + session + "R" + Run + "N" + index;

    public string Describe() =>
        "run " + Run + ": " + Sessions + " roll(s) of " + string.Join("+", Students) + " student(s), kill " + Moment
        + (Moment == KillMoment.DuringSmtp ? " (" + SmtpTrigger.Trim() + (SmtpTrigger == "\r\n.\r\n" ? "final dot" : "") + ")" : "")
        + " in roll " + (KillSession + 1) + (Damage == Damage.None ? "" : ", then " + Damage);
}
