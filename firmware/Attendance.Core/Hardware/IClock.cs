using System;

namespace Attendance.Core.Hardware
{
    /// <summary>
    /// The board's sense of time. Always UTC: nanoFramework has no time zones, so local offsets are applied
    /// only when text is rendered for people (the e-mail's Date header and body).
    /// </summary>
    public interface IClock
    {
        /// <summary>Current time in UTC. May be unset (year before 2020) until SNTP has answered.</summary>
        DateTime UtcNow { get; }

        /// <summary>
        /// Milliseconds from an arbitrary start that never jump backwards, for timeouts and LED patterns.
        /// Kept apart from <see cref="UtcNow"/> because SNTP can step the wall clock.
        /// </summary>
        long MonotonicMilliseconds { get; }
    }
}
