using System.Diagnostics;
using Attendance.Core.Hardware;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// Log lines on the debug channel (Visual Studio Output window, or the serial console with nanoff/serial
    /// monitor). Lines below <see cref="MinimumLevel"/> are dropped to save time on the board.
    /// </summary>
    public sealed class DebugEventLog : IEventLog
    {
        public DebugEventLog(LogLevel minimumLevel)
        {
            MinimumLevel = minimumLevel;
        }

        public LogLevel MinimumLevel { get; private set; }

        public void Write(LogLevel level, string source, string message)
        {
            if (level < MinimumLevel)
            {
                return;
            }

            Debug.WriteLine(LevelName(level) + " " + source + ": " + message);
        }

        private static string LevelName(LogLevel level)
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
