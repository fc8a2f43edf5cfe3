using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>Event lines with UTC time and level, to a text writer (standard error by default).</summary>
public sealed class ConsoleEventLog : IEventLog
{
    private readonly TextWriter writer;
    private readonly LogLevel minimum;
    private readonly object gate = new();

    public ConsoleEventLog(TextWriter writer, LogLevel minimum)
    {
        this.writer = writer;
        this.minimum = minimum;
    }

    public void Write(LogLevel level, string source, string message)
    {
        if (level < minimum)
        {
            return;
        }

        lock (gate)
        {
            writer.WriteLine("{0:HH:mm:ss.fff} {1,-5} {2}: {3}", DateTime.UtcNow, Abbreviation(level), source, message);
            writer.Flush();
        }
    }

    private static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        _ => "error",
    };
}
