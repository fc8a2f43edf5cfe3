using Attendance.Core.Hardware;
using Attendance.Core.Mail.Message;

namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// The DATA stream: doubles a '.' that begins a line (RFC 5321 section 4.5.2) so the server never mistakes
    /// message text for the end, and ends with CRLF "." CRLF (section 4.1.1.4). Writes go to the connection in
    /// chunks of the buffer's size.
    /// </summary>
    public class DotStuffingSink : IMessageSink
    {
        private readonly INetworkConnection _connection;
        private readonly byte[] _buffer;
        private int _used;
        private bool _atLineStart = true;
        private byte _previous;
        private long _total;

        public DotStuffingSink(INetworkConnection connection, int bufferSize)
        {
            _connection = connection;
            _buffer = new byte[bufferSize];
        }

        /// <summary>Bytes sent, including stuffed dots and the terminator.</summary>
        public long TotalBytes
        {
            get { return _total; }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                byte value = buffer[i];
                if (_atLineStart && value == (byte)'.')
                {
                    Put((byte)'.');
                }

                Put(value);
                _atLineStart = _previous == 13 && value == 10;
                _previous = value;
            }
        }

        /// <summary>Ends the data: a CRLF if the message did not end with one, then "." CRLF, and flushes.</summary>
        public void Finish()
        {
            if (!_atLineStart)
            {
                Put(13);
                Put(10);
            }

            Put((byte)'.');
            Put(13);
            Put(10);
            Flush();
        }

        private void Put(byte value)
        {
            if (_used == _buffer.Length)
            {
                Flush();
            }

            _buffer[_used++] = value;
            _total++;
        }

        private void Flush()
        {
            if (_used > 0)
            {
                _connection.Write(_buffer, 0, _used);
                _used = 0;
            }
        }
    }
}
