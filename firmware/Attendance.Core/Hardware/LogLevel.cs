namespace Attendance.Core.Hardware
{
    /// <summary>Severity of an <see cref="IEventLog"/> line.</summary>
    public enum LogLevel
    {
        Debug = 0,
        Information = 1,
        Warning = 2,
        Error = 3,
    }
}
