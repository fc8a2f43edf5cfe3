using System.Text;

namespace Attendance.Core.Mail.Message
{
    /// <summary>Encodes each text line as UTF-8 then quoted-printable into the message.</summary>
    public class QuotedPrintableLineSink : ITextLineSink
    {
        private readonly MessageOutput _output;

        public QuotedPrintableLineSink(MessageOutput output)
        {
            _output = output;
        }

        public void WriteLine(string line)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(line);
            QuotedPrintableEncoder.WriteLine(_output, utf8, 0, utf8.Length);
        }
    }
}
