using System;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// Turns stored ticks back into a UTC time. Times that were never set are stored as 0 ticks
    /// (default(DateTime) on the host), but the board's DateTime starts at 1601-01-01 and its constructor throws
    /// below that, so anything at or below DateTime.MinValue reads back as DateTime.MinValue ("not set") on both.
    /// </summary>
    public static class UtcTicks
    {
        public static DateTime ToDateTime(long ticks)
        {
            return ticks <= DateTime.MinValue.Ticks ? DateTime.MinValue : new DateTime(ticks);
        }
    }
}
