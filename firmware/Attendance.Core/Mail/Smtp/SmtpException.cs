using System;

namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// A failed SMTP exchange, typed by <see cref="SmtpFailureKind"/>, with the server's reply when there was one
    /// (<see cref="ReplyCode"/> 0 when the failure was local or in the network) and the step that failed.
    /// </summary>
    public class SmtpException : Exception
    {
        public SmtpException(SmtpFailureKind kind, SmtpState state, int replyCode, string replyText, string message)
            : base(message)
        {
            Kind = kind;
            State = state;
            ReplyCode = replyCode;
            ReplyText = replyText;
        }

        public SmtpException(SmtpFailureKind kind, SmtpState state, string message, Exception innerException)
            : base(message, innerException)
        {
            Kind = kind;
            State = state;
            ReplyText = string.Empty;
        }

        public SmtpFailureKind Kind { get; private set; }

        /// <summary>The step (the reply that was expected) when it failed.</summary>
        public SmtpState State { get; private set; }

        public int ReplyCode { get; private set; }

        public string ReplyText { get; private set; }

        /// <summary>Types a failure reply by its first digit (RFC 5321 section 4.2.1): 4 transient, 5 permanent.</summary>
        public static SmtpException FromReply(SmtpState state, SmtpReply reply, string what)
        {
            SmtpFailureKind kind = reply.Class == 5 ? SmtpFailureKind.Permanent : SmtpFailureKind.Transient;
            return new SmtpException(kind, state, reply.Code, reply.Text, what + ": " + reply.ToString());
        }
    }
}
