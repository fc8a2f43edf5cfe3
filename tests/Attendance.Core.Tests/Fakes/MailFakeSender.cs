using System;
using System.Collections;
using Attendance.Core.Mail.Smtp;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// An SMTP sender whose next outcome the test sets: accept, fail transiently or permanently, or accept and
    /// then "lose power" (throw <see cref="MailPowerCutException"/> right after the acceptance callback).
    /// </summary>
    public class MailFakeSender : ISmtpSender
    {
        public const int Accept = 0;
        public const int Transient = 1;
        public const int Permanent = 2;
        public const int AcceptThenPowerCut = 3;

        /// <summary>The server answered 250 but power failed before the outbox could record it (the at-least-once window).</summary>
        public const int PowerCutBeforeRecording = 4;

        public int Outcome;

        /// <summary>The store that loses power with <see cref="PowerCutBeforeRecording"/>.</summary>
        public InMemoryDurableStore StoreToCut;

        public int Sends { get; private set; }

        public long LastMessageBytes { get; private set; }

        public string[] LastRecipients { get; private set; }

        /// <summary>Every message rendered, in order, as text (one per attempt, whatever its outcome).</summary>
        public readonly ArrayList Messages = new ArrayList();

        public SmtpSendResult Send(SmtpMessage message)
        {
            Sends++;
            LastRecipients = message.Recipients;
            MailCaptureSink sink = new MailCaptureSink();
            message.Content.WriteTo(sink);
            LastMessageBytes = sink.Length;
            Messages.Add(sink.Text());
            if (Outcome == Transient)
            {
                throw new SmtpException(SmtpFailureKind.Transient, SmtpState.Greeting, 421, "try later", "421 try later");
            }

            if (Outcome == Permanent)
            {
                throw new SmtpException(SmtpFailureKind.Permanent, SmtpState.RcptTo, 550, "no such user", "550 no such user");
            }

            SmtpReply reply = new SmtpReply(250, new string[] { "queued" });
            if (Outcome == PowerCutBeforeRecording)
            {
                // Power is gone: the store takes no more writes, so recording "sent" fails.
                StoreToCut.FailWrites = true;
            }

            if (message.Accepted != null)
            {
                message.Accepted(reply);
            }

            if (Outcome == AcceptThenPowerCut)
            {
                throw new MailPowerCutException();
            }

            return new SmtpSendResult(message.Recipients.Length, new SmtpRefusal[0], reply);
        }
    }

    /// <summary>Stands for the board losing power mid-call.</summary>
    public class MailPowerCutException : Exception
    {
    }
}
