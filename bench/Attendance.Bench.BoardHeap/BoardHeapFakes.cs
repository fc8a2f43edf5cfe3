using System;
using System.Collections;
using Attendance.Core.Hardware;
using Attendance.Core.Mail.Message;

namespace Attendance.Bench.BoardHeap
{
    /// <summary>Connects the lookup host to a <see cref="BenchLookupConnection"/> and the SMTP host to a <see cref="DiscardingSmtpConnection"/>.</summary>
    public class BenchConnector : INetworkConnector
    {
        public const string LookupHost = "lookup.bench.example";
        public const string SmtpHost = "smtp.bench.example";

        private readonly byte[] _key;

        public BenchConnector(byte[] key)
        {
            _key = key;
        }

        public int Connects { get; private set; }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            Connects++;
            if (host == LookupHost)
            {
                return new BenchLookupConnection(_key);
            }

            if (host == SmtpHost)
            {
                return new DiscardingSmtpConnection();
            }

            throw new NetworkException(NetworkFailure.Unreachable, "bench has no host " + host);
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            throw new NetworkException(NetworkFailure.TlsFailed, "the bench has no TLS");
        }
    }

    /// <summary>
    /// The flash of the heap probe, held in the heap (the nanoCLR on Linux has no file system): one growable buffer
    /// per record, appended in place (amortised doubling) rather than copied whole at each append, and read as a
    /// copy, as a file read on the board returns one. <see cref="BytesHeld"/> tells what it holds, so its share of
    /// a measured heap can be taken off.
    /// </summary>
    public class BenchStore : IDurableStore
    {
        private readonly Hashtable _buffers = new Hashtable();
        private readonly Hashtable _lengths = new Hashtable();

        /// <summary>Most bytes held (buffer capacities) at any time.</summary>
        public static int PeakBytesHeld;

        public int BytesHeld
        {
            get
            {
                int total = 0;
                foreach (DictionaryEntry entry in _buffers)
                {
                    total += ((byte[])entry.Value).Length;
                }

                return total;
            }
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            byte[] buffer = (byte[])_buffers[name];
            int length = buffer == null ? 0 : (int)_lengths[name];
            if (buffer == null || length + count > buffer.Length)
            {
                int size = buffer == null ? 64 : buffer.Length;
                while (size < length + count)
                {
                    size *= 2;
                }

                byte[] grown = new byte[size];
                if (buffer != null)
                {
                    Array.Copy(buffer, grown, length);
                }

                buffer = grown;
                _buffers[name] = buffer;
            }

            Array.Copy(data, offset, buffer, length, count);
            _lengths[name] = length + count;
            NoteSize();
        }

        public void Replace(string name, byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            _buffers[name] = copy;
            _lengths[name] = count;
            NoteSize();
        }

        public byte[] Read(string name)
        {
            byte[] buffer = (byte[])_buffers[name];
            if (buffer == null)
            {
                return null;
            }

            int length = (int)_lengths[name];
            byte[] copy = new byte[length];
            Array.Copy(buffer, copy, length);
            return copy;
        }

        public void Delete(string name)
        {
            _buffers.Remove(name);
            _lengths.Remove(name);
        }

        public string[] List(string prefix)
        {
            ArrayList names = new ArrayList();
            foreach (DictionaryEntry entry in _buffers)
            {
                string name = (string)entry.Key;
                if (name.StartsWith(prefix))
                {
                    names.Add(name);
                }
            }

            // Sorted by ordinal order, as the tests' InMemoryDurableStore lists them (insertion sort: few names).
            string[] sorted = (string[])names.ToArray(typeof(string));
            for (int index = 1; index < sorted.Length; index++)
            {
                string current = sorted[index];
                int position = index - 1;
                while (position >= 0 && CompareOrdinal(sorted[position], current) > 0)
                {
                    sorted[position + 1] = sorted[position];
                    position--;
                }

                sorted[position + 1] = current;
            }

            return sorted;
        }

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

        private void NoteSize()
        {
            int held = BytesHeld;
            if (held > PeakBytesHeld)
            {
                PeakBytesHeld = held;
            }
        }
    }

    /// <summary>A log that keeps nothing (the board's goes to the UART).</summary>
    public class NullLog : IEventLog
    {
        public int Lines { get; private set; }

        public void Write(LogLevel level, string source, string message)
        {
            Lines++;
        }
    }

    /// <summary>Takes the message's bytes and keeps only their count.</summary>
    public class DiscardingMessageSink : IMessageSink
    {
        public long Bytes { get; private set; }

        public void Write(byte[] buffer, int offset, int count)
        {
            Bytes += count;
        }
    }
}
