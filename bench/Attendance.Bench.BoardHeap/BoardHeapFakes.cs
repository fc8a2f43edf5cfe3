using System;
using System.Collections;
using Attendance.Core.Hardware;
using Attendance.Core.Mail.Message;
using Attendance.Core.Tests.Fakes;

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

    /// <summary>Hands out one prepared connection (the settings scenario's server).</summary>
    public class SingleConnectionConnector : INetworkConnector
    {
        private INetworkConnection _connection;

        public SingleConnectionConnector(INetworkConnection connection)
        {
            _connection = connection;
        }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            INetworkConnection connection = _connection;
            _connection = null;
            if (connection == null)
            {
                throw new NetworkException(NetworkFailure.Unreachable, "the bench's one connection is used");
            }

            return connection;
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            throw new NetworkException(NetworkFailure.TlsFailed, "the bench has no TLS");
        }
    }

    /// <summary>
    /// The flash of the heap probe. The nanoCLR on Linux has no file system, so the records live in one byte array
    /// of <see cref="FlashBytes"/> allocated before anything is measured, by every scenario including "idle": the
    /// smallest heap minus idle then counts what the terminal itself holds, not what a board keeps on flash.
    /// Records are extents of that array (a bump allocator, never reclaimed: one run writes far less than its
    /// size); an append to the record written last grows it in place, any other append moves the record to the
    /// top first. The directory (name to start and length) is a few small objects, counted against the program.
    /// Reads copy into the caller's buffer, as a file read does.
    /// </summary>
    public class BenchStore : IDurableStore
    {
        /// <summary>Size of the stand-in flash; a run that needs more fails (and says so).</summary>
        public const int FlashBytes = 320 * 1024;

        private static readonly byte[] Flash = new byte[FlashBytes];

        private static int _top;

        private readonly Hashtable _records = new Hashtable();

        /// <summary>Most flash bytes written by a run (the bump allocator's top).</summary>
        public static int PeakBytesHeld
        {
            get { return _top; }
        }

        /// <summary>Allocates the stand-in flash now (the "idle" scenario calls it, so idle includes it).</summary>
        public static int Reserve()
        {
            return Flash.Length;
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            int[] extent = (int[])_records[name];
            if (extent == null)
            {
                extent = new int[] { _top, 0 };
                _records[name] = extent;
            }
            else if (extent[0] + extent[1] != _top)
            {
                // Not the last record written: move it to the top, then it grows in place.
                Room(extent[1]);
                Array.Copy(Flash, extent[0], Flash, _top, extent[1]);
                extent[0] = _top;
                _top += extent[1];
            }

            Room(count);
            Array.Copy(data, offset, Flash, _top, count);
            _top += count;
            extent[1] += count;
        }

        public void Replace(string name, byte[] data, int offset, int count)
        {
            Room(count);
            Array.Copy(data, offset, Flash, _top, count);
            int[] extent = (int[])_records[name];
            if (extent == null)
            {
                _records[name] = new int[] { _top, count };
            }
            else
            {
                extent[0] = _top;
                extent[1] = count;
            }

            _top += count;
        }

        public byte[] Read(string name)
        {
            int[] extent = (int[])_records[name];
            if (extent == null)
            {
                return null;
            }

            byte[] copy = new byte[extent[1]];
            Array.Copy(Flash, extent[0], copy, 0, extent[1]);
            return copy;
        }

        public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
        {
            int[] extent = (int[])_records[name];
            if (extent == null)
            {
                return -1;
            }

            int available = extent[1] - position;
            int copied = available <= 0 ? 0 : (available < count ? available : count);
            if (copied > 0)
            {
                Array.Copy(Flash, extent[0] + position, buffer, offset, copied);
            }

            return copied;
        }

        public int Length(string name)
        {
            int[] extent = (int[])_records[name];
            return extent == null ? -1 : extent[1];
        }

        public void Delete(string name)
        {
            _records.Remove(name);
        }

        public string[] List(string prefix)
        {
            ArrayList names = new ArrayList();
            foreach (DictionaryEntry entry in _records)
            {
                string name = (string)entry.Key;
                if (name.StartsWith(prefix))
                {
                    names.Add(name);
                }
            }

            string[] sorted = (string[])names.ToArray(typeof(string));
            InMemoryDurableStore.SortOrdinal(sorted);
            return sorted;
        }

        private static void Room(int count)
        {
            if (_top + count > Flash.Length)
            {
                throw new InvalidOperationException("the heap probe's stand-in flash is full (" + FlashBytes.ToString() + " bytes)");
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
