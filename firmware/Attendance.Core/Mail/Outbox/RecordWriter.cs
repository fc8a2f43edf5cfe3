using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Roll;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// Writes an outbox record: text lines, each "key=value" (or "key" alone for null) followed by "#" and the
    /// CRC-32 of the line's bytes in 8 upper-case hex digits, and a last line "end=LINES|CRC" carrying the number
    /// of data lines and the CRC-32 of every byte before it, itself followed by its own line CRC.
    /// <para>
    /// Why a CRC per line and not one per record: a roll is one student per line, and a flash fault damages a
    /// few bytes, not the whole record. With a CRC per line a damaged ".roll" is salvaged from its intact lines
    /// (the students on damaged lines are counted as possibly missing, loudly); one record CRC could only say
    /// "something somewhere is wrong" and lose every student. CRC-32 detects every single-bit flip and every
    /// burst up to 32 bits within a line; a flipped line break merges or splits lines, which then fail their
    /// CRC. The end line's count and record CRC catch what line CRCs cannot: a whole line lost, repeated or
    /// moved, and a record cut by a power failure (no end line). The cost is 9 bytes per line.
    /// </para>
    /// <para>
    /// The record is written in chunks (the first replaces, later ones append), so a 400-student roll never sits
    /// in RAM as one string; the record CRC is carried from chunk to chunk (<see cref="Crc32.Update"/>).
    /// Values escape '%', CR, LF, '|' and '~' as %XX so one value is one line and '|' can separate sub-fields.
    /// </para>
    /// </summary>
    public class RecordWriter
    {
        public const string EndKey = "end";

        /// <summary>Separates a line's text from its CRC; the CRC is always the last 8 characters before the LF.</summary>
        public const char CrcMark = '#';

        /// <summary>"#" and 8 hex digits.</summary>
        public const int CrcSuffixBytes = 9;

        private const int FlushBytes = 512;
        /// <summary>Upper-case hex digits: the writer's escapes and CRCs, and the only spelling the reader accepts.</summary>
        internal const string HexDigits = "0123456789ABCDEF";

        private readonly IDurableStore _store;
        private readonly string _name;
        private readonly StringBuilder _line = new StringBuilder(128);
        private byte[] _chunk = new byte[FlushBytes + 256];
        private int _chunkLength;
        private uint _recordCrc;
        private int _lines;
        private bool _started;

        public RecordWriter(IDurableStore store, string name)
        {
            _store = store;
            _name = name;
        }

        public void Line(string key, string value)
        {
            _line.Clear();
            _line.Append(key);
            if (value != null)
            {
                _line.Append('=');
                AppendEscaped(_line, value);
            }

            AddLine(_line.ToString());
            _lines++;
            if (_chunkLength >= FlushBytes)
            {
                Flush();
            }
        }

        /// <summary>Sub-fields of one value, each escaped, joined by '|'; a null sub-field is written as "~".</summary>
        public static string Join(string[] fields)
        {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    joined.Append('|');
                }

                if (fields[i] == null)
                {
                    joined.Append('~');
                }
                else
                {
                    AppendEscaped(joined, fields[i]);
                }
            }

            return joined.ToString();
        }

        /// <summary>Writes the end line; a record without it was cut while being written.</summary>
        public void Finish()
        {
            _recordCrc = Crc32.Update(_recordCrc, _chunk, 0, _chunkLength);
            AddLine(EndKey + "=" + _lines.ToString() + "|" + Hex(_recordCrc));
            Write();
        }

        /// <summary>8 upper-case hex digits, the only spelling the reader accepts (so no flip of a CRC digit goes unseen).</summary>
        public static string Hex(uint value)
        {
            char[] digits = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                digits[i] = HexDigits[(int)(value & 15)];
                value >>= 4;
            }

            return new string(digits);
        }

        private void AddLine(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            uint crc = Crc32.Compute(bytes, 0, bytes.Length);
            Reserve(bytes.Length + CrcSuffixBytes + 1);
            System.Array.Copy(bytes, 0, _chunk, _chunkLength, bytes.Length);
            _chunkLength += bytes.Length;
            _chunk[_chunkLength++] = (byte)CrcMark;
            string hex = Hex(crc);
            for (int i = 0; i < 8; i++)
            {
                _chunk[_chunkLength++] = (byte)hex[i];
            }

            _chunk[_chunkLength++] = (byte)'\n';
        }

        private void Reserve(int more)
        {
            if (_chunkLength + more <= _chunk.Length)
            {
                return;
            }

            byte[] larger = new byte[_chunkLength + more + FlushBytes];
            System.Array.Copy(_chunk, 0, larger, 0, _chunkLength);
            _chunk = larger;
        }

        private void Flush()
        {
            _recordCrc = Crc32.Update(_recordCrc, _chunk, 0, _chunkLength);
            Write();
        }

        private void Write()
        {
            if (_started)
            {
                _store.Append(_name, _chunk, 0, _chunkLength);
            }
            else
            {
                _store.Replace(_name, _chunk, 0, _chunkLength);
                _started = true;
            }

            _chunkLength = 0;
        }

        private static void AppendEscaped(StringBuilder text, string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '%' || c == '\r' || c == '\n' || c == '|' || c == '~')
                {
                    text.Append('%');
                    text.Append(HexDigits[c >> 4]);
                    text.Append(HexDigits[c & 15]);
                }
                else
                {
                    text.Append(c);
                }
            }
        }
    }
}
