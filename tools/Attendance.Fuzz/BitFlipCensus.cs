using System.Reflection;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Fuzz.Support;

namespace Attendance.Fuzz;

/// <summary>
/// Flips every bit of a valid sample of each stored record type, one at a time, and sorts the outcomes:
/// detected (the reader rejects the record or drops the damaged part), silently different (it reads back as a
/// different record: wrong data would be mailed), silently the same (the flip hit nothing the reader keeps),
/// or crashed (an exception the reader does not document).
/// </summary>
public static class BitFlipCensus
{
    public sealed record Row(string Record, int Bits, int Detected, int SilentlyDifferent, int SilentlySame, int Crashed);

    public enum Outcome
    {
        Detected,
        SilentlyDifferent,
        SilentlySame,
        Crashed,
    }

    public static Row[] Run() =>
    [
        Count("journal (open+3 swipes+close)", StoredSamples.Journal(closed: true), Journal),
        Count("outbox .roll", StoredSamples.RollRecord(StoredSamples.ThreeStudents), data => Record(data, OutboxRecords.ReadRoll)),
        Count("outbox .report", StoredSamples.ReportRecord(StoredSamples.ThreeStudents), data => Record(data, OutboxRecords.ReadReport)),
        Count("outbox .state", StoredSamples.StateRecords()[1], data => Record(data, OutboxRecords.ReadState)),
        Count("professor cache (3 codes)", StoredSamples.ProfessorCache("P1001", "P1002", "P2003"), Cache),
    ];

    private static Row Count(string name, byte[] sample, Func<byte[], string> read)
    {
        var original = read(sample);
        int detected = 0, different = 0, same = 0, crashed = 0;
        for (int bit = 0; bit < sample.Length * 8; bit++)
        {
            var flipped = (byte[])sample.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            string result;
            try
            {
                result = read(flipped);
            }
            catch (RecordFormatException)
            {
                detected++;
                continue;
            }
            catch (Exception)
            {
                crashed++;
                continue;
            }

            if (result == Rejected)
            {
                detected++;
            }
            else if (result == original)
            {
                same++;
            }
            else
            {
                different++;
            }
        }

        return new Row(name, sample.Length * 8, detected, different, same, crashed);
    }

    private const string Rejected = "\0rejected";

    /// <summary>The journal as Restore sees it: detected when it dropped bytes, else the restored roll's content.</summary>
    private static string Journal(byte[] data)
    {
        var store = new MemoryStore();
        store.Set(StoredSamples.JournalName, data);
        var roll = new AttendanceRoll(StoredSamples.RollOptions(), new FixedClock(), store, new PrefixDirectory());
        roll.Restore();
        if (roll.DroppedJournalBytes > 0)
        {
            return Rejected;
        }

        return roll.State + "|" + Describe(roll.Snapshot());
    }

    /// <summary>The cache as Load sees it: a rejected record leaves it empty; otherwise which codes it holds.</summary>
    private static string Cache(byte[] data)
    {
        var store = new MemoryStore();
        store.Set(StoredSamples.CacheName, data);
        var cache = new ProfessorCache(store, StoredSamples.CacheName, 16, 30);
        cache.Load();
        if (cache.Count == 0)
        {
            return Rejected;
        }

        var now = new FixedClock().UtcNow;
        return cache.Count + "|" + string.Join(",", new[] { "P1001", "P1002", "P2003" }.Select(code => cache.Contains(code, now)));
    }

    private static string Record<T>(byte[] data, Func<byte[], T> read) => Describe(read(data));

    /// <summary>Every public field and property, recursively through arrays: two reads compare equal only if they hold the same data.</summary>
    public static string Describe(object? value)
    {
        if (value == null)
        {
            return "null";
        }

        if (value is string or DateTime or Enum || value.GetType().IsPrimitive)
        {
            return value is DateTime time ? time.Ticks.ToString() : value.ToString()!;
        }

        if (value is System.Collections.IEnumerable items)
        {
            return "[" + string.Join(",", items.Cast<object?>().Select(Describe)) + "]";
        }

        var type = value.GetType();
        var parts = type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(field => field.Name + "=" + Describe(field.GetValue(value)))
            .Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0)
                .Select(property => property.Name + "=" + Describe(property.GetValue(value))));
        return "{" + string.Join(";", parts) + "}";
    }
}
