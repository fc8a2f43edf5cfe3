using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>
/// <see cref="IDurableStore"/> over a local folder: one file per record. Appends and replacements are flushed
/// to the disk (fsync) before returning, and replacements go through a temporary file and a rename, so a
/// killed process or a power cut leaves either the old or the new record, as on the board's flash.
/// </summary>
public sealed class FolderDurableStore : IDurableStore
{
    private const string TemporarySuffix = ".partial";
    private readonly string folder;

    public FolderDurableStore(string folder)
    {
        this.folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(this.folder);
        foreach (var leftover in Directory.EnumerateFiles(this.folder, "*" + TemporarySuffix))
        {
            // A replacement interrupted before its rename: the old record is still in place.
            File.Delete(leftover);
        }
    }

    public string Folder => folder;

    public void Append(string name, byte[] data, int offset, int count)
    {
        using var stream = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(data, offset, count);
        stream.Flush(flushToDisk: true);
    }

    public void Replace(string name, byte[] data, int offset, int count)
    {
        var target = PathOf(name);
        var temporary = target + TemporarySuffix;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(data, offset, count);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, target, overwrite: true);
    }

    public byte[]? Read(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public void Delete(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public string[] List(string prefix)
    {
        return Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .Where(name => name != null && name.StartsWith(prefix, StringComparison.Ordinal) && !name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            .Select(name => name!)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || name.StartsWith('.'))
        {
            throw new ArgumentException("Record names are 1-64 ASCII letters, digits, '-', '_' or '.', not starting with '.': '" + name + "'", nameof(name));
        }

        return Path.Combine(folder, name);
    }
}
