namespace Attendance.Core.Mail.Smtp
{
    /// <summary>Submits one message; the outbox depends on this so it can be tested without a server.</summary>
    public interface ISmtpSender
    {
        /// <summary>
        /// Returns once the server has accepted the message (250 to the final "."), or throws
        /// <see cref="SmtpException"/> typed transient or permanent.
        /// </summary>
        SmtpSendResult Send(SmtpMessage message);
    }
}
