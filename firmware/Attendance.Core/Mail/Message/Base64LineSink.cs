using System.Text;

namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Encodes text lines as UTF-8 with CRLF (RFC 4180 section 2 rule 1) into a base64 part. The first line is
    /// preceded by the UTF-8 byte order mark, which spreadsheet programs need to read the accents right.
    /// </summary>
    public class Base64LineSink : ITextLineSink
    {
        private static readonly byte[] ByteOrderMark = { 0xEF, 0xBB, 0xBF };
        private static readonly byte[] LineBreak = { 13, 10 };

        private readonly Base64LineEncoder _encoder;

        public Base64LineSink(MessageOutput output, bool byteOrderMark)
        {
            _encoder = new Base64LineEncoder(output);
            if (byteOrderMark)
            {
                _encoder.Write(ByteOrderMark, 0, ByteOrderMark.Length);
            }
        }

        public void WriteLine(string line)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(line);
            _encoder.Write(utf8, 0, utf8.Length);
            _encoder.Write(LineBreak, 0, LineBreak.Length);
        }

        public void Finish()
        {
            _encoder.Finish();
        }
    }
}
