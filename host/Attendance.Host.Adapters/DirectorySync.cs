using System.Runtime.InteropServices;

namespace Attendance.Host.Adapters;

/// <summary>
/// Makes a folder's entries durable: after a rename or a delete the new name (or its absence) is only on the
/// disk once the folder itself is flushed (POSIX fsync(2) on the directory; ext4 and XFS need it for a rename
/// to survive a power cut). .NET offers no way to open a directory as a file handle (FileStream and
/// File.OpenHandle refuse directories), so on Linux, macOS and FreeBSD this calls libc: open(dir, O_RDONLY),
/// fsync, close. Where that does not exist (Windows: NTFS journals its metadata and a completed MoveFileEx is
/// durable enough for this store) or the file system cannot flush a directory (fsync answers EINVAL or
/// ENOTSUP, as /proc or some network mounts do), it reports <see cref="DirectorySyncResult.Unsupported"/> and
/// the caller goes on: the data itself was already flushed. A real I/O error (EIO) throws, because then the
/// rename may not be on the disk.
/// </summary>
public static partial class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY, the same on every POSIX system
    private const int InvalidArgument = 22; // EINVAL (Linux, macOS, FreeBSD)
    private const int NotSupportedLinux = 95; // EOPNOTSUPP / ENOTSUP on Linux
    private const int NotSupportedBsd = 45; // ENOTSUP / EOPNOTSUPP on macOS, FreeBSD
    private const int Interrupted = 4; // EINTR

    private static bool libcMissing;

    /// <summary>True where a directory can be flushed at all (a POSIX system with libc).</summary>
    public static bool IsAvailable =>
        !libcMissing && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD());

    /// <summary>Flushes <paramref name="folder"/>'s entries to the disk; see the class remarks for what it cannot do.</summary>
    public static DirectorySyncResult Flush(string folder)
    {
        if (!IsAvailable)
        {
            return DirectorySyncResult.Unsupported;
        }

        int descriptor;
        try
        {
            descriptor = Open(folder, ReadOnly);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            libcMissing = true;
            return DirectorySyncResult.Unsupported;
        }

        if (descriptor < 0)
        {
            throw new IOException("Cannot open folder " + folder + " to flush it: errno " + Marshal.GetLastPInvokeError());
        }

        try
        {
            while (true)
            {
                if (Fsync(descriptor) == 0)
                {
                    return DirectorySyncResult.Synced;
                }

                int error = Marshal.GetLastPInvokeError();
                if (error == Interrupted)
                {
                    continue;
                }

                if (error == InvalidArgument || error == NotSupportedLinux || error == NotSupportedBsd)
                {
                    return DirectorySyncResult.Unsupported;
                }

                throw new IOException("Flushing folder " + folder + " failed: errno " + error);
            }
        }
        finally
        {
            Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}

/// <summary>What <see cref="DirectorySync.Flush"/> could do.</summary>
public enum DirectorySyncResult
{
    /// <summary>fsync on the folder succeeded: renames and deletes in it are on the disk.</summary>
    Synced,

    /// <summary>This platform or file system cannot flush a folder; nothing more can be done from here.</summary>
    Unsupported,
}
