using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// Writes a text record of "key=value" lines ("key" alone for null) to the durable store in chunks: the first
    /// chunk replaces the record, later ones append, so a 400-student roll never sits in RAM as one string. The
    /// last line is "end"; a record without it was cut by a power failure and <see cref="RecordReader"/> says so.
    /// Values escape '%', CR, LF and '|' as %XX so one value is one line and '|' can separate sub-fields.
    /// </summary>
    public class RecordWriter
    {
        public const string EndMarker = "end";

        private const int FlushCharacters = 512;
        private const string HexDigits = "0123456789ABCDEF";

        private readonly IDurableStore _store;
        private readonly string _name;
        private readonly StringBuilder _pending = new StringBuilder(FlushCharacters + 128);
        private bool _started;

        public RecordWriter(IDurableStore store, string name)
        {
            _store = store;
            _name = name;
        }

        public void Line(string key, string value)
        {
            _pending.Append(key);
            if (value != null)
            {
                _pending.Append('=');
                AppendEscaped(_pending, value);
            }

            _pending.Append('\n');
            if (_pending.Length >= FlushCharacters)
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

        public void Finish()
        {
            _pending.Append(EndMarker);
            _pending.Append('\n');
            Flush();
        }

        private void Flush()
        {
            byte[] bytes = Encoding.UTF8.GetBytes(_pending.ToString());
            if (_started)
            {
                _store.Append(_name, bytes, 0, bytes.Length);
            }
            else
            {
                _store.Replace(_name, bytes, 0, bytes.Length);
                _started = true;
            }

            _pending.Clear();
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
