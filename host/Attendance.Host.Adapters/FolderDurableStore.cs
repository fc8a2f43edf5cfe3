using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>
/// <see cref="IDurableStore"/> over a local folder: one file per record. Appends and replacements are flushed
/// to the disk (fsync) before returning, and replacements go through a temporary file and a rename, so a
/// killed process or a power cut leaves either the old or the new record, as on the board's flash. After a
/// rename, a delete or the creation of a record the folder itself is flushed too (<see cref="DirectorySync"/>):
/// without that a power cut can forget a rename or a delete that had already returned (ext4, XFS).
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

    /// <summary>Times the folder was flushed (fsync on the directory succeeded), for tests and diagnostics.</summary>
    public int FolderFlushes { get; private set; }

    /// <summary>False once the platform or file system has shown it cannot flush a folder.</summary>
    public bool FolderFlushSupported { get; private set; } = DirectorySync.IsAvailable;

    public void Append(string name, byte[] data, int offset, int count)
    {
        var path = PathOf(name);
        var created = !File.Exists(path);
        using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            stream.Write(data, offset, count);
            stream.Flush(flushToDisk: true);
        }

        if (created)
        {
            // A new file's name lives in the folder: flush it too, or a power cut may lose the whole record.
            FlushFolder();
        }
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
        FlushFolder();
    }

    public byte[]? Read(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return -1;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (position >= stream.Length)
            {
                return 0;
            }

            stream.Seek(position, SeekOrigin.Begin);
            return stream.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
        }
        catch (FileNotFoundException)
        {
            return -1;
        }
    }

    public int Length(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? (int)info.Length : -1;
    }

    public void Delete(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            File.Delete(path);
            FlushFolder();
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

    private void FlushFolder()
    {
        if (!FolderFlushSupported)
        {
            return;
        }

        if (DirectorySync.Flush(folder) == DirectorySyncResult.Synced)
        {
            FolderFlushes++;
        }
        else
        {
            FolderFlushSupported = false;
        }
    }

    private string PathOf(string name)
    {
        // Up to 128 characters: outbox record names hold the roll identity (terminal id of up to 32 characters,
        // opening time, roll number), escaped, between a prefix and a suffix.
        if (string.IsNullOrEmpty(name) || name.Length > 128 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || name.StartsWith('.'))
        {
            throw new ArgumentException("Record names are 1-128 ASCII letters, digits, '-', '_' or '.', not starting with '.': '" + name + "'", nameof(name));
        }

        return Path.Combine(folder, name);
    }
}
