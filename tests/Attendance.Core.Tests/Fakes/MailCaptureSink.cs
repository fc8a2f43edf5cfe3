using System;
using System.Text;
using Attendance.Core.Mail.Message;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>Collects everything written to it, and remembers the largest single chunk.</summary>
    public class MailCaptureSink : IMessageSink
    {
        private byte[] _data = new byte[1024];
        private int _length;

        public int Length
        {
            get { return _length; }
        }

        public int LargestChunk { get; private set; }

        public int Writes { get; private set; }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_length + count > _data.Length)
            {
                int size = _data.Length * 2;
                while (size < _length + count)
                {
                    size *= 2;
                }

                byte[] larger = new byte[size];
                Array.Copy(_data, larger, _length);
                _data = larger;
            }

            Array.Copy(buffer, offset, _data, _length, count);
            _length += count;
            Writes++;
            if (count > LargestChunk)
            {
                LargestChunk = count;
            }
        }

        public byte[] ToArray()
        {
            byte[] copy = new byte[_length];
            Array.Copy(_data, copy, _length);
            return copy;
        }

        /// <summary>The bytes as text (UTF-8; a message is ASCII after encoding).</summary>
        public string Text()
        {
            return Encoding.UTF8.GetString(_data, 0, _length);
        }
    }
}
