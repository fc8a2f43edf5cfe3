using System;
using System.Collections;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// Closed rolls waiting to be e-mailed, kept in the durable store until the SMTP server has accepted them.
    /// <para>
    /// Per roll it keeps three records: the closed roll (written by <see cref="Enqueue"/> before any attempt),
    /// the looked-up report (written once the lookup answers, so a reboot never repeats a lookup; the message is
    /// rendered from it afresh for each attempt, identical byte for byte, instead of storing the rendered message,
    /// which would be several times larger on flash), and the delivery state with the persisted retry schedule.
    /// </para>
    /// <para>
    /// "Sent" is written durably from inside the SMTP client, the moment the 250 to the final "." arrives and
    /// before QUIT, so a power cut afterwards cannot cause a second send. A failure before that 250 means the
    /// server did not take the message (RFC 5321 section 4.1.1.4), so retrying (with the same Message-ID) is right.
    /// </para>
    /// </summary>
    public class Outbox
    {
        public const string Source = "outbox";

        private const string RollSuffix = ".roll";
        private const string ReportSuffix = ".report";
        private const string StateSuffix = ".state";

        private readonly IDurableStore _store;
        private readonly IRollReportBuilder _reportBuilder;
        private readonly ISmtpSender _sender;
        private readonly IClock _clock;
        private readonly OutboxOptions _options;
        private readonly IEventLog _log;

        /// <summary>Due times on the monotonic clock for this boot, by record token; the persisted UTC time is the fallback.</summary>
        private readonly Hashtable _dueMonotonic = new Hashtable();

        public Outbox(IDurableStore store, IRollReportBuilder reportBuilder, ISmtpSender sender, IClock clock,
            OutboxOptions options, IEventLog log)
        {
            _store = store;
            _reportBuilder = reportBuilder;
            _sender = sender;
            _clock = clock;
            _options = options;
            _log = log;
        }

        /// <summary>
        /// Stores a closed roll durably. Storing the same RollId again does nothing (unless the earlier copy was
        /// cut by a power failure, then it is rewritten). Returns false when the roll was already stored.
        /// </summary>
        public bool Enqueue(ClosedRoll roll)
        {
            string token = MessageIdentity.SafeToken(roll.RollId);
            if (RecordReader.IsComplete(_store.Read(Name(token, RollSuffix))))
            {
                Log(LogLevel.Information, "Roll " + roll.RollId + " is already in the outbox.");
                return false;
            }

            OutboxRecords.WriteRoll(_store, Name(token, RollSuffix), roll);
            OutboxEntry entry = new OutboxEntry();
            entry.RollId = roll.RollId;
            entry.Status = OutboxEntryStatus.Pending;
            OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            Log(LogLevel.Information, "Roll " + roll.RollId + " stored with " + Count(roll).ToString() + " students.");
            return true;
        }

        /// <summary>Every roll in the outbox and its state, in record-name order.</summary>
        public OutboxEntry[] Entries()
        {
            string[] tokens = Tokens();
            OutboxEntry[] entries = new OutboxEntry[tokens.Length];
            for (int i = 0; i < tokens.Length; i++)
            {
                entries[i] = LoadState(tokens[i]);
            }

            return entries;
        }

        /// <summary>
        /// Makes one attempt for every roll that is due: looks it up if needed, then sends it. After a transient
        /// send failure the remaining rolls wait for the next call (the server is likely unavailable for all).
        /// </summary>
        public OutboxResult ProcessDue()
        {
            OutboxResult result = new OutboxResult();
            bool serverTrouble = false;
            string[] tokens = Tokens();
            for (int i = 0; i < tokens.Length; i++)
            {
                string token = tokens[i];
                OutboxEntry entry = LoadState(token);
                if (entry.Status == OutboxEntryStatus.Sent)
                {
                    // A cut after the 250 was recorded: only the clean-up is left.
                    Remove(token);
                    continue;
                }

                if (entry.Status == OutboxEntryStatus.Failed)
                {
                    result.FailedKept++;
                    continue;
                }

                if (serverTrouble || !IsDue(token, entry))
                {
                    result.NotDue++;
                    continue;
                }

                Attempt(token, entry, result, ref serverTrouble);
            }

            return result;
        }

        private void Attempt(string token, OutboxEntry entry, OutboxResult result, ref bool serverTrouble)
        {
            RollReport report;
            try
            {
                report = LoadOrBuildReport(token, entry);
            }
            catch (LookupException exception)
            {
                entry.Status = OutboxEntryStatus.WaitingForLookup;
                ScheduleRetry(token, entry, 0, "Lookup failed: " + exception.Message);
                result.WaitingForLookup++;
                return;
            }
            catch (RecordFormatException exception)
            {
                Fail(token, entry, 0, "Stored roll unreadable: " + exception.Message);
                result.FailedPermanently++;
                result.FailedKept++;
                return;
            }

            try
            {
                AttendanceMessageWriter.Validate(report, _options.Message);
            }
            catch (InvalidMessageException exception)
            {
                Fail(token, entry, 0, exception.Message);
                result.FailedPermanently++;
                result.FailedKept++;
                return;
            }

            SentRecorder recorder = new SentRecorder(this, token, entry);
            SmtpMessage message = new SmtpMessage();
            message.Sender = _options.Message.SenderAddress;
            message.Recipients = AttendanceMessageWriter.Recipients(report, _options.Message);
            message.Content = new ReportMessageContent(report, _options.Message);
            message.Accepted = new MessageAcceptedHandler(recorder.Accepted);
            try
            {
                SmtpSendResult sent = _sender.Send(message);
                if (!recorder.Recorded)
                {
                    recorder.Accepted(sent.FinalReply);
                }

                for (int r = 0; r < sent.Refusals.Length; r++)
                {
                    Log(LogLevel.Warning, "Roll " + entry.RollId + ": recipient " + sent.Refusals[r].Recipient + " refused ("
                        + sent.Refusals[r].ReplyCode.ToString() + ").");
                }

                Remove(token);
                result.Sent++;
            }
            catch (SmtpException exception)
            {
                if (recorder.Recorded)
                {
                    Remove(token);
                    result.Sent++;
                }
                else if (exception.Kind == SmtpFailureKind.Permanent)
                {
                    Fail(token, entry, exception.ReplyCode, exception.Message);
                    result.FailedPermanently++;
                    result.FailedKept++;
                }
                else
                {
                    entry.Status = OutboxEntryStatus.RetryScheduled;
                    ScheduleRetry(token, entry, exception.ReplyCode, exception.Message);
                    result.RetryScheduled++;
                    serverTrouble = true;
                }
            }
        }

        private RollReport LoadOrBuildReport(string token, OutboxEntry entry)
        {
            byte[] stored = _store.Read(Name(token, ReportSuffix));
            if (RecordReader.IsComplete(stored))
            {
                return OutboxRecords.ReadReport(stored);
            }

            ClosedRoll roll = OutboxRecords.ReadRoll(_store.Read(Name(token, RollSuffix)));
            RollReport report = _reportBuilder.Build(roll);
            OutboxRecords.WriteReport(_store, Name(token, ReportSuffix), report);

            // The lookup phase is over; the send phase starts its own backoff.
            entry.Failures = 0;
            entry.Status = OutboxEntryStatus.Pending;
            entry.HasReport = true;
            OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            return report;
        }

        /// <summary>Writes "sent" durably; called from inside the SMTP client right after the 250.</summary>
        private void RecordSent(string token, OutboxEntry entry)
        {
            entry.Status = OutboxEntryStatus.Sent;
            entry.LastError = null;
            OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            Log(LogLevel.Information, "Roll " + entry.RollId + " accepted by the mail server.");
        }

        private void ScheduleRetry(string token, OutboxEntry entry, int replyCode, string error)
        {
            entry.Failures++;
            int delay = RetrySchedule.DelaySeconds(entry.Failures, _options.FirstRetrySeconds, _options.MaximumRetrySeconds);
            entry.NextAttemptUtc = ClockIsSet() ? _clock.UtcNow.AddSeconds(delay) : DateTime.MinValue;
            entry.LastReplyCode = replyCode;
            entry.LastError = error;
            _dueMonotonic[token] = _clock.MonotonicMilliseconds + (delay * 1000L);
            OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            Log(LogLevel.Warning, "Roll " + entry.RollId + ": " + error + " Next attempt in " + delay.ToString() + " s.");
        }

        private void Fail(string token, OutboxEntry entry, int replyCode, string error)
        {
            entry.Status = OutboxEntryStatus.Failed;
            entry.LastReplyCode = replyCode;
            entry.LastError = error;
            OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            Log(LogLevel.Error, "Roll " + entry.RollId + " failed permanently and is kept: " + error);
        }

        /// <summary>
        /// Due on this boot's monotonic clock when a retry was scheduled during this boot; otherwise (after a reboot)
        /// by the persisted UTC time, or at once while the wall clock is still unset (before SNTP).
        /// </summary>
        private bool IsDue(string token, OutboxEntry entry)
        {
            object monotonic = _dueMonotonic[token];
            if (monotonic != null)
            {
                return _clock.MonotonicMilliseconds >= (long)monotonic;
            }

            return !ClockIsSet() || _clock.UtcNow >= entry.NextAttemptUtc;
        }

        private bool ClockIsSet()
        {
            return _clock.UtcNow.Year >= 2020;
        }

        /// <summary>Deletes the roll's records, the state last so a cut in between still knows it was sent.</summary>
        private void Remove(string token)
        {
            _store.Delete(Name(token, RollSuffix));
            _store.Delete(Name(token, ReportSuffix));
            _store.Delete(Name(token, StateSuffix));
            _dueMonotonic.Remove(token);
        }

        private OutboxEntry LoadState(string token)
        {
            byte[] data = _store.Read(Name(token, StateSuffix));
            if (RecordReader.IsComplete(data))
            {
                OutboxEntry entry = OutboxRecords.ReadState(data);
                entry.HasReport = RecordReader.IsComplete(_store.Read(Name(token, ReportSuffix)));
                return entry;
            }

            // No state yet (cut between the roll record and its state): pending, due now.
            OutboxEntry fresh = new OutboxEntry();
            fresh.RollId = token;
            byte[] roll = _store.Read(Name(token, RollSuffix));
            if (RecordReader.IsComplete(roll))
            {
                fresh.RollId = OutboxRecords.ReadRoll(roll).RollId;
            }

            fresh.Status = OutboxEntryStatus.Pending;
            return fresh;
        }

        /// <summary>Tokens of the rolls in the store, from their roll or state records.</summary>
        private string[] Tokens()
        {
            string[] names = _store.List(_options.RecordPrefix);
            ArrayList tokens = new ArrayList();
            for (int i = 0; i < names.Length; i++)
            {
                string name = names[i];
                string suffix = name.EndsWith(RollSuffix) ? RollSuffix : name.EndsWith(StateSuffix) ? StateSuffix : null;
                if (suffix == null)
                {
                    continue;
                }

                string token = name.Substring(_options.RecordPrefix.Length, name.Length - _options.RecordPrefix.Length - suffix.Length);
                if (!tokens.Contains(token))
                {
                    tokens.Add(token);
                }
            }

            string[] result = new string[tokens.Count];
            tokens.CopyTo(result);
            return result;
        }

        private string Name(string token, string suffix)
        {
            return _options.RecordPrefix + token + suffix;
        }

        private static int Count(ClosedRoll roll)
        {
            return roll.StudentCodes == null ? 0 : roll.StudentCodes.Length;
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, Source, message);
            }
        }

        /// <summary>Bridges the client's acceptance callback to <see cref="RecordSent"/> for one roll.</summary>
        private class SentRecorder
        {
            private readonly Outbox _outbox;
            private readonly string _token;
            private readonly OutboxEntry _entry;

            public SentRecorder(Outbox outbox, string token, OutboxEntry entry)
            {
                _outbox = outbox;
                _token = token;
                _entry = entry;
            }

            public bool Recorded { get; private set; }

            public void Accepted(SmtpReply reply)
            {
                if (!Recorded)
                {
                    _outbox.RecordSent(_token, _entry);
                    Recorded = true;
                }
            }
        }
    }
}
