namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// A small fixed buffer in front of an <see cref="IMessageSink"/>, so the encoders can emit one byte at a time
    /// without one sink call per byte. It also counts the bytes written, for the benchmark and for SIZE.
    /// </summary>
    public class MessageOutput
    {
        private readonly IMessageSink _sink;
        private readonly byte[] _buffer;
        private int _used;
        private long _total;

        public MessageOutput(IMessageSink sink, int bufferSize)
        {
            _sink = sink;
            _buffer = new byte[bufferSize];
        }

        /// <summary>Bytes handed to this output so far (flushed or not).</summary>
        public long TotalBytes
        {
            get { return _total; }
        }

        public void WriteByte(byte value)
        {
            if (_used == _buffer.Length)
            {
                Flush();
            }

            _buffer[_used++] = value;
            _total++;
        }

        /// <summary>Writes text that the caller guarantees is 7-bit ASCII (headers after encoding, base64, QP).</summary>
        public void WriteAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                WriteByte((byte)text[i]);
            }
        }

        public void WriteLine(string asciiText)
        {
            WriteAscii(asciiText);
            WriteCrLf();
        }

        public void WriteCrLf()
        {
            WriteByte(13);
            WriteByte(10);
        }

        public void Flush()
        {
            if (_used > 0)
            {
                _sink.Write(_buffer, 0, _used);
                _used = 0;
            }
        }
    }
}
