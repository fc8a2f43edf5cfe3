using System;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>A clock the test moves by hand; wall and monotonic time advance together.</summary>
    public class MailFakeClock : IClock
    {
        public MailFakeClock(DateTime utcNow)
        {
            UtcNow = utcNow;
        }

        public DateTime UtcNow { get; set; }

        public long MonotonicMilliseconds { get; set; }

        public void Advance(int seconds)
        {
            UtcNow = UtcNow.AddSeconds(seconds);
            MonotonicMilliseconds += seconds * 1000L;
        }
    }
}
