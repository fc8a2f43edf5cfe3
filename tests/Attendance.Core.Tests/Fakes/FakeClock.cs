using System;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>A clock the test sets by hand. Starts unset (year 2000), as the board does before SNTP answers.</summary>
    public class FakeClock : IClock
    {
        public FakeClock()
        {
            UtcNow = new DateTime(2000, 1, 1, 0, 0, 0);
        }

        public FakeClock(DateTime utcNow)
        {
            UtcNow = utcNow;
        }

        public DateTime UtcNow { get; set; }

        public long MonotonicMilliseconds { get; set; }

        /// <summary>Moves both clocks forward together.</summary>
        public void Advance(long milliseconds)
        {
            MonotonicMilliseconds += milliseconds;
            UtcNow = UtcNow.AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);
        }

        /// <summary>Moves both clocks forward by whole seconds (retry and backoff delays are in seconds).</summary>
        public void AdvanceSeconds(int seconds)
        {
            Advance(seconds * 1000L);
        }
    }
}
