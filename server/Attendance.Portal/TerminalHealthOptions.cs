using Attendance.Portal.Data;

namespace Attendance.Portal;

/// <summary>
/// When the Terminals page calls a terminal offline or warns about it ("Portal:Terminals" section;
/// server/README.md, "Terminal health").
/// </summary>
public sealed class TerminalHealthOptions
{
    public const string SectionName = "Portal:Terminals";

    /// <summary>
    /// A terminal is offline when no heartbeat came for this many of its own intervals (it reports its interval),
    /// plus <see cref="GraceSeconds"/>: one lost heartbeat is not an outage.
    /// </summary>
    public double OfflineAfterMissedHeartbeats { get; set; } = 2;

    /// <summary>Slack added to the offline limit for slow networks and clock differences.</summary>
    public int GraceSeconds { get; set; } = 60;

    /// <summary>Free managed memory below this many bytes is a warning (the board's close needs its heap budget).</summary>
    public long LowMemoryBytes { get; set; } = 20_000;

    /// <summary>
    /// A clock skew beyond this many seconds (either way) is a warning: the terminal's own bound
    /// (Core's ClockStatus.SkewBoundMilliseconds, a minute: the e-mail shows times to the minute).
    /// </summary>
    public int ClockSkewWarningSeconds { get; set; } = 60;
}

/// <summary>What the Terminals page shows for one terminal, worked out from its latest report and the time now.</summary>
public sealed record TerminalHealth(bool Online, bool NeverSeen, bool MailFailed, bool ClockSkewed, bool LowMemory, bool SettingsRejected)
{
    public bool HasWarning => MailFailed || ClockSkewed || LowMemory || SettingsRejected;

    /// <summary>Judges <paramref name="latest"/> at <paramref name="nowUtc"/> (from the host's TimeProvider, so tests move time instead of sleeping).</summary>
    public static TerminalHealth Of(HealthReportView? latest, DateTime nowUtc, TerminalHealthOptions options)
    {
        if (latest == null)
        {
            return new TerminalHealth(false, true, false, false, false, false);
        }

        var interval = Math.Max(latest.IntervalSeconds, 60);
        var limit = latest.ReceivedUtc.AddSeconds(interval * options.OfflineAfterMissedHeartbeats + options.GraceSeconds);
        return new TerminalHealth(
            Online: nowUtc <= limit,
            NeverSeen: false,
            MailFailed: latest.OutboxFailed > 0,
            ClockSkewed: latest.ClockSkewSeconds is { } skew && Math.Abs(skew) > options.ClockSkewWarningSeconds,
            LowMemory: latest.FreeMemoryBytes is { } free && free < options.LowMemoryBytes,
            SettingsRejected: latest.SettingsRejected.Length > 0);
    }
}
