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
    /// Delivery is at least once, never at most once. "Sent" is written durably from inside the SMTP client the
    /// moment the 250 to the final "." arrives, before QUIT. A power cut between the server's 250 and that write
    /// (a few milliseconds) sends the message again at the next attempt, with the same Message-ID and Date, which
    /// come from the stored report, so receivers can recognise the duplicate (RFC 5322 section 3.6.4). A failure
    /// before the 250 means the server did not take the message (RFC 5321 section 4.1.1.4), so retrying is right.
    /// </para>
    /// <para>
    /// Nothing in the stored bytes can make it throw or stop other rolls: every record is checked line by line
    /// (<see cref="RecordWriter"/>); a damaged record is copied aside as "damaged.NAME", logged at Error and
    /// counted (<see cref="DamagedRecordsFound"/>). A damaged state is rebuilt as pending; a damaged report is
    /// looked up again; a damaged roll is sent from its intact report, or rebuilt from its intact lines (the log
    /// says how many students may be missing), or kept as failed and "lost" when nothing identifies it.
    /// </para>
    /// <para>
    /// Threads: <see cref="ProcessDue"/> may run on a network worker while <see cref="Enqueue"/>,
    /// <see cref="Entries"/>, <see cref="HasFailedMail"/> and <see cref="Resend"/> are called from the door loop.
    /// One lock guards the record reads and writes and the due times; it is never held across a lookup, a send or
    /// the checking of a large record, so the door loop waits at most for one small flash write, never for the
    /// network. Enqueue writes a whole roll and its state under the lock, so ProcessDue never sees it half-written.
    /// </para>
    /// </summary>
    public class Outbox
    {
        public const string Source = "outbox";

        /// <summary>Damaged records are copied aside under this prefix, outside the outbox's own names.</summary>
        public const string DamagedPrefix = OutboxRecordSet.DamagedPrefix;

        private const string RollSuffix = OutboxRecordSet.RollSuffix;
        private const string ReportSuffix = OutboxRecordSet.ReportSuffix;
        private const string StateSuffix = OutboxRecordSet.StateSuffix;
        private const string LinesSuffix = OutboxRecordSet.LinesSuffix;

        private readonly IDurableStore _store;
        private readonly IRollReportBuilder _reportBuilder;
        private readonly IRollUploader _uploader;
        private readonly ISmtpSender _sender;
        private readonly IClock _clock;
        private readonly OutboxOptions _options;
        private readonly IEventLog _log;
        private readonly OutboxRecordSet _records;
        private readonly object _gate = new object();

        /// <summary>The store under <see cref="_gate"/> per call: large records are read and written piece by piece through it.</summary>
        private readonly IDurableStore _gated;

        /// <summary>
        /// The one window through which the worker reads every large record, one reader after the other (the roll,
        /// the lookup's lines, the report): a close costs one window, not one per record. Also the buffer for
        /// copying a damaged record aside (under the lock, between readers).
        /// </summary>
        private readonly byte[] _window = new byte[RecordReader.WindowBytes];

        /// <summary>Due times on the monotonic clock for this boot, by record token; the persisted UTC time is the fallback.</summary>
        private readonly Hashtable _dueMonotonic = new Hashtable();

        private int _damagedRecordsFound;
        private bool _settingsChecked;

        public Outbox(IDurableStore store, IRollReportBuilder reportBuilder, ISmtpSender sender, IClock clock,
            OutboxOptions options, IEventLog log)
            : this(store, reportBuilder, null, sender, clock, options, log)
        {
        }

        /// <summary>
        /// An outbox that also stores each roll on the server through <paramref name="uploader"/> (null: e-mail only).
        /// A roll is then finished only when the server stored it and the mail server accepted its e-mail, each
        /// retried on its own; the lookup at close goes through the uploader, which uploads on the same connection.
        /// </summary>
        public Outbox(IDurableStore store, IRollReportBuilder reportBuilder, IRollUploader uploader, ISmtpSender sender, IClock clock,
            OutboxOptions options, IEventLog log)
        {
            _store = store;
            _reportBuilder = reportBuilder;
            _uploader = uploader;
            _sender = sender;
            _clock = clock;
            _options = options;
            _log = log;
            _records = new OutboxRecordSet(store, options.RecordPrefix);
            _gated = new GatedStore(store, _gate);

            // At start-up, so a failed roll shows as pending at once (a terminal that finds only failed rolls may
            // not call ProcessDue). A store fault here must not stop start-up: the first ProcessDue tries again.
            try
            {
                RetryAfterSettingsChange();
                _settingsChecked = true;
            }
            catch (Exception exception)
            {
                Log(LogLevel.Error, "Could not look for rolls that failed under other settings: " + exception.Message);
            }
        }

        /// <summary>Damaged records found and set aside since this outbox was made (the terminal signals them).</summary>
        public int DamagedRecordsFound
        {
            get
            {
                lock (_gate)
                {
                    return _damagedRecordsFound;
                }
            }
        }

        /// <summary>
        /// True while a roll that failed permanently is kept (read from the store, so it holds across reboots):
        /// the terminal shows "e-mail failed" from this at start-up and after each <see cref="ProcessDue"/>.
        /// </summary>
        public bool HasFailedMail
        {
            get { return AnyFailed(Entries()); }
        }

        /// <summary>True when <paramref name="entries"/> hold a roll that failed for good (kept for a person).</summary>
        public static bool AnyFailed(OutboxEntry[] entries)
        {
            return AnyWithFailedStatus(entries, true);
        }

        /// <summary>True when <paramref name="entries"/> hold an e-mail still to be sent (failed ones wait for a person).</summary>
        public static bool AnyUnsent(OutboxEntry[] entries)
        {
            return AnyWithFailedStatus(entries, false);
        }

        private static bool AnyWithFailedStatus(OutboxEntry[] entries, bool failed)
        {
            for (int i = 0; i < entries.Length; i++)
            {
                if ((entries[i].Status == OutboxEntryStatus.Failed) == failed)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Stores a closed roll durably, whole, before returning; the caller deletes its journal only after this
        /// returns, so a store fault (this throws) keeps the roll in the journal. Returns false only when the same
        /// roll (same content) is already stored: a hand-over repeated after a power cut. A different roll with the
        /// same RollId (a clock stepped back, a restart within the same second) is stored under a new identity,
        /// "RollId-2" (or -3...), and <paramref name="roll"/>.RollId is changed to it, so it gets its own Message-ID.
        /// </summary>
        public bool Enqueue(ClosedRoll roll)
        {
            if (roll == null || roll.RollId == null)
            {
                throw new ArgumentNullException("roll");
            }

            lock (_gate)
            {
                string original = roll.RollId;
                string identity = original;
                for (int attempt = 2; ; attempt++)
                {
                    string token = MessageIdentity.SafeToken(identity);
                    int verdict = _records.CompareStored(token, roll, identity);
                    if (verdict == OutboxRecordSet.StoredSame)
                    {
                        Log(LogLevel.Information, "Roll " + identity + " is already in the outbox.");
                        return false;
                    }

                    if (verdict == OutboxRecordSet.StoredNone)
                    {
                        if (identity != original)
                        {
                            Log(LogLevel.Warning, "Roll " + original + ": another roll with this identity is already in the outbox; stored as "
                                + identity + ".");
                            roll.RollId = identity;
                        }

                        OutboxRecords.WriteRoll(_store, Name(token, RollSuffix), roll);
                        OutboxEntry entry = new OutboxEntry();
                        entry.RollId = identity;
                        entry.Status = OutboxEntryStatus.Pending;
                        OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
                        Log(LogLevel.Information, "Roll " + identity + " stored with " + OutboxRecordSet.Count(roll).ToString() + " students.");
                        return true;
                    }

                    identity = original + "-" + attempt.ToString();
                }
            }
        }

        /// <summary>Every roll in the outbox and its state, in record-name order. Reads only; repairs wait for <see cref="ProcessDue"/>.</summary>
        public OutboxEntry[] Entries()
        {
            lock (_gate)
            {
                string[] names = _records.List();
                string[] tokens = _records.Tokens(names);
                OutboxEntry[] entries = new OutboxEntry[tokens.Length];
                for (int i = 0; i < tokens.Length; i++)
                {
                    entries[i] = _records.ReadState(tokens[i]);
                    entries[i].HasReport = OutboxRecordSet.Contains(names, Name(tokens[i], ReportSuffix));
                }

                return entries;
            }
        }

        /// <summary>
        /// Puts failed rolls back to pending for one more attempt, on a person's request (host command
        /// "outbox resend"): all of them when <paramref name="rollId"/> is null, else the one with that RollId
        /// (or record token). Returns how many were put back.
        /// </summary>
        public int Resend(string rollId)
        {
            int count = 0;
            lock (_gate)
            {
                string[] tokens = _records.Tokens();
                for (int i = 0; i < tokens.Length; i++)
                {
                    OutboxEntry entry = _records.ReadState(tokens[i]);
                    if (entry.Status != OutboxEntryStatus.Failed
                        || (rollId != null && rollId != entry.RollId && rollId != tokens[i]))
                    {
                        continue;
                    }

                    entry.RetriedAfterSettingsChange = false;
                    BackToPending(tokens[i], entry, "resent on request");
                    count++;
                }
            }

            return count;
        }

        /// <summary>
        /// Makes one attempt for every roll that is due: looks it up (and uploads it) if needed, uploads it alone when
        /// only that is left, then sends it. After a transient send failure the remaining rolls' e-mails wait for the
        /// next call (the server is likely unavailable for all); a roll whose e-mail is accepted still gets its upload.
        /// The first call also retries, once, rolls that failed under other settings, if the constructor could
        /// not (a store fault). Throws only when the store
        /// itself fails (or the sender throws after the 250 was recorded). Call it from one thread at a time.
        /// </summary>
        public OutboxResult ProcessDue()
        {
            OutboxResult result = new OutboxResult();
            if (!_settingsChecked)
            {
                RetryAfterSettingsChange();
                _settingsChecked = true;
            }

            bool serverTrouble = false;
            string[] tokens;
            lock (_gate)
            {
                tokens = _records.Tokens();
            }

            for (int i = 0; i < tokens.Length; i++)
            {
                string token = tokens[i];
                OutboxEntry entry = LoadStateRepairing(token, result);
                if (entry.Status == OutboxEntryStatus.Sent && UploadDone(entry))
                {
                    // A cut after the 250 was recorded with the upload done: only the clean-up is left. (A "sent" state
                    // without an upload, left by firmware older than the upload, goes on to upload its report.)
                    Remove(token);
                    continue;
                }

                if (entry.Status == OutboxEntryStatus.Failed)
                {
                    result.FailedKept++;
                    continue;
                }

                // After the mail server failed, only rolls whose e-mail is already accepted (their upload is left) go on.
                if ((serverTrouble && !entry.MailAccepted) || !IsDue(token, entry))
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
            RollReport report = LoadReport(token, entry, result);
            UploadResult upload = null;
            if (report == null)
            {
                if (entry.MailAccepted)
                {
                    // The e-mail went but its report is gone (a cut while the records were being removed, or damage): a
                    // new lookup could differ from what was mailed, whose code the server must match, so it is not redone.
                    Log(LogLevel.Warning, "Roll " + entry.RollId + ": its e-mail was accepted but its report is gone; the roll is not uploaded.");
                    Remove(token);
                    return;
                }

                report = LookUp(token, entry, result);
                if (report == null)
                {
                    return;
                }

                upload = report.Upload;
                report = null;

                // Checked before it is read back: a report without an address reads back as damaged.
                RollReport written = LoadReport(token, entry, result);
                if (written == null)
                {
                    LookupFailed(token, entry, result, "The report just written does not read back intact.", "report-readback");
                    return;
                }

                // Rendered from the stored report, as every later attempt is: the same bytes, and the lookup's
                // working record and bits are dropped before SMTP starts.
                report = written;
            }
            else if (!UploadDone(entry))
            {
                // The upload alone, on a connection of its own; the e-mail (if still due) follows whatever it gives.
                upload = _uploader.Upload(report);
                if (upload.Done)
                {
                    lock (_gate)
                    {
                        entry.Upload = upload.Outcome;
                        OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
                    }
                }
            }

            if (upload != null && upload.Outcome == UploadOutcome.Stored)
            {
                result.Uploaded++;
                Log(LogLevel.Information, "Roll " + entry.RollId + " uploaded: the lookup server stored it.");
            }

            if (!entry.MailAccepted && !Send(token, entry, result, report, ref serverTrouble))
            {
                // The e-mail's failure set the next attempt; the upload, if still to be made, rides along with it.
                return;
            }

            if (UploadDone(entry))
            {
                Remove(token);
                return;
            }

            UploadFailed(token, entry, result, upload);
        }

        /// <summary>
        /// Looks the roll up (with the upload as the exchange's last step when there is an uploader) and writes its
        /// report and state; null, with the failure recorded, when it cannot.
        /// </summary>
        private RollReport LookUp(string token, OutboxEntry entry, OutboxResult result)
        {
            RollReport report;
            ClosedRoll roll = LoadRoll(token, entry, result);
            if (roll == null)
            {
                FailPermanently(token, entry, result, 0, "Roll lost: its stored record is missing or damaged beyond use (kept as "
                    + DamagedPrefix + Name(token, RollSuffix) + " when it existed).");
                result.RollsLost++;
                return null;
            }

            // A state rebuilt or never written knows only the token; the roll knows its id.
            entry.RollId = roll.RollId;

            try
            {
                // The students' lines go to flash as the names arrive (".lines"), not to the heap.
                ReportEntryArea area = new StoredReportArea(_gated, Name(token, LinesSuffix), _window);
                report = _uploader != null ? _uploader.BuildAndUpload(roll, area) : _reportBuilder.Build(roll, area);

                // The board's interpreter keeps every local of a running method alive: drop the roll's reader
                // (and its window) before the message is sent.
                roll = null;
            }
            catch (LookupException exception)
            {
                if (exception.Failure == LookupFailure.KeyRefused)
                {
                    // Retried like any unreachable server (the server's key may be fixed), but signalled apart.
                    result.KeyRefused++;
                }

                LookupFailed(token, entry, result, "Lookup failed: " + exception.Message, FailureSignature.ForLookup(exception));
                return null;
            }
            catch (Exception exception)
            {
                LookupFailed(token, entry, result, "Lookup failed unexpectedly: " + exception.GetType().Name + ": " + exception.Message,
                    FailureSignature.ForUnexpected("lookup", exception));
                return null;
            }

            // Written piece by piece (the lock is taken per piece, so the door never waits for the whole record).
            OutboxRecords.WriteReport(_gated, Name(token, ReportSuffix), report);
            lock (_gate)
            {
                _store.Delete(Name(token, LinesSuffix));

                // The lookup phase is over; the send phase starts its own backoff.
                entry.Failures = 0;
                entry.IdenticalFailures = 0;
                entry.FailureSignature = null;
                entry.Status = OutboxEntryStatus.Pending;
                entry.HasReport = true;
                if (report.Upload != null && report.Upload.Done)
                {
                    entry.Upload = report.Upload.Outcome;
                }

                OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            }

            return Renderable(token, entry, result, report) ? report : null;
        }

        /// <summary>
        /// Sends the e-mail of <paramref name="report"/>; true once the server accepted it ("accepted" is written
        /// from inside the client at the 250), false with the failure recorded.
        /// </summary>
        private bool Send(string token, OutboxEntry entry, OutboxResult result, RollReport report, ref bool serverTrouble)
        {
            if (!Renderable(token, entry, result, report))
            {
                return false;
            }

            SentRecorder recorder = new SentRecorder(this, token, entry);
            ReportMessageContent content = new ReportMessageContent(report, _options.Message);
            SmtpMessage message = new SmtpMessage();
            message.Sender = _options.Message.SenderAddress;
            message.Recipients = AttendanceMessageWriter.Recipients(report, _options.Message);
            message.Content = content;
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

                result.Sent++;
                return true;
            }
            catch (SmtpException exception)
            {
                if (recorder.Recorded)
                {
                    result.Sent++;
                    return true;
                }

                if (exception.Kind == SmtpFailureKind.Permanent)
                {
                    FailPermanently(token, entry, result, exception.ReplyCode, exception.Message);
                }
                else
                {
                    SendFailed(token, entry, result, exception.ReplyCode, exception.Message, FailureSignature.ForSmtp(exception));
                    serverTrouble = true;
                }
            }
            catch (Exception exception)
            {
                if (recorder.Recorded || recorder.WriteFault != null)
                {
                    // Accepted (or the store failed while recording it): let the caller see it; the next pass cleans up.
                    throw;
                }

                if (content.RenderFailure != null)
                {
                    RenderFailed(token, entry, result, exception);
                }
                else
                {
                    SendFailed(token, entry, result, 0, "Sending failed: " + exception.GetType().Name + ": " + exception.Message, null);
                    serverTrouble = true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when nothing is left of the upload: the server stored the roll, or it need not or cannot be stored
        /// there (an older server, open mode), or this outbox has no uploader (PC tools, tests of the e-mail alone).
        /// </summary>
        private bool UploadDone(OutboxEntry entry)
        {
            return _uploader == null || entry.Upload != UploadOutcome.Pending;
        }

        /// <summary>
        /// The e-mail is accepted and only the upload is left: retried on the backoff schedule, on its own (the
        /// e-mail is never sent again for it). An answer that breaks the upload's rules the same way every time
        /// fails for good after <see cref="OutboxOptions.MaximumIdenticalFailures"/>, kept for a person.
        /// </summary>
        private void UploadFailed(string token, OutboxEntry entry, OutboxResult result, UploadResult upload)
        {
            string error = "Upload failed: " + (upload != null && upload.Error != null ? upload.Error : "not made yet.");
            string signature = upload == null || upload.Transient ? null : "upload " + upload.Error;
            if (FailureSignature.Repeated(entry, signature, _options.MaximumIdenticalFailures))
            {
                FailPermanently(token, entry, result, 0, RepeatedText(entry, error));
                return;
            }

            entry.Status = OutboxEntryStatus.RetryScheduled;
            ScheduleRetry(token, entry, 0, error);
            result.UploadRetryScheduled++;
        }

        /// <summary>False, with the failure recorded, when the report's headers cannot make a message (no address...).</summary>
        private bool Renderable(string token, OutboxEntry entry, OutboxResult result, RollReport report)
        {
            try
            {
                AttendanceMessageWriter.Validate(report, _options.Message);
                return true;
            }
            catch (InvalidMessageException exception)
            {
                FailPermanently(token, entry, result, 0, exception.Message);
            }
            catch (Exception exception)
            {
                RenderFailed(token, entry, result, exception);
            }

            return false;
        }

        /// <summary>
        /// The stored report when it is intact, its student lines left on flash (read one at a time when the message
        /// is rendered); a damaged one is set aside (the roll is looked up again).
        /// </summary>
        private RollReport LoadReport(string token, OutboxEntry entry, OutboxResult result)
        {
            string name = Name(token, ReportSuffix);
            RecordReader reader = new RecordReader(new StoredRecord(_gated, name), _window);
            if (reader.StoredLength < 0)
            {
                return null;
            }

            RollReport report = OutboxRecords.ParseReport(reader, false);
            if (reader.Intact && report != null)
            {
                return report;
            }

            SetAside(name, reader.Problem, result);
            Log(LogLevel.Error, "Roll " + entry.RollId + ": its stored report is damaged; the roll will be looked up again.");
            return null;
        }

        /// <summary>
        /// The stored roll when intact, its students left on flash (read one at a time by the lookup); when
        /// damaged, set aside and rebuilt from its intact lines (rewritten, so the next attempt reads it whole);
        /// null when nothing identifies it.
        /// </summary>
        private ClosedRoll LoadRoll(string token, OutboxEntry entry, OutboxResult result)
        {
            string name = Name(token, RollSuffix);
            RecordReader reader = new RecordReader(new StoredRecord(_gated, name), _window);
            if (reader.StoredLength < 0)
            {
                return null;
            }

            ClosedRoll roll = OutboxRecords.ParseRoll(reader, false);
            if (reader.Intact && roll != null && roll.RollId != null)
            {
                return roll;
            }

            // Salvage: the intact lines, this time kept in RAM (rare, and the record is about to be replaced).
            reader.Restart();
            roll = OutboxRecords.ParseRoll(reader, true);
            SetAside(name, reader.Problem, result);
            if (roll == null)
            {
                return null;
            }

            if (roll.RollId == null)
            {
                roll.RollId = entry.RollId != null ? entry.RollId : token;
            }

            int unreadable = reader.UnreadableLines;
            roll.StudentsPossiblyMissing = unreadable < 0 ? -1 : (unreadable == 0 ? 1 : unreadable);
            Log(LogLevel.Error, "ROLL " + roll.RollId + " DAMAGED ON FLASH: rebuilt from its intact lines with " + OutboxRecordSet.Count(roll).ToString()
                + " students; " + (unreadable < 0 ? "an unknown number of" : "up to " + unreadable.ToString())
                + " students may be MISSING from its e-mail (" + reader.Problem + ").");
            result.RollsSalvaged++;
            lock (_gate)
            {
                OutboxRecords.WriteRoll(_store, name, roll);
            }

            return roll;
        }

        /// <summary>The state, with a damaged one set aside and rebuilt as pending.</summary>
        private OutboxEntry LoadStateRepairing(string token, OutboxResult result)
        {
            lock (_gate)
            {
                OutboxEntry entry = _records.ReadState(token);
                if (entry.StateIntact)
                {
                    return entry;
                }

                string name = Name(token, StateSuffix);
                RecordReader reader = new RecordReader(_store.Read(name));
                OutboxRecords.ParseState(reader);
                SetAside(name, reader.Problem, result);
                entry.StateIntact = true;
                entry.LastError = "The delivery state was damaged and rebuilt as pending.";
                OutboxRecords.WriteState(_store, name, entry);
                Log(LogLevel.Error, "Roll " + token + ": its delivery state was damaged; rebuilt as pending.");
                return entry;
            }
        }

        /// <summary>Copies a damaged record aside, deletes it, counts and logs it.</summary>
        private void SetAside(string name, string problem, OutboxResult result)
        {
            string aside;
            lock (_gate)
            {
                if (_store.Length(name) < 0)
                {
                    return;
                }

                aside = _records.SetAside(name, _window);
                _damagedRecordsFound++;
            }

            result.DamagedRecords++;
            Log(LogLevel.Error, "Damaged record " + name + " (" + (problem != null ? problem : "required fields missing")
                + "): moved aside as " + aside + ".");
        }

        /// <summary>Writes "sent" durably; called from inside the SMTP client right after the 250.</summary>
        private void RecordSent(string token, OutboxEntry entry)
        {
            lock (_gate)
            {
                // With the upload still to be made the roll stays (its status is set by what happens to the upload).
                entry.MailAccepted = true;
                if (UploadDone(entry))
                {
                    entry.Status = OutboxEntryStatus.Sent;
                }

                entry.LastError = null;
                OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            }

            Log(LogLevel.Information, "Roll " + entry.RollId + " accepted by the mail server.");
        }

        private void LookupFailed(string token, OutboxEntry entry, OutboxResult result, string error, string signature)
        {
            if (FailureSignature.Repeated(entry, signature, _options.MaximumIdenticalFailures))
            {
                FailPermanently(token, entry, result, 0, RepeatedText(entry, error));
                return;
            }

            entry.Status = OutboxEntryStatus.WaitingForLookup;
            ScheduleRetry(token, entry, 0, error);
            result.WaitingForLookup++;
        }

        /// <summary>The stored report cannot be made into a message: the same data fails the same way, so it is bounded.</summary>
        private void RenderFailed(string token, OutboxEntry entry, OutboxResult result, Exception exception)
        {
            SendFailed(token, entry, result, 0, "The message cannot be rendered: " + exception.GetType().Name + ": " + exception.Message,
                FailureSignature.ForUnexpected("render", exception));
        }

        private void SendFailed(string token, OutboxEntry entry, OutboxResult result, int replyCode, string error, string signature)
        {
            if (FailureSignature.Repeated(entry, signature, _options.MaximumIdenticalFailures))
            {
                FailPermanently(token, entry, result, replyCode, RepeatedText(entry, error));
                return;
            }

            entry.Status = OutboxEntryStatus.RetryScheduled;
            ScheduleRetry(token, entry, replyCode, error);
            result.RetryScheduled++;
        }

        private static string RepeatedText(OutboxEntry entry, string error)
        {
            return "The same failure repeated " + entry.IdenticalFailures.ToString() + " times: " + error;
        }

        private void ScheduleRetry(string token, OutboxEntry entry, int replyCode, string error)
        {
            int delay;
            lock (_gate)
            {
                entry.Failures++;
                delay = RetrySchedule.DelaySeconds(entry.Failures, _options.FirstRetrySeconds, _options.MaximumRetrySeconds);
                entry.NextAttemptUtc = ClockIsSet() ? _clock.UtcNow.AddSeconds(delay) : DateTime.MinValue;
                entry.LastReplyCode = replyCode;
                entry.LastError = error;
                _dueMonotonic[token] = _clock.MonotonicMilliseconds + (delay * 1000L);
                OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            }

            Log(LogLevel.Warning, "Roll " + entry.RollId + ": " + error + " Next attempt in " + delay.ToString() + " s.");
        }

        private void FailPermanently(string token, OutboxEntry entry, OutboxResult result, int replyCode, string error)
        {
            lock (_gate)
            {
                entry.Status = OutboxEntryStatus.Failed;
                entry.LastReplyCode = replyCode;
                entry.LastError = error;
                entry.FailedUnderSettings = _options.SettingsFingerprint;
                _dueMonotonic.Remove(token);
                OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            }

            result.FailedPermanently++;
            result.FailedKept++;
            Log(LogLevel.Error, "Roll " + entry.RollId + " failed permanently and is kept: " + error);
        }

        /// <summary>Back to pending, due now, with a fresh backoff; the caller holds the lock.</summary>
        private void BackToPending(string token, OutboxEntry entry, string why)
        {
            entry.Status = OutboxEntryStatus.Pending;
            entry.Failures = 0;
            entry.IdenticalFailures = 0;
            entry.FailureSignature = null;
            entry.NextAttemptUtc = DateTime.MinValue;
            _dueMonotonic.Remove(token);
            OutboxRecords.WriteState(_store, Name(token, StateSuffix), entry);
            Log(LogLevel.Warning, "Roll " + entry.RollId + " failed earlier (" + entry.LastError + "); " + why + ".");
        }

        /// <summary>
        /// Failed rolls whose failure was recorded under other settings get one more attempt: the settings they
        /// failed under (an address, a password, a server) may be what was fixed. A new failure records the
        /// current fingerprint, so this cannot loop: each retry needs another settings change.
        /// </summary>
        private void RetryAfterSettingsChange()
        {
            string current = _options.SettingsFingerprint;
            if (current == null)
            {
                return;
            }

            lock (_gate)
            {
                string[] tokens = _records.Tokens();
                for (int i = 0; i < tokens.Length; i++)
                {
                    OutboxEntry entry = _records.ReadState(tokens[i]);
                    if (entry.Status == OutboxEntryStatus.Failed && entry.StateIntact && entry.FailedUnderSettings != current)
                    {
                        entry.RetriedAfterSettingsChange = true;
                        BackToPending(tokens[i], entry, "the settings changed since, so it is retried once");
                    }
                }
            }
        }

        /// <summary>
        /// Due on this boot's monotonic clock when a retry was scheduled during this boot; otherwise (after a reboot)
        /// by the persisted UTC time, or at once while the wall clock is still unset (before SNTP).
        /// </summary>
        private bool IsDue(string token, OutboxEntry entry)
        {
            lock (_gate)
            {
                object monotonic = _dueMonotonic[token];
                if (monotonic != null)
                {
                    return _clock.MonotonicMilliseconds >= (long)monotonic;
                }
            }

            return !ClockIsSet() || _clock.UtcNow >= entry.NextAttemptUtc;
        }

        private bool ClockIsSet()
        {
            return AttendanceRoll.IsClockSet(_clock);
        }

        /// <summary>Deletes the roll's records, the state last so a cut in between still knows it was sent.</summary>
        private void Remove(string token)
        {
            lock (_gate)
            {
                _records.Remove(token);
                _dueMonotonic.Remove(token);
            }
        }

        private string Name(string token, string suffix)
        {
            return _records.Name(token, suffix);
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

            /// <summary>The store's exception when writing "sent" failed; the caller rethrows it, never retries on it.</summary>
            public Exception WriteFault { get; private set; }

            public void Accepted(SmtpReply reply)
            {
                if (!Recorded)
                {
                    try
                    {
                        _outbox.RecordSent(_token, _entry);
                    }
                    catch (Exception exception)
                    {
                        WriteFault = exception;
                        throw;
                    }

                    Recorded = true;
                }
            }
        }
    }
}
