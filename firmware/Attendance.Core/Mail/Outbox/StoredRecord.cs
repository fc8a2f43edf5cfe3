using Attendance.Core.Hardware;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// One named record of the durable store, read in pieces through a caller's buffer so that a roll or a report
    /// of any size never sits in the board's heap as a whole (a 400-student report is about 40 KB; an ESP32
    /// without PSRAM has about 100 KB of managed heap). The outbox reads through <see cref="GatedStore"/>, so its
    /// lock is taken per piece and never across a network call.
    /// </summary>
    public class StoredRecord
    {
        private readonly IDurableStore _store;

        public StoredRecord(IDurableStore store, string name)
        {
            _store = store;
            Name = name;
        }

        public string Name { get; private set; }

        /// <summary>See <see cref="IDurableStore.ReadAt"/>: bytes copied, 0 at the end, -1 when the record is gone.</summary>
        public int ReadAt(int position, byte[] buffer, int offset, int count)
        {
            return _store.ReadAt(Name, position, buffer, offset, count);
        }

        /// <summary>The record's size, or -1 when it does not exist.</summary>
        public int Length()
        {
            return _store.Length(Name);
        }

        /// <summary>
        /// Copies the record to <paramref name="target"/> piece by piece (the first replaces, the rest append);
        /// false when there was nothing to copy. 
        /// </summary>
        public static bool Copy(IDurableStore store, string source, string target, byte[] buffer)
        {
            int position = 0;
            while (true)
            {
                int read = store.ReadAt(source, position, buffer, 0, buffer.Length);
                if (read < 0 || (read == 0 && position > 0))
                {
                    return position > 0;
                }

                if (position == 0)
                {
                    store.Replace(target, buffer, 0, read);
                }
                else
                {
                    store.Append(target, buffer, 0, read);
                }

                position += read;
                if (read == 0)
                {
                    return true;
                }
            }
        }
    }
}
