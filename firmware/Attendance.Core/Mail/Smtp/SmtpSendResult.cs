namespace Attendance.Core.Mail.Smtp
{
    /// <summary>What a successful submission achieved: the server took the message for these recipients.</summary>
    public class SmtpSendResult
    {
        public SmtpSendResult(int acceptedRecipients, SmtpRefusal[] refusals, SmtpReply finalReply)
        {
            AcceptedRecipients = acceptedRecipients;
            Refusals = refusals;
            FinalReply = finalReply;
        }

        public int AcceptedRecipients { get; private set; }

        /// <summary>Recipients refused at RCPT TO; the message went to the others.</summary>
        public SmtpRefusal[] Refusals { get; private set; }

        /// <summary>The server's 250 to the final "." (often carries its queue id).</summary>
        public SmtpReply FinalReply { get; private set; }
    }
}
