using Attendance.Core.Hardware;

namespace Attendance.Fuzz.Support;

/// <summary>An <see cref="IDurableStore"/> in memory, so damaged records can be planted byte for byte.</summary>
public sealed class MemoryStore : IDurableStore
{
    private readonly SortedDictionary<string, byte[]> records = new(StringComparer.Ordinal);

    public void Append(string name, byte[] data, int offset, int count)
    {
        var old = records.TryGetValue(name, out var existing) ? existing : [];
        var combined = new byte[old.Length + count];
        old.CopyTo(combined, 0);
        Array.Copy(data, offset, combined, old.Length, count);
        records[name] = combined;
    }

    public void Replace(string name, byte[] data, int offset, int count) => records[name] = data.AsSpan(offset, count).ToArray();

    public byte[] Read(string name) => records.TryGetValue(name, out var data) ? (byte[])data.Clone() : null!;

    public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
    {
        if (!records.TryGetValue(name, out var data))
        {
            return -1;
        }

        var copied = Math.Clamp(data.Length - position, 0, count);
        Array.Copy(data, position, buffer, offset, copied);
        return copied;
    }

    public int Length(string name) => records.TryGetValue(name, out var data) ? data.Length : -1;

    public void Delete(string name) => records.Remove(name);

    public string[] List(string prefix) => records.Keys.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

    public void Set(string name, byte[]? data)
    {
        if (data == null)
        {
            records.Remove(name);
        }
        else
        {
            records[name] = data;
        }
    }

    public string[] Names => records.Keys.ToArray();

    public MemoryStore Clone()
    {
        var copy = new MemoryStore();
        foreach (var (name, data) in records)
        {
            copy.records[name] = (byte[])data.Clone();
        }

        return copy;
    }
}
