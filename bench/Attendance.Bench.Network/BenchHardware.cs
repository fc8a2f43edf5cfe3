using System.Diagnostics;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Bench.Network;

/// <summary>
/// The barcode reader, scripted: each queued code comes out of one Read with its CR, as a reader sends it.
/// An empty queue answers 0 at once instead of waiting the timeout, so the benchmark loop does not sleep.
/// </summary>
internal sealed class ScriptedCardPort : ICardReaderPort
{
    private readonly Queue<byte[]> pending = new();

    public void Swipe(string code) => pending.Enqueue(Encoding.ASCII.GetBytes(code + "\r"));

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (pending.Count == 0)
        {
            return 0;
        }

        var bytes = pending.Dequeue();
        bytes.CopyTo(buffer, offset);
        return bytes.Length;
    }
}

/// <summary>Wall clock and a monotonic clock from Stopwatch, as the board's RTC and tick counter.</summary>
internal sealed class RealClock : IClock
{
    public DateTime UtcNow => DateTime.UtcNow;

    public long MonotonicMilliseconds => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;
}

/// <summary>Keeps warnings and errors, so a failed run can say why; drops the rest (the console is not timed).</summary>
internal sealed class QuietLog : IEventLog
{
    public readonly List<string> Problems = new();

    public void Write(LogLevel level, string source, string message)
    {
        if (level >= LogLevel.Warning)
        {
            lock (Problems)
            {
                Problems.Add(source + ": " + message);
            }
        }
    }
}
