using Attendance.Core.Hardware;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// The outbox's store with the outbox's lock taken around each call: the network worker reads and writes
    /// large records piece by piece through it while the door loop may be storing a new roll, and each piece
    /// waits at most for one small flash operation of the other (never for the network).
    /// </summary>
    public class GatedStore : IDurableStore
    {
        private readonly IDurableStore _inner;
        private readonly object _gate;

        public GatedStore(IDurableStore inner, object gate)
        {
            _inner = inner;
            _gate = gate;
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            lock (_gate)
            {
                _inner.Append(name, data, offset, count);
            }
        }

        public void Replace(string name, byte[] data, int offset, int count)
        {
            lock (_gate)
            {
                _inner.Replace(name, data, offset, count);
            }
        }

        public byte[] Read(string name)
        {
            lock (_gate)
            {
                return _inner.Read(name);
            }
        }

        public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                return _inner.ReadAt(name, position, buffer, offset, count);
            }
        }

        public int Length(string name)
        {
            lock (_gate)
            {
                return _inner.Length(name);
            }
        }

        public void Delete(string name)
        {
            lock (_gate)
            {
                _inner.Delete(name);
            }
        }

        public string[] List(string prefix)
        {
            lock (_gate)
            {
                return _inner.List(prefix);
            }
        }
    }
}
