namespace Attendance.Core.Hardware
{
    /// <summary>
    /// Where Core reports what happened (debug output on the board, console or file on a PC).
    /// Callers never pass secrets: passwords and keys are redacted before a line is built.
    /// </summary>
    public interface IEventLog
    {
        void Write(LogLevel level, string source, string message);
    }
}
