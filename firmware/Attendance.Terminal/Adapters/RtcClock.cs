using System;
using Attendance.Core.Hardware;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// The board's real-time clock (UTC, set by SNTP) and the system tick counter, which starts at boot and never
    /// steps when SNTP corrects the wall clock.
    /// </summary>
    public sealed class RtcClock : IClock, IClockAdjuster
    {
        /// <summary>Any time before this is the unset RTC (nanoFramework boots at 2018 or 1970 depending on the target).</summary>
        public static readonly DateTime EarliestValidTime = new DateTime(2024, 1, 1);

        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        public long MonotonicMilliseconds
        {
            get { return Environment.TickCount64; }
        }

        /// <summary>
        /// Sets the RTC from the lookup server's authenticated time when SNTP is silent (SettingsSync). The RTC takes
        /// whole seconds, so this adds up to a second to the measurement's uncertainty.
        /// </summary>
        public void SetUtcNow(DateTime utc)
        {
            nanoFramework.Runtime.Native.Rtc.SetSystemTime(utc);
        }

        /// <summary>True once SNTP (or a stored RTC on STM32) has given the board a plausible date.</summary>
        public bool IsSet
        {
            get { return DateTime.UtcNow >= EarliestValidTime; }
        }
    }
}
