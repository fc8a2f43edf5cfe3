using System;
using System.Collections;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>An in-memory durable store; survives "reboots" by being handed to a new Outbox.</summary>
    public class MailMemoryStore : IDurableStore
    {
        private readonly Hashtable _records = new Hashtable();

        public int Replaces { get; private set; }

        public void Append(string name, byte[] data, int offset, int count)
        {
            byte[] existing = (byte[])_records[name];
            int length = existing == null ? 0 : existing.Length;
            byte[] combined = new byte[length + count];
            if (existing != null)
            {
                Array.Copy(existing, combined, length);
            }

            Array.Copy(data, offset, combined, length, count);
            _records[name] = combined;
        }

        public void Replace(string name, byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            _records[name] = copy;
            Replaces++;
        }

        public byte[] Read(string name)
        {
            byte[] data = (byte[])_records[name];
            if (data == null)
            {
                return null;
            }

            byte[] copy = new byte[data.Length];
            Array.Copy(data, copy, data.Length);
            return copy;
        }

        public void Delete(string name)
        {
            _records.Remove(name);
        }

        public string[] List(string prefix)
        {
            ArrayList names = new ArrayList();
            foreach (object key in _records.Keys)
            {
                string name = (string)key;
                if (name.StartsWith(prefix))
                {
                    names.Add(name);
                }
            }

            string[] sorted = new string[names.Count];
            names.CopyTo(sorted);
            for (int i = 1; i < sorted.Length; i++)
            {
                string value = sorted[i];
                int j = i - 1;
                while (j >= 0 && string.Compare(sorted[j], value) > 0)
                {
                    sorted[j + 1] = sorted[j];
                    j--;
                }

                sorted[j + 1] = value;
            }

            return sorted;
        }

        /// <summary>Truncates a record, as a power cut during an append would.</summary>
        public void Tear(string name, int keep)
        {
            byte[] data = (byte[])_records[name];
            byte[] torn = new byte[keep];
            Array.Copy(data, torn, keep);
            _records[name] = torn;
        }

        public int Count
        {
            get { return _records.Count; }
        }
    }
}
