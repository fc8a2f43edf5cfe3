namespace Attendance.Core.Hardware
{
    /// <summary>
    /// Where Core reports what happened: on the board a <see cref="Attendance.Core.Logging.RingEventLog"/> (the last
    /// lines in RAM, and the debug port), on a PC the console.
    /// Callers never pass secrets: passwords and keys are redacted before a line is built.
    /// </summary>
    public interface IEventLog
    {
        void Write(LogLevel level, string source, string message);
    }
}
