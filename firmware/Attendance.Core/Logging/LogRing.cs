using System;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Core.Logging
{
    /// <summary>
    /// The last log lines, kept in RAM for the terminal-health report (issue 13): a fixed number of lines of a fixed
    /// number of UTF-8 bytes each ("source: message", with its level and UTC time kept beside it).
    /// <para>
    /// Every buffer is allocated once, in the constructor, so logging costs the board no heap however long it
    /// runs, and a flood of lines cannot grow it: the newest line overwrites the oldest. A line is encoded straight
    /// into its slot (<see cref="Encoding.GetBytes(string, int, int, byte[], int)"/> into a scratch buffer, no
    /// string joined, no array per line) and cut at a character boundary, ending in "...", when it is longer than
    /// a slot. Control characters (line breaks, tabs) become spaces, so each stored line is one line of text.
    /// </para>
    /// <para>
    /// Why the string is never indexed character by character: on the board a string is UTF-8, and
    /// <c>s[i]</c> and <c>s.Length</c> count its characters from the start on every call, so a loop over a long
    /// message would be quadratic. <see cref="Add"/> reads <c>Length</c> once and encodes only the characters that
    /// can fit a slot, so its cost is linear in the message and bounded by the slot for the copy.
    /// </para>
    /// <para>
    /// <see cref="Add"/> never throws, whatever it is given (null, empty, huge, unpaired surrogates): logging runs
    /// in catch blocks and on both loops, and must not turn a reported fault into a new one. The door loop and the
    /// network worker both log, so every method takes the ring's lock.
    /// </para>
    /// </summary>
    public sealed class LogRing
    {
        /// <summary>Lines kept by the board's ring: enough for the last few failures and what led to them.</summary>
        public const int DefaultLines = 16;

        /// <summary>Bytes per line on the board: 16 x 120 bytes of text, about 2.5 KiB of heap with the scratch buffer.</summary>
        public const int DefaultLineBytes = 120;

        /// <summary>Smallest slot: a 4-byte UTF-8 character, or "..." after one byte of text.</summary>
        public const int MinimumLineBytes = 4;

        /// <summary>Largest slot; the scratch buffer is three times this.</summary>
        public const int MaximumLineBytes = 1024;

        /// <summary>Largest number of lines (the ring is a diagnostic aid, not a log file).</summary>
        public const int MaximumLines = 1024;

        /// <summary>Marks a line that was cut to fit its slot.</summary>
        private const string CutMark = "...";

        private const string SourceSeparator = ": ";

        private readonly object _gate = new object();
        private readonly int _lineBytes;
        private readonly byte[] _text;
        private readonly int[] _lengths;
        private readonly long[] _utcTicks;
        private readonly byte[] _levels;

        /// <summary>
        /// UTF-8 of the first characters of a part that can fit a slot: at most <c>_lineBytes</c> characters, and
        /// each UTF-16 character is at most 3 UTF-8 bytes (a surrogate pair is 2 characters for 4 bytes; the 4 spare
        /// bytes cover an encoder that keeps a pair whole when the count ends between its halves).
        /// </summary>
        private readonly byte[] _scratch;

        private int _next;
        private int _count;
        private long _added;

        public LogRing()
            : this(DefaultLines, DefaultLineBytes)
        {
        }

        public LogRing(int lines, int lineBytes)
        {
            if (lines < 1 || lines > MaximumLines)
            {
                throw new ArgumentOutOfRangeException("lines", "A log ring holds 1 to " + MaximumLines.ToString() + " lines.");
            }

            if (lineBytes < MinimumLineBytes || lineBytes > MaximumLineBytes)
            {
                throw new ArgumentOutOfRangeException("lineBytes", "A log ring line holds " + MinimumLineBytes.ToString()
                    + " to " + MaximumLineBytes.ToString() + " bytes.");
            }

            _lineBytes = lineBytes;
            _text = new byte[lines * lineBytes];
            _lengths = new int[lines];
            _utcTicks = new long[lines];
            _levels = new byte[lines];
            _scratch = new byte[(lineBytes * 3) + 4];
        }

        /// <summary>Most lines held at once.</summary>
        public int Capacity
        {
            get { return _lengths.Length; }
        }

        /// <summary>Most UTF-8 bytes of one line.</summary>
        public int LineBytes
        {
            get { return _lineBytes; }
        }

        /// <summary>Lines held now (at most <see cref="Capacity"/>).</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        /// <summary>Lines added since the ring was made; <c>Added - Count</c> of them were overwritten.</summary>
        public long Added
        {
            get
            {
                lock (_gate)
                {
                    return _added;
                }
            }
        }

        /// <summary>A reader's buffer for <see cref="TryRead"/>, sized for this ring's lines; reuse it for every line.</summary>
        public LogRingLine NewLine()
        {
            return new LogRingLine(_lineBytes);
        }

        /// <summary>
        /// Keeps "<paramref name="source"/>: <paramref name="message"/>" as the newest line, overwriting the oldest
        /// when the ring is full. Never throws.
        /// </summary>
        public void Add(long utcTicks, LogLevel level, string source, string message)
        {
            try
            {
                lock (_gate)
                {
                    int slot = _next;
                    int start = slot * _lineBytes;
                    int used = 0;
                    bool cut = false;
                    if (source != null && source.Length > 0)
                    {
                        cut = !Append(source, start, ref used);
                        if (!cut)
                        {
                            cut = !Append(SourceSeparator, start, ref used);
                        }
                    }

                    if (!cut)
                    {
                        cut = !Append(message, start, ref used);
                    }

                    if (cut)
                    {
                        used = MarkCut(start, used);
                    }

                    _lengths[slot] = used;
                    _utcTicks[slot] = utcTicks;
                    _levels[slot] = (byte)level;
                    _next = (slot + 1) % _lengths.Length;
                    if (_count < _lengths.Length)
                    {
                        _count++;
                    }

                    _added++;
                }
            }
            catch (Exception)
            {
                // Nothing is known to throw above (the scratch buffer fits any prefix a slot can take); this keeps
                // the promise to callers, which log from their own catch blocks. The line is lost, not the caller.
            }
        }

        /// <summary>
        /// Copies line <paramref name="index"/> (0 is the oldest held) into <paramref name="line"/>; false when the
        /// ring holds no such line. A line added meanwhile shifts the indexes: compare <see cref="LogRingLine.Sequence"/>.
        /// </summary>
        public bool TryRead(int index, LogRingLine line)
        {
            if (line == null || line.Buffer.Length < _lineBytes)
            {
                throw new ArgumentException("Use a line from NewLine() of this ring.", "line");
            }

            lock (_gate)
            {
                return ReadLocked(index, line);
            }
        }

        /// <summary>Every line held, oldest first, as "LVL source: message" (for tests and diagnostics; allocates).</summary>
        public string[] Lines()
        {
            lock (_gate)
            {
                string[] lines = new string[_count];
                LogRingLine line = NewLine();
                for (int i = 0; i < lines.Length; i++)
                {
                    ReadLocked(i, line);
                    lines[i] = LogLevelName.Of(line.Level) + " " + line.Text;
                }

                return lines;
            }
        }

        private bool ReadLocked(int index, LogRingLine line)
        {
            if (index < 0 || index >= _count)
            {
                return false;
            }

            int oldest = (_next - _count + _lengths.Length) % _lengths.Length;
            int slot = (oldest + index) % _lengths.Length;
            int length = _lengths[slot];
            Array.Copy(_text, slot * _lineBytes, line.Buffer, 0, length);
            line.Set(length, (LogLevel)_levels[slot], _utcTicks[slot], _added - _count + index);
            return true;
        }

        /// <summary>
        /// Appends the UTF-8 of <paramref name="part"/> to the slot at <paramref name="start"/>; false when it did not
        /// fit whole (what fits is kept, and the caller marks the line as cut).
        /// </summary>
        private bool Append(string part, int start, ref int used)
        {
            if (part == null)
            {
                return true;
            }

            int room = _lineBytes - used;
            int length = part.Length;
            if (length == 0)
            {
                return true;
            }

            // Each character is at least one byte, so no more than 'room' characters can fit.
            int characters = length < room ? length : room;
            int bytes = characters == 0 ? 0 : Encoding.UTF8.GetBytes(part, 0, characters, _scratch, 0);
            // A cut part may end inside a character here: the line then ends in "...", placed by MarkCut on a boundary.
            int take = bytes < room ? bytes : room;

            int target = start + used;
            for (int i = 0; i < take; i++)
            {
                byte value = _scratch[i];
                _text[target + i] = value < 0x20 || value == 0x7F ? (byte)' ' : value;
            }

            used += take;
            return take == bytes && characters == length;
        }

        /// <summary>Ends a cut line in "...", moving back to a character boundary so that the mark fits.</summary>
        private int MarkCut(int start, int used)
        {
            int end = _lineBytes - CutMark.Length;
            if (end > used)
            {
                end = used;
            }

            // At 'used' the line already ends on a boundary; before it, step back over continuation bytes.
            while (end > 0 && end < used && IsContinuation(_text[start + end]))
            {
                end--;
            }

            for (int i = 0; i < CutMark.Length; i++)
            {
                _text[start + end + i] = (byte)'.';
            }

            return end + CutMark.Length;
        }

        private static bool IsContinuation(byte value)
        {
            return (value & 0xC0) == 0x80;
        }
    }
}
