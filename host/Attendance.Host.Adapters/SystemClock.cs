using System.Diagnostics;
using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>The PC's clock: UTC wall time and a monotonic counter for timeouts and LED patterns.</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch monotonic = Stopwatch.StartNew();

    public DateTime UtcNow => DateTime.UtcNow;

    public long MonotonicMilliseconds => monotonic.ElapsedMilliseconds;
}
