// Package: nanoFramework.System.IO.FileSystem 1.1.93 (assembly System.IO.FileSystem)
// Reference API only: signatures as in nanoframework/System.IO.FileSystem at tag v1.1.93 (System.IO.FileSystem/
// File.cs, Directory.cs, DirectoryInfo.cs, FileSystemInfo.cs, FileStream.cs, FileMode.cs, FileAccess.cs), bodies throw null. Only the members this repository uses,
// the overrides Stream requires, and enums whole. README.md beside.

namespace System.IO
{
    public static class File
    {
        public static void Delete(string path) { throw null; }
        public static bool Exists(string path) { throw null; }
        public static void Move(string sourceFileName, string destFileName) { throw null; }
        public static byte[] ReadAllBytes(string path) { throw null; }
        public static string ReadAllText(string path) { throw null; }
    }

    public static class Directory
    {
        public static DirectoryInfo CreateDirectory(string path) { throw null; }
        public static bool Exists(string path) { throw null; }
        public static string[] GetFiles(string path) { throw null; }
    }

    public abstract class FileSystemInfo : MarshalByRefObject
    {
        public abstract bool Exists { get; }
        public abstract string Name { get; }
        public abstract void Delete();
        protected abstract void HandleRefreshError();
    }

    public sealed class DirectoryInfo : FileSystemInfo
    {
        public DirectoryInfo(string path) { }
        public override string Name { get { throw null; } }
        public override bool Exists { get { throw null; } }
        public override void Delete() { throw null; }
        protected override void HandleRefreshError() { throw null; }
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) { }
        public FileStream(string path, FileMode mode, FileAccess access) { }
        public override bool CanRead { get { throw null; } }
        public override bool CanSeek { get { throw null; } }
        public override bool CanWrite { get { throw null; } }
        public override long Length { get { throw null; } }
        public override long Position { get { throw null; } set { throw null; } }
        public override void Close() { throw null; }
        protected override void Dispose(bool disposing) { throw null; }
        public override void Flush() { throw null; }
        public override int Read(byte[] buffer, int offset, int count) { throw null; }
        public override int Read(SpanByte buffer) { throw null; }
        public override long Seek(long offset, SeekOrigin origin) { throw null; }
        public override void SetLength(long value) { throw null; }
        public override void Write(byte[] buffer, int offset, int count) { throw null; }
    }

    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }
}
