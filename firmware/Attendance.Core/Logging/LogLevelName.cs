using Attendance.Core.Hardware;

namespace Attendance.Core.Logging
{
    /// <summary>The three-letter level names of the board's log lines and of the log ring.</summary>
    public static class LogLevelName
    {
        public static string Of(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug: return "DBG";
                case LogLevel.Information: return "INF";
                case LogLevel.Warning: return "WRN";
                default: return "ERR";
            }
        }
    }
}
