using System.Text;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>Reads the lines written by <see cref="RecordWriter"/>, one at a time, from the record's bytes.</summary>
    public class RecordReader
    {
        private readonly byte[] _data;
        private int _position;

        public RecordReader(byte[] data)
        {
            _data = data;
        }

        public string Key { get; private set; }

        /// <summary>The unescaped value, or null for a line without '='.</summary>
        public string Value { get; private set; }

        /// <summary>True when the record ends with the end marker: it was written whole.</summary>
        public static bool IsComplete(byte[] data)
        {
            // "end\n" at the very end, at the start of a line.
            int length = data == null ? 0 : data.Length;
            if (length < 4 || data[length - 1] != (byte)'\n' || data[length - 2] != (byte)'d' || data[length - 3] != (byte)'n'
                || data[length - 4] != (byte)'e')
            {
                return false;
            }

            return length == 4 || data[length - 5] == (byte)'\n';
        }

        /// <summary>Moves to the next line; false at the end marker or the end of data.</summary>
        public bool Next()
        {
            if (_position >= _data.Length)
            {
                return false;
            }

            int end = _position;
            while (end < _data.Length && _data[end] != (byte)'\n')
            {
                end++;
            }

            string line = Encoding.UTF8.GetString(_data, _position, end - _position);
            _position = end + 1;
            if (line == RecordWriter.EndMarker)
            {
                return false;
            }

            int equals = line.IndexOf('=');
            if (equals < 0)
            {
                Key = line;
                Value = null;
            }
            else
            {
                Key = line.Substring(0, equals);
                Value = Unescape(line.Substring(equals + 1));
            }

            return true;
        }

        /// <summary>Splits a value written by <see cref="RecordWriter.Join"/>.</summary>
        public static string[] Split(string joined)
        {
            string[] fields = joined.Split('|');
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = fields[i] == "~" ? null : Unescape(fields[i]);
            }

            return fields;
        }

        public static long ParseLong(string text)
        {
            long value = 0;
            bool negative = text.Length > 0 && text[0] == '-';
            for (int i = negative ? 1 : 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    throw new RecordFormatException("Not a number: " + text);
                }

                value = (value * 10) + (text[i] - '0');
            }

            return negative ? -value : value;
        }

        private static string Unescape(string text)
        {
            if (text.IndexOf('%') < 0)
            {
                return text;
            }

            StringBuilder result = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '%' && i + 2 < text.Length)
                {
                    result.Append((char)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                    i += 2;
                }
                else
                {
                    result.Append(text[i]);
                }
            }

            return result.ToString();
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            throw new RecordFormatException("Bad escape digit: " + c.ToString());
        }
    }
}
