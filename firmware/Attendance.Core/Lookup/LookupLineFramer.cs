using System.Text;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Cuts a byte stream into lines ending in LF (a CR before it is dropped), bounded by a maximum length, so
    /// neither side ever holds more than one line. A too-long line is discarded up to its LF and reported once,
    /// which keeps answers in step with requests. Bytes are decoded as UTF-8 only when a line is complete, so a
    /// multi-byte character split across reads decodes correctly.
    /// </summary>
    public class LookupLineFramer
    {
        /// <summary>What <see cref="TakeLine"/> returns for bytes that are not printable UTF-8.</summary>
        public const string Unreadable = "\uFFFD";

        private readonly byte[] _line;
        private int _length;
        private bool _discarding;
        private bool _ready;

        public LookupLineFramer(int maximumLineBytes)
        {
            // One extra byte so a CR right at the limit can still precede the LF.
            _line = new byte[maximumLineBytes + 1];
        }

        /// <summary>Bytes held of a line not yet complete (0 between lines).</summary>
        public int PendingBytes
        {
            get { return _length; }
        }

        /// <summary>
        /// Consumes bytes up to and including the first line end, or all of them. Returns how many were consumed
        /// in <paramref name="consumed"/>; the caller pushes the rest after handling the status.
        /// </summary>
        public LineFramerStatus Push(byte[] data, int offset, int count, out int consumed)
        {
            if (_ready)
            {
                // The previous line was not taken; drop it rather than mixing two lines.
                _ready = false;
                _length = 0;
            }

            for (int i = 0; i < count; i++)
            {
                byte value = data[offset + i];
                if (value == (byte)'\n')
                {
                    consumed = i + 1;
                    if (_discarding)
                    {
                        _discarding = false;
                        _length = 0;
                        return LineFramerStatus.LineTooLong;
                    }

                    if (_length > 0 && _line[_length - 1] == (byte)'\r')
                    {
                        _length--;
                    }

                    if (_length > _line.Length - 1)
                    {
                        _length = 0;
                        return LineFramerStatus.LineTooLong;
                    }

                    _ready = true;
                    return LineFramerStatus.Line;
                }

                if (_discarding)
                {
                    continue;
                }

                if (_length == _line.Length)
                {
                    _discarding = true;
                    _length = 0;
                    continue;
                }

                _line[_length++] = value;
            }

            consumed = count;
            return LineFramerStatus.Incomplete;
        }

        /// <summary>The completed line, decoded from UTF-8, without its line end.</summary>
        public string TakeLine()
        {
            // Judged on its bytes, so the board and the PC agree (Utf8Text): a line that is not printable UTF-8
            // comes back as U+FFFD alone, which LookupFieldCodec.Split refuses as it refuses any U+FFFD.
            string line = _length == 0 ? string.Empty
                : Utf8Text.IsPrintable(_line, 0, _length) ? new string(Encoding.UTF8.GetChars(_line, 0, _length)) : Unreadable;
            _length = 0;
            _ready = false;
            return line;
        }
    }
}
