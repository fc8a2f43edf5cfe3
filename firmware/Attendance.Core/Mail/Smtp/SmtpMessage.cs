namespace Attendance.Core.Mail.Smtp
{
    /// <summary>Called the moment the server answers 250 to the final "." (before QUIT), so the caller can record it.</summary>
    public delegate void MessageAcceptedHandler(SmtpReply reply);

    /// <summary>One submission: the envelope (RFC 5321 section 2.3.1) and the content.</summary>
    public class SmtpMessage
    {
        public string Sender;

        public string[] Recipients;

        public IMessageContent Content;

        /// <summary>Optional; see <see cref="MessageAcceptedHandler"/>.</summary>
        public MessageAcceptedHandler Accepted;
    }
}
