using System;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>Sets a <see cref="FakeClock"/>'s wall time, as the board's RTC adapter does; counts the calls.</summary>
    public class FakeClockAdjuster : IClockAdjuster
    {
        private readonly FakeClock _clock;

        public FakeClockAdjuster(FakeClock clock)
        {
            _clock = clock;
        }

        public int Calls { get; private set; }

        public void SetUtcNow(DateTime utc)
        {
            Calls++;
            _clock.UtcNow = utc;
        }
    }
}
