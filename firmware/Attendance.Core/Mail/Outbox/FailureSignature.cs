using System;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Smtp;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// Tells failures that will repeat on every attempt (deterministic) from the network's and servers' passing
    /// trouble, and names the deterministic ones so that an identical repeat can be counted
    /// (<see cref="OutboxOptions.MaximumIdenticalFailures"/>). Null means "passing trouble: never permanent".
    /// </summary>
    public static class FailureSignature
    {
        /// <summary>
        /// A malformed answer (ProtocolViolation) repeats; an unreachable, slow or refusing server is the server's
        /// state (a refused key is fixed on the server, not in the terminal's settings) and is retried for ever.
        /// </summary>
        public static string ForLookup(LookupException exception)
        {
            return exception.Failure == LookupFailure.ProtocolViolation ? "lookup " + exception.Message : null;
        }

        /// <summary>Anything else a report builder throws is a defect that the same roll will hit again.</summary>
        public static string ForUnexpected(string phase, Exception exception)
        {
            return phase + " " + exception.GetType().Name + " " + exception.Message;
        }

        /// <summary>
        /// A transient SMTP failure: a 4xx reply (RFC 5321 section 4.2.1: "the error condition is temporary") and
        /// a failure without a reply (no connection, timeout, a cut or garbled reply, code 0) are passing trouble;
        /// a reply outside the command's grammar, or a 535 treated as transient, is the server's fixed answer.
        /// </summary>
        public static string ForSmtp(SmtpException exception)
        {
            int code = exception.ReplyCode;
            return code == 0 || (code >= 400 && code <= 499) ? null : "smtp " + code.ToString() + " " + exception.ReplyText;
        }

        /// <summary>
        /// Counts a failure against the entry's previous one: true when the same deterministic failure has now
        /// happened <paramref name="maximum"/> times in a row. Passing trouble (null) resets the count.
        /// </summary>
        public static bool Repeated(OutboxEntry entry, string signature, int maximum)
        {
            if (signature == null)
            {
                entry.IdenticalFailures = 0;
                entry.FailureSignature = null;
                return false;
            }

            entry.IdenticalFailures = signature == entry.FailureSignature ? entry.IdenticalFailures + 1 : 1;
            entry.FailureSignature = signature;
            return entry.IdenticalFailures >= maximum;
        }
    }
}
