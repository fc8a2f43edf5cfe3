namespace Attendance.Core.Roll
{
    /// <summary>Where the roll is. One step function (<see cref="AttendanceRoll.Swipe(char[], int)"/>) moves it.</summary>
    public enum RollState
    {
        /// <summary>No roll: waiting for a professor's card (red LED).</summary>
        Closed = 0,

        /// <summary>Taking student swipes (green LED).</summary>
        Open = 1,

        /// <summary>
        /// Closed by the professor or automatically, not yet handed over: the caller takes
        /// <see cref="AttendanceRoll.BeginClose"/>, stores it in the outbox, then calls
        /// <see cref="AttendanceRoll.CompleteClose"/>. Survives a reboot.
        /// </summary>
        Closing = 2,
    }
}
