using Attendance.Core.Roll;
using Attendance.Fuzz.Support;

namespace Attendance.Fuzz.Targets;

/// <summary>The offline professor cache read back at start-up (ProfessorCache.Load); a damaged record leaves it empty.</summary>
public sealed class ProfessorCacheTarget : FuzzTarget
{
    public override string Name => "professor-cache";

    public override byte[][] Samples { get; } = [StoredSamples.ProfessorCache("P1001", "P1002", "P12345678901234567890"), StoredSamples.ProfessorCache("P1")];

    public override byte[] Repair(byte[] input, Random random)
    {
        if (input.Length < 6)
        {
            return input;
        }

        var data = (byte[])input.Clone();
        LittleEndian.WriteUInt32(data, data.Length - 4, Crc32.Compute(data, 0, data.Length - 4));
        return data;
    }

    public override void Run(byte[] input)
    {
        var store = new MemoryStore();
        store.Set(StoredSamples.CacheName, input);
        var cache = new ProfessorCache(store, StoredSamples.CacheName, 16, 30);
        cache.Load();
        var now = new FixedClock().UtcNow;
        cache.Contains("P1001", now);
        cache.Contains("P1001".ToCharArray(), 5, now);
        cache.Confirm("P2002", now);
        cache.Load();
    }
}
