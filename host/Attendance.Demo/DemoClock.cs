using Attendance.Core.Hardware;
using Attendance.Host.Adapters;

namespace Attendance.Demo;

/// <summary>
/// The system clock, whose wall time the script can move forward ("twenty minutes pass") so that a late arrival
/// takes seconds. The monotonic clock (timeouts, LED patterns) is left alone.
/// </summary>
public sealed class DemoClock : IClock
{
    private readonly SystemClock system = new();
    private long offsetTicks;

    public DateTime UtcNow => system.UtcNow.AddTicks(Interlocked.Read(ref offsetTicks));

    public long MonotonicMilliseconds => system.MonotonicMilliseconds;

    public void Advance(TimeSpan time) => Interlocked.Add(ref offsetTicks, time.Ticks);
}
