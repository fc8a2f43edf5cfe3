using System.Text;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Smtp;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>Fixed message content for client tests, written in chunks of three bytes to exercise the DATA writer.</summary>
    public class MailTextContent : IMessageContent
    {
        private readonly byte[] _bytes;

        public MailTextContent(string text)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
        }

        public int Writes { get; private set; }

        public void WriteTo(IMessageSink sink)
        {
            Writes++;
            for (int i = 0; i < _bytes.Length; i += 3)
            {
                int count = _bytes.Length - i < 3 ? _bytes.Length - i : 3;
                sink.Write(_bytes, i, count);
            }
        }
    }
}
