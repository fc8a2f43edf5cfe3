namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Quoted-printable body encoding (RFC 2045 section 6.7), one text line at a time, straight into the output.
    /// Encoded lines are at most 76 characters: longer ones get soft line breaks ("=" then CRLF, rule 5), never
    /// inside an "=XX" triplet. '=' is always encoded (rule 1); a space or tab at the end of a line is encoded
    /// (rule 3) because transports may strip trailing white space. A line beginning with "." stays literal:
    /// QP allows it, and the SMTP DATA writer dot-stuffs it (RFC 5321 section 4.5.2).
    /// </summary>
    public static class QuotedPrintableEncoder
    {
        /// <summary>Longest encoded line, without its CRLF (RFC 2045 section 6.7 rule 5).</summary>
        public const int MaximumLineLength = 76;

        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>Encodes one line of UTF-8 bytes (without its line break) and ends it with a hard CRLF.</summary>
        public static void WriteLine(MessageOutput output, byte[] line, int offset, int count)
        {
            int column = 0;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte value = line[i];
                bool last = i == end - 1;
                bool literal = (value >= 33 && value <= 126 && value != (byte)'=')
                    || ((value == 32 || value == 9) && !last);
                int width = literal ? 1 : 3;

                // Keep room for the soft break's '=' unless this is the final character of the line.
                int limit = last ? MaximumLineLength : MaximumLineLength - 1;
                if (column + width > limit)
                {
                    output.WriteByte((byte)'=');
                    output.WriteCrLf();
                    column = 0;
                }

                if (literal)
                {
                    output.WriteByte(value);
                }
                else
                {
                    output.WriteByte((byte)'=');
                    output.WriteByte((byte)HexDigits[value >> 4]);
                    output.WriteByte((byte)HexDigits[value & 15]);
                }

                column += width;
            }

            output.WriteCrLf();
        }
    }
}
