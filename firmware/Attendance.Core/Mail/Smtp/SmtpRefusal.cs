namespace Attendance.Core.Mail.Smtp
{
    /// <summary>A recipient the server refused at RCPT TO, with its reply.</summary>
    public class SmtpRefusal
    {
        public SmtpRefusal(string recipient, int replyCode, string replyText)
        {
            Recipient = recipient;
            ReplyCode = replyCode;
            ReplyText = replyText;
        }

        public string Recipient { get; private set; }

        public int ReplyCode { get; private set; }

        public string ReplyText { get; private set; }
    }
}
