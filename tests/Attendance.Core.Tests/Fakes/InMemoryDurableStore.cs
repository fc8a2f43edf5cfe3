using System;
using System.Collections;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// Durable records kept in a Hashtable. Tests simulate power cuts and flash faults by replacing a record's
    /// bytes with <see cref="SetBytes"/> (e.g. a truncated copy), and can make writes fail with <see cref="FailWrites"/>.
    /// </summary>
    public class InMemoryDurableStore : IDurableStore
    {
        private readonly Hashtable records = new Hashtable();

        /// <summary>When true, Append and Replace throw <see cref="InvalidOperationException"/> (full or broken flash).</summary>
        public bool FailWrites { get; set; }

        /// <summary>Number of Append and Replace calls that succeeded.</summary>
        public int WriteCount { get; private set; }

        public void Append(string name, byte[] data, int offset, int count)
        {
            CheckWritable();
            byte[] old = Read(name);
            int oldLength = old == null ? 0 : old.Length;
            byte[] combined = new byte[oldLength + count];
            if (old != null)
            {
                Array.Copy(old, combined, oldLength);
            }

            Array.Copy(data, offset, combined, oldLength, count);
            records[name] = combined;
            WriteCount++;
        }

        public void Replace(string name, byte[] data, int offset, int count)
        {
            CheckWritable();
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            records[name] = copy;
            WriteCount++;
        }

        public byte[] Read(string name)
        {
            byte[] stored = (byte[])records[name];
            if (stored == null)
            {
                return null;
            }

            byte[] copy = new byte[stored.Length];
            Array.Copy(stored, copy, stored.Length);
            return copy;
        }

        public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
        {
            byte[] stored = (byte[])records[name];
            if (stored == null)
            {
                return -1;
            }

            int available = stored.Length - position;
            int copied = available <= 0 ? 0 : (available < count ? available : count);
            if (copied > 0)
            {
                Array.Copy(stored, position, buffer, offset, copied);
            }

            return copied;
        }

        public int Length(string name)
        {
            byte[] stored = (byte[])records[name];
            return stored == null ? -1 : stored.Length;
        }

        public void Delete(string name)
        {
            records.Remove(name);
        }

        public string[] List(string prefix)
        {
            ArrayList names = new ArrayList();
            foreach (object key in records.Keys)
            {
                string name = (string)key;
                if (name.StartsWith(prefix))
                {
                    names.Add(name);
                }
            }

            string[] sorted = (string[])names.ToArray(typeof(string));
            SortOrdinal(sorted);
            return sorted;
        }

        /// <summary>Number of records held.</summary>
        public int Count
        {
            get { return records.Count; }
        }

        /// <summary>Keeps only the first <paramref name="keep"/> bytes of a record, as a power cut during an append would.</summary>
        public void Tear(string name, int keep)
        {
            byte[] stored = (byte[])records[name];
            byte[] torn = new byte[keep];
            Array.Copy(stored, torn, keep);
            records[name] = torn;
        }

        /// <summary>Replaces a record's bytes directly (a power cut or a flash fault); null deletes it.</summary>
        public void SetBytes(string name, byte[] bytes)
        {
            if (bytes == null)
            {
                records.Remove(name);
            }
            else
            {
                records[name] = bytes;
            }
        }

        private void CheckWritable()
        {
            if (FailWrites)
            {
                throw new InvalidOperationException("The store refuses writes (simulated flash fault).");
            }
        }

        /// <summary>Sorts record names in ordinal order, as the stores list them (also used by the heap probe's store).</summary>
        public static void SortOrdinal(string[] names)
        {
            // Insertion sort: few names, and the board has no generic Array.Sort.
            for (int index = 1; index < names.Length; index++)
            {
                string current = names[index];
                int position = index - 1;
                while (position >= 0 && CompareOrdinal(names[position], current) > 0)
                {
                    names[position + 1] = names[position];
                    position--;
                }

                names[position + 1] = current;
            }
        }

        // The board's string.Compare is not specified as ordinal and the host's is culture-aware: compare chars.
        private static int CompareOrdinal(string left, string right)
        {
            int shorter = left.Length < right.Length ? left.Length : right.Length;
            for (int index = 0; index < shorter; index++)
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
