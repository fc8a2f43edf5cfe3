using System.Text;
using Attendance.Core.Roll;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// Reads a record written by <see cref="RecordWriter"/>, one intact line at a time, checking every line's
    /// CRC and the end line's count and record CRC. Damaged lines are skipped and counted, never returned, so a
    /// damaged record can be salvaged from what is intact; <see cref="Intact"/> (after the last
    /// <see cref="Next"/>) says whether the record is exactly as written. Nothing in the bytes makes it throw.
    /// </summary>
    public class RecordReader
    {
        /// <summary>Longest line accepted: a 300-letter accented name escaped is about 700 bytes; more is damage.</summary>
        public const int MaximumLineBytes = 2048;

        private const string EscapedCharacters = "%\r\n|~";

        /// <summary>
        /// The window of a record read from the store: the longest line, its CRC and LF, and room to spare. A line
        /// that does not fit is damage (the writer never writes one) and is skipped without being buffered.
        /// </summary>
        public const int WindowBytes = MaximumLineBytes + 64;

        private readonly StoredRecord _source;

        /// <summary>The whole record (from bytes) or a window on it (from the store).</summary>
        private byte[] _data;

        /// <summary>Bytes of <see cref="_data"/> that hold the record; the rest of a window is free.</summary>
        private int _dataLength;

        /// <summary>Where the next read from the store starts (record offset of _data[_dataLength]).</summary>
        private int _sourcePosition;
        private bool _sourceDone;
        private int _position;
        private uint _crc;
        private bool _recordCrcMatches;
        private bool _trailingBytes;

        public RecordReader(byte[] data)
        {
            _data = data == null ? new byte[0] : data;
            _dataLength = _data.Length;
            StoredLength = _dataLength;
            _sourceDone = true;
            ExpectedLines = -1;
            Legacy = EndsWithLegacyEndLine(_data, _dataLength);
        }

        /// <summary>
        /// Reads a stored record through a window of <see cref="WindowBytes"/> (reused by <see cref="Restart"/>),
        /// never holding the whole record. A record missing from the store reads as empty (cut).
        /// </summary>
        public RecordReader(StoredRecord source)
            : this(source, new byte[WindowBytes])
        {
        }

        /// <summary>
        /// As <see cref="RecordReader(StoredRecord)"/> with the caller's window of <see cref="WindowBytes"/> (or more):
        /// readers used one after the other share one buffer (the outbox's), so a close costs one window, not one
        /// per record. Only the reader created last may be used.
        /// </summary>
        public RecordReader(StoredRecord source, byte[] window)
        {
            if (window == null || window.Length < WindowBytes)
            {
                throw new System.ArgumentException("The window must hold " + WindowBytes.ToString() + " bytes.");
            }

            _source = source;
            _data = window;
            Restart();
        }

        /// <summary>Reads a stored record again from its first line, with the same window (a second pass costs no heap).</summary>
        public void Restart()
        {
            if (_source == null)
            {
                _position = 0;
            }
            else
            {
                _dataLength = 0;
                _sourcePosition = 0;
                _sourceDone = false;
                _position = 0;
                StoredLength = _source.Length();
                Legacy = StoredEndsWithLegacyEndLine(_source, StoredLength, _data);
            }

            _crc = 0;
            _recordCrcMatches = false;
            _trailingBytes = false;
            ExpectedLines = -1;
            EndFound = false;
            Problem = null;
            IntactLines = 0;
            DamagedLines = 0;
            RejectedLines = 0;
            Key = null;
            Value = null;
        }

        /// <summary>
        /// True for a record written before records were checksummed: its last line is a bare "end" (the
        /// checksummed end line is "end=LINES|CRC#CRC"). Such a record, left in the outbox by the previous
        /// firmware, is read line by line without CRCs (values are still range-checked), so an update never
        /// turns a waiting roll into a damaged one. A cut or a damaged tail cannot look like this: the bare end
        /// line is the last thing such a writer wrote, and no checksummed line ends that way.
        /// </summary>
        public bool Legacy { get; private set; }

        /// <summary>
        /// For a record read from the store: its size when the reader (re)started, or -1 when it does not exist
        /// (it then reads as an empty, cut record). For a record given as bytes: their count.
        /// </summary>
        public int StoredLength { get; private set; }

        public string Key { get; private set; }

        /// <summary>The unescaped value, or null for a line without '='.</summary>
        public string Value { get; private set; }

        /// <summary>Lines whose CRC and escapes were right, including ones the caller then rejected.</summary>
        public int IntactLines { get; private set; }

        /// <summary>Lines that failed their CRC or escaping, or a cut last line.</summary>
        public int DamagedLines { get; private set; }

        /// <summary>Intact lines whose content the caller found impossible (<see cref="Reject"/>).</summary>
        public int RejectedLines { get; private set; }

        /// <summary>The number of data lines the end line announces, or -1 when the end line is missing or damaged.</summary>
        public int ExpectedLines { get; private set; }

        public bool EndFound { get; private set; }

        /// <summary>The first thing found wrong, for the log; null while nothing is.</summary>
        public string Problem { get; private set; }

        /// <summary>True, once <see cref="Next"/> returned false, when the record is exactly as it was written.</summary>
        public bool Intact
        {
            get
            {
                return EndFound && _recordCrcMatches && !_trailingBytes && DamagedLines == 0 && RejectedLines == 0
                    && ExpectedLines == IntactLines;
            }
        }

        /// <summary>
        /// How many data lines may be lost: damaged and rejected lines, or the shortfall against the end line's
        /// count when that is larger; -1 when the record is cut and the number cannot be known.
        /// </summary>
        public int UnreadableLines
        {
            get
            {
                if (!EndFound)
                {
                    return -1;
                }

                int missing = ExpectedLines - IntactLines;
                int damaged = DamagedLines > missing ? DamagedLines : missing;
                return damaged + RejectedLines;
            }
        }

        /// <summary>Moves to the next intact data line; false at the end line or the end of the data.</summary>
        public bool Next()
        {
            while (!EndFound && HasMoreBytes())
            {
                int end = FindLineEnd();
                int start = _position;
                if (end < 0)
                {
                    // No LF within the window: a line longer than the writer ever writes. Skipped to its end.
                    if (SkipOverlongLine())
                    {
                        DamagedLines++;
                        Note("line " + (IntactLines + DamagedLines).ToString() + " is too long");
                        continue;
                    }

                    DamagedLines++;
                    Note("the record is cut (no end line)");
                    return false;
                }

                if (end == _dataLength)
                {
                    DamagedLines++;
                    Note("the record is cut (no end line)");
                    _position = end;
                    return false;
                }

                _position = end + 1;
                string content = Legacy ? LegacyLineContent(start, end) : LineContent(start, end);
                if (Legacy && content == RecordWriter.EndKey)
                {
                    EndFound = true;
                    ExpectedLines = IntactLines;
                    _recordCrcMatches = true;
                    _trailingBytes = HasMoreBytes();
                    return false;
                }

                if (content == null)
                {
                    DamagedLines++;
                    Note("line " + (IntactLines + DamagedLines).ToString() + (end - start > MaximumLineBytes ? " is too long" : " fails its CRC"));
                    _crc = Crc32.Update(_crc, _data, start, _position - start);
                    continue;
                }

                if (content.Length > RecordWriter.EndKey.Length && content.Substring(0, RecordWriter.EndKey.Length + 1) == RecordWriter.EndKey + "=")
                {
                    if (ReadEnd(content.Substring(RecordWriter.EndKey.Length + 1)))
                    {
                        return false;
                    }

                    DamagedLines++;
                    Note("the end line is malformed");
                    _crc = Crc32.Update(_crc, _data, start, _position - start);
                    continue;
                }

                _crc = Crc32.Update(_crc, _data, start, _position - start);
                int equals = content.IndexOf('=');
                string key = equals < 0 ? content : content.Substring(0, equals);
                string value = equals < 0 ? null : Unescape(content.Substring(equals + 1));
                if (key.Length == 0 || (equals >= 0 && value == null))
                {
                    DamagedLines++;
                    Note("line " + (IntactLines + DamagedLines).ToString() + " is malformed");
                    continue;
                }

                Key = key;
                Value = value;
                IntactLines++;
                return true;
            }

            return false;
        }

        /// <summary>Marks the current line as impossible (a value out of range): the record is not intact.</summary>
        public void Reject(string why)
        {
            RejectedLines++;
            Note("'" + Key + "' " + why);
        }

        /// <summary>Splits a value written by <see cref="RecordWriter.Join"/>; null when an escape is malformed.</summary>
        public static string[] Split(string joined)
        {
            string[] fields = joined.Split('|');
            for (int i = 0; i < fields.Length; i++)
            {
                if (fields[i] == "~")
                {
                    fields[i] = null;
                }
                else
                {
                    fields[i] = Unescape(fields[i]);
                    if (fields[i] == null)
                    {
                        return null;
                    }
                }
            }

            return fields;
        }

        /// <summary>
        /// A decimal number as <see cref="long.ToString()"/> writes it: an optional '-' and 1 to 19 digits, no
        /// overflow. Throws <see cref="RecordFormatException"/> on anything else, including null.
        /// </summary>
        public static long ParseLong(string text)
        {
            if (text == null)
            {
                throw new RecordFormatException("Missing number.");
            }

            bool negative = text.Length > 0 && text[0] == '-';
            int first = negative ? 1 : 0;
            int digits = text.Length - first;
            if (digits < 1 || digits > 19)
            {
                throw new RecordFormatException("Not a number: " + Shorten(text));
            }

            long value = 0;
            for (int i = first; i < text.Length; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    throw new RecordFormatException("Not a number: " + Shorten(text));
                }

                if (value > (long.MaxValue - digit) / 10)
                {
                    throw new RecordFormatException("Number too large: " + Shorten(text));
                }

                value = (value * 10) + digit;
            }

            return negative ? -value : value;
        }

        /// <summary>A number within [minimum, maximum]; throws <see cref="RecordFormatException"/> otherwise.</summary>
        public static long ParseInRange(string text, long minimum, long maximum)
        {
            long value = ParseLong(text);
            if (value < minimum || value > maximum)
            {
                throw new RecordFormatException("Out of range [" + minimum.ToString() + ", " + maximum.ToString() + "]: " + text);
            }

            return value;
        }

        private static string Shorten(string text)
        {
            return text.Length > 24 ? text.Substring(0, 24) + "..." : text;
        }

        private void Note(string problem)
        {
            if (Problem == null)
            {
                Problem = problem;
            }
        }

        /// <summary>The line's text when its CRC suffix is well formed and matches; null otherwise.</summary>
        private string LineContent(int start, int end)
        {
            int length = end - start - RecordWriter.CrcSuffixBytes;
            if (length < 1 || end - start > MaximumLineBytes || _data[start + length] != (byte)RecordWriter.CrcMark)
            {
                return null;
            }

            uint stored = 0;
            for (int i = start + length + 1; i < end; i++)
            {
                int digit = RecordWriter.HexDigits.IndexOf((char)_data[i]);
                if (digit < 0)
                {
                    return null;
                }

                stored = (stored << 4) | (uint)digit;
            }

            if (Crc32.Compute(_data, start, length) != stored)
            {
                return null;
            }

            try
            {
                return Encoding.UTF8.GetString(_data, start, length);
            }
            catch (System.Exception)
            {
                // Bytes that are not UTF-8 behind a matching CRC: not written by RecordWriter.
                return null;
            }
        }

        /// <summary>A line of a record written before checksums: its text when it is UTF-8 of a sane length.</summary>
        private string LegacyLineContent(int start, int end)
        {
            if (end - start < 1 || end - start > MaximumLineBytes)
            {
                return null;
            }

            try
            {
                return Encoding.UTF8.GetString(_data, start, end - start);
            }
            catch (System.Exception)
            {
                return null;
            }
        }

        /// <summary>True when bytes of the record remain past <see cref="_position"/> (reading more from the store if needed).</summary>
        private bool HasMoreBytes()
        {
            if (_position < _dataLength)
            {
                return true;
            }

            Fill();
            return _position < _dataLength;
        }

        /// <summary>
        /// Index of the LF ending the line at <see cref="_position"/>, reading more of a stored record as needed;
        /// <see cref="_dataLength"/> when the record ends without one; -1 when the window fills without one.
        /// </summary>
        private int FindLineEnd()
        {
            int end = _position;
            while (true)
            {
                while (end < _dataLength && _data[end] != (byte)'\n')
                {
                    end++;
                }

                if (end < _dataLength || _sourceDone)
                {
                    return end;
                }

                int scanned = end - _position;
                Fill();
                end = _position + scanned;
                if (end >= _data.Length)
                {
                    return -1;
                }
            }
        }

        /// <summary>
        /// Moves the unread bytes to the front of the window and reads more of the stored record after them.
        /// Does nothing for a record given as bytes.
        /// </summary>
        private void Fill()
        {
            if (_sourceDone)
            {
                return;
            }

            int kept = _dataLength - _position;
            if (_position > 0)
            {
                System.Array.Copy(_data, _position, _data, 0, kept);
                _position = 0;
                _dataLength = kept;
            }

            while (_dataLength < _data.Length)
            {
                int read = _source.ReadAt(_sourcePosition, _data, _dataLength, _data.Length - _dataLength);
                if (read <= 0)
                {
                    _sourceDone = true;
                    return;
                }

                _sourcePosition += read;
                _dataLength += read;
            }
        }

        /// <summary>
        /// Skips a line too long for the window, to just past its LF, counting its bytes into the record CRC;
        /// false when the record ends before an LF (a cut).
        /// </summary>
        private bool SkipOverlongLine()
        {
            while (true)
            {
                int end = _position;
                while (end < _dataLength && _data[end] != (byte)'\n')
                {
                    end++;
                }

                if (end < _dataLength)
                {
                    _crc = Crc32.Update(_crc, _data, _position, end + 1 - _position);
                    _position = end + 1;
                    return true;
                }

                _crc = Crc32.Update(_crc, _data, _position, _dataLength - _position);
                _position = _dataLength;
                Fill();
                if (_position >= _dataLength)
                {
                    return false;
                }
            }
        }

        /// <summary>Reads the last 5 bytes of a stored record to tell a legacy one (see <see cref="Legacy"/>).</summary>
        private static bool StoredEndsWithLegacyEndLine(StoredRecord source, int length, byte[] buffer)
        {
            if (length < 4)
            {
                return false;
            }

            int tail = length < 5 ? length : 5;
            if (source.ReadAt(length - tail, buffer, 0, tail) != tail)
            {
                return false;
            }

            return EndsWithLegacyEndLine(buffer, tail) && (tail == 5 || length == 4);
        }

        private static bool EndsWithLegacyEndLine(byte[] data, int length)
        {
            if (length < 4 || data[length - 1] != (byte)'\n' || data[length - 2] != (byte)'d' || data[length - 3] != (byte)'n'
                || data[length - 4] != (byte)'e')
            {
                return false;
            }

            return length == 4 || data[length - 5] == (byte)'\n';
        }

        /// <summary>"LINES|CRC": true when well formed; then the record CRC is compared.</summary>
        private bool ReadEnd(string text)
        {
            int bar = text.IndexOf('|');
            if (bar < 1 || text.Length - bar - 1 != 8)
            {
                return false;
            }

            long lines;
            try
            {
                lines = ParseInRange(text.Substring(0, bar), 0, int.MaxValue);
            }
            catch (RecordFormatException)
            {
                return false;
            }

            uint stored = 0;
            for (int i = bar + 1; i < text.Length; i++)
            {
                int digit = RecordWriter.HexDigits.IndexOf(text[i]);
                if (digit < 0)
                {
                    return false;
                }

                stored = (stored << 4) | (uint)digit;
            }

            EndFound = true;
            ExpectedLines = (int)lines;
            _recordCrcMatches = stored == _crc;
            _trailingBytes = HasMoreBytes();
            if (!_recordCrcMatches)
            {
                Note("the record CRC does not match (a line lost, repeated or moved)");
            }
            else if (_trailingBytes)
            {
                Note("bytes follow the end line");
            }
            else if (ExpectedLines != IntactLines)
            {
                Note("the end line announces " + ExpectedLines.ToString() + " lines, " + IntactLines.ToString() + " are intact");
            }

            return true;
        }

        /// <summary>Undoes the writer's %XX escapes; null when an escape is not one the writer makes.</summary>
        private static string Unescape(string text)
        {
            if (text.IndexOf('%') < 0)
            {
                return text;
            }

            StringBuilder result = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != '%')
                {
                    result.Append(text[i]);
                    continue;
                }

                if (i + 2 >= text.Length)
                {
                    return null;
                }

                int high = RecordWriter.HexDigits.IndexOf(text[i + 1]);
                int low = RecordWriter.HexDigits.IndexOf(text[i + 2]);
                if (high < 0 || low < 0)
                {
                    return null;
                }

                char c = (char)((high << 4) | low);
                if (EscapedCharacters.IndexOf(c) < 0)
                {
                    return null;
                }

                result.Append(c);
                i += 2;
            }

            return result.ToString();
        }
    }
}
