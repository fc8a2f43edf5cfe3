using System.Collections;
using System.IO;
using Attendance.Core.Hardware;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// Records as files in one folder of the board's file system (ESP32 internal flash I:, STM32 microSD D:).
    /// Replace is atomic against power cuts without relying on an overwriting rename, which nanoFramework's
    /// File.Move refuses (it throws when the destination exists):
    ///   1. write "name~tmp", flush, close;   2. rename it to "name~new" (complete from now on);
    ///   3. delete "name";                      4. rename "name~new" to "name".
    /// On reading, a left-over "name~new" is complete and wins (steps 3-4 are finished), a left-over "name~tmp"
    /// is torn and discarded. '~' cannot appear in record names (IDurableStore allows letters, digits, '-', '_', '.').
    /// nanoFramework has no fsync: Flush hands the bytes to the file system driver, and a FAT microSD card is not
    /// power-safe; docs/roll.md ("Durable stores") says what this store guarantees and what it does not.
    /// </summary>
    public sealed class FlashDurableStore : IDurableStore
    {
        private const string TemporarySuffix = "~tmp";
        private const string CompleteSuffix = "~new";

        private readonly string _folder;
        private readonly object _lock = new object();

        /// <param name="folder">Absolute folder ending with a backslash, e.g. "I:\\attendance\\"; created if missing.</param>
        public FlashDurableStore(string folder)
        {
            _folder = folder;
            if (!Directory.Exists(_folder))
            {
                Directory.CreateDirectory(_folder);
            }

            lock (_lock)
            {
                RecoverAll();
            }
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            lock (_lock)
            {
                Recover(name);
                using (var stream = new FileStream(PathOf(name), FileMode.Append))
                {
                    stream.Write(data, offset, count);
                    stream.Flush();
                }
            }
        }

        public void Replace(string name, byte[] data, int offset, int count)
        {
            lock (_lock)
            {
                string path = PathOf(name);
                string temporary = path + TemporarySuffix;
                string complete = path + CompleteSuffix;
                DeleteIfExists(temporary);
                DeleteIfExists(complete);
                using (var stream = new FileStream(temporary, FileMode.Create))
                {
                    stream.Write(data, offset, count);
                    stream.Flush();
                }

                File.Move(temporary, complete);
                DeleteIfExists(path);
                File.Move(complete, path);
            }
        }

        public byte[] Read(string name)
        {
            lock (_lock)
            {
                Recover(name);
                string path = PathOf(name);
                return File.Exists(path) ? File.ReadAllBytes(path) : null;
            }
        }

        public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
        {
            lock (_lock)
            {
                using (FileStream stream = OpenForReading(name))
                {
                    if (stream == null)
                    {
                        return -1;
                    }

                    if (position >= stream.Length)
                    {
                        return 0;
                    }

                    stream.Seek(position, SeekOrigin.Begin);
                    int total = 0;
                    while (total < count)
                    {
                        int read = stream.Read(buffer, offset + total, count - total);
                        if (read <= 0)
                        {
                            break;
                        }

                        total += read;
                    }

                    return total;
                }
            }
        }

        public int Length(string name)
        {
            lock (_lock)
            {
                using (FileStream stream = OpenForReading(name))
                {
                    return stream == null ? -1 : (int)stream.Length;
                }
            }
        }

        /// <summary>The record opened for reading after any interrupted replace is finished; null when it does not exist. The caller holds the lock.</summary>
        private FileStream OpenForReading(string name)
        {
            Recover(name);
            string path = PathOf(name);
            return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read) : null;
        }

        public void Delete(string name)
        {
            lock (_lock)
            {
                string path = PathOf(name);
                DeleteIfExists(path + TemporarySuffix);
                DeleteIfExists(path + CompleteSuffix);
                DeleteIfExists(path);
            }
        }

        public string[] List(string prefix)
        {
            lock (_lock)
            {
                RecoverAll();
                var names = new ArrayList();
                string[] files = Directory.GetFiles(_folder);
                for (int index = 0; index < files.Length; index++)
                {
                    string name = FileName(files[index]);
                    if (name.IndexOf('~') < 0 && name.StartsWith(prefix))
                    {
                        InsertOrdinal(names, name);
                    }
                }

                var result = new string[names.Count];
                names.CopyTo(result);
                return result;
            }
        }

        /// <summary>Finishes or discards an interrupted <see cref="Replace"/> of one record.</summary>
        private void Recover(string name)
        {
            string path = PathOf(name);
            DeleteIfExists(path + TemporarySuffix);
            if (File.Exists(path + CompleteSuffix))
            {
                DeleteIfExists(path);
                File.Move(path + CompleteSuffix, path);
            }
        }

        private void RecoverAll()
        {
            string[] files = Directory.GetFiles(_folder);
            for (int index = 0; index < files.Length; index++)
            {
                string name = FileName(files[index]);
                int mark = name.IndexOf('~');
                if (mark > 0)
                {
                    Recover(name.Substring(0, mark));
                }
            }
        }

        private string PathOf(string name)
        {
            return _folder + name;
        }

        private static void DeleteIfExists(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        private static string FileName(string path)
        {
            int slash = path.LastIndexOfAny(new char[] { '\\', '/' });
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        /// <summary>Keeps <paramref name="names"/> sorted by UTF-16 code unit (ordinal), as IDurableStore promises.</summary>
        private static void InsertOrdinal(ArrayList names, string name)
        {
            int position = names.Count;
            while (position > 0 && CompareOrdinal((string)names[position - 1], name) > 0)
            {
                position--;
            }

            names.Insert(position, name);
        }

        private static int CompareOrdinal(string left, string right)
        {
            int length = left.Length < right.Length ? left.Length : right.Length;
            for (int index = 0; index < length; index++)
            {
                if (left[index] != right[index])
                {
                    return left[index] - right[index];
                }
            }

            return left.Length - right.Length;
        }
    }
}
