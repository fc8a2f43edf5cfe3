using System;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Core.Logging
{
    /// <summary>
    /// One line read from a <see cref="LogRing"/>: its UTF-8 bytes in a buffer the reader keeps and reuses
    /// (<see cref="LogRing.NewLine"/>), so a report can copy every line out without an allocation per line.
    /// </summary>
    public sealed class LogRingLine
    {
        private readonly byte[] _buffer;

        internal LogRingLine(int lineBytes)
        {
            _buffer = new byte[lineBytes];
        }

        /// <summary>The line's UTF-8 bytes are the first <see cref="Length"/> of these.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int Length { get; private set; }

        public LogLevel Level { get; private set; }

        /// <summary>UTC ticks when the line was logged; 0 when no clock was given, a date before 2024 while the clock is unset.</summary>
        public long UtcTicks { get; private set; }

        /// <summary>0 for the first line the ring was given, 1 for the next...: a gap shows lines overwritten between two reads.</summary>
        public long Sequence { get; private set; }

        /// <summary>The line as text ("source: message"); allocates a string.</summary>
        public string Text
        {
            get { return Length == 0 ? string.Empty : Encoding.UTF8.GetString(_buffer, 0, Length); }
        }

        internal void Set(int length, LogLevel level, long utcTicks, long sequence)
        {
            Length = length;
            Level = level;
            UtcTicks = utcTicks;
            Sequence = sequence;
        }
    }
}
