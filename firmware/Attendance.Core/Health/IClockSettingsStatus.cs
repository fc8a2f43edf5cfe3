namespace Attendance.Core.Health
{
    /// <summary>
    /// The clock's and the server settings' part of the health report, filled by the code that sets the clock
    /// (SNTP, the server's greeting time) and applies settings from the server. Until that code provides one,
    /// <see cref="UnknownClockSettingsStatus"/> reports "unknown". Read on the network worker's thread: an
    /// implementation keeps its values in fields written whole (reference and int writes are atomic).
    /// </summary>
    public interface IClockSettingsStatus
    {
        /// <summary>Where the clock was last set from: <c>sntp</c>, <c>server</c>, <c>unset</c>, or <c>unknown</c>.</summary>
        string ClockSource { get; }

        /// <summary>True when <see cref="ClockSkewSeconds"/> was measured (both SNTP and the server's time were seen).</summary>
        bool ClockSkewKnown { get; }

        /// <summary>The server's time minus the terminal's, in seconds, at the last comparison.</summary>
        int ClockSkewSeconds { get; }

        /// <summary>Why the last settings from the server were rejected; empty when none were (or the feature is absent).</summary>
        string SettingsRejectedReason { get; }
    }
}
