using System;

namespace Attendance.Core.Hardware
{
    /// <summary>
    /// Sets the wall clock (<see cref="IClock.UtcNow"/>) when SNTP has not answered and the lookup server's
    /// authenticated time is the best the terminal has (docs/protocol.md, "Time and settings from the server").
    /// On the board the real-time clock; on a PC an offset over the system clock (the PC's own clock is left alone).
    /// </summary>
    public interface IClockAdjuster
    {
        void SetUtcNow(DateTime utc);
    }
}
