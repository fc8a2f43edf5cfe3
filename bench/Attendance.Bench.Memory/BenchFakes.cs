using Attendance.Core.Hardware;
using Attendance.Core.Lookup;

namespace Attendance.Bench.Memory;

/// <summary>A fixed, set clock.</summary>
internal sealed class FixedClock : IClock
{
    public DateTime UtcNow { get; set; } = new DateTime(2026, 11, 23, 8, 15, 0, DateTimeKind.Utc);

    public long MonotonicMilliseconds => 0;
}

/// <summary>
/// Discards writes: on the board the journal goes to flash, not to the managed heap, so keeping it in memory
/// here would measure the fake store instead of the roll.
/// </summary>
internal sealed class DiscardingStore : IDurableStore
{
    public void Append(string name, byte[] data, int offset, int count)
    {
    }

    public void Replace(string name, byte[] data, int offset, int count)
    {
    }

    public byte[]? Read(string name) => null;

    public int ReadAt(string name, int position, byte[] buffer, int offset, int count) => -1;

    public int Length(string name) => -1;

    public void Delete(string name)
    {
    }

    public string[] List(string prefix) => Array.Empty<string>();
}

internal sealed class OneProfessor : IProfessorDirectory
{
    public string? FindProfessorEmail(string cardCode) => cardCode == RollMemoryBenchmark.ProfessorCode ? "p@uni.example" : null;
}
