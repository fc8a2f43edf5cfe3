using System;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// The roll's state machine: closed, open, closing (docs/roll.md). Every change is journaled before it is
    /// applied in RAM, so after a reboot <see cref="Restore"/> gives back exactly the roll that was open.
    /// Student swipes never touch the network and allocate nothing; memory for the students is reserved when
    /// the object is made.
    /// Hand-over is two-phase: <see cref="BeginClose"/> returns the <see cref="ClosedRoll"/> (as often as asked,
    /// always the same content), the caller stores it in its outbox under its RollId, then calls
    /// <see cref="CompleteClose"/>, which deletes the journal. A power cut in between restores the roll in
    /// <see cref="RollState.Closing"/>, and the outbox, keyed by RollId, takes it again without a duplicate.
    /// </summary>
    public class AttendanceRoll
    {
        /// <summary>Before this year the clock has not been set by SNTP (the board starts in 1970 or 2000).</summary>
        public const int FirstValidYear = 2020;

        /// <summary>A journaled time before this is impossible (no roll opens before the clock is set).</summary>
        public static readonly long EarliestValidTicks = new DateTime(FirstValidYear, 1, 1).Ticks;

        /// <summary>
        /// A journaled time after this is impossible too: far beyond any real clock, and far enough below
        /// DateTime.MaxValue that local times (UTC offset added) and e-mail dates can never overflow.
        /// </summary>
        public static readonly long LatestValidTicks = new DateTime(2200, 1, 1).Ticks;

        /// <summary>
        /// How far a replayed swipe or close may go back in time before the record counts as damaged. Records
        /// written by this version never go back (see <see cref="SwipeWhileOpen"/>); older journals could by a
        /// clock correction, never by hours.
        /// </summary>
        public static readonly long ReplayBackwardToleranceTicks = TimeSpan.TicksPerHour;

        private readonly RollOptions options;
        private readonly IClock clock;
        private readonly IProfessorDirectory directory;
        private readonly RollJournal journal;
        private readonly RollSequence sequence;
        private readonly ProfessorCache professors;
        private readonly SwipeList students;
        private readonly char[] codeBuffer;

        private RollState state;
        private string terminalId;
        private string professorCode;
        private string professorEmail;
        private long openedTicks;

        // The open roll's number from the durable counter (0 for a roll restored from a version 1 journal).
        private long rollNumber;

        // Time of the latest record of the open roll: later records are never journaled before it, so a clock
        // stepped back mid-roll cannot make a journal that replays as damaged.
        private long lastRecordTicks;
        private long closedTicks;
        private bool closedAutomatically;

        // Set when an append failed: the journal may end in a partial record, so the next write rebuilds it whole.
        private bool journalNeedsRewrite;

        public AttendanceRoll(RollOptions options, IClock clock, IDurableStore store, IProfessorDirectory directory)
        {
            if (options == null || clock == null || store == null || directory == null)
            {
                throw new ArgumentNullException(options == null ? "options" : clock == null ? "clock" : store == null ? "store" : "directory");
            }

            if (!IsPrintableAscii(options.TerminalId, 1, 32))
            {
                throw new ArgumentException("TerminalId must be 1 to 32 printable ASCII characters.", "options");
            }

            this.options = options;
            this.clock = clock;
            this.directory = directory;
            journal = new RollJournal(store, options.JournalName, options.MaximumCodeLength);
            sequence = new RollSequence(store, options.SequenceName);
            professors = new ProfessorCache(store, options.ProfessorCacheName, options.ProfessorCacheCapacity, options.ProfessorCacheDays);
            students = new SwipeList(options.Capacity, options.MaximumCodeLength);
            codeBuffer = new char[options.MaximumCodeLength];
            terminalId = options.TerminalId;
        }

        public RollState State
        {
            get { return state; }
        }

        /// <summary>Students stored in the current roll.</summary>
        public int StudentCount
        {
            get { return students.Count; }
        }

        public string ProfessorCode
        {
            get { return professorCode; }
        }

        /// <summary>The professor's e-mail from the server, or null when the roll was opened from the offline cache.</summary>
        public string ProfessorEmail
        {
            get { return professorEmail; }
        }

        public DateTime OpenedUtc
        {
            get { return UtcTicks.ToDateTime(openedTicks); }
        }

        /// <summary>Identity of the open or closing roll; null when closed.</summary>
        public string RollId
        {
            get { return state == RollState.Closed ? null : RollIdentity.Format(terminalId, OpenedUtc, rollNumber); }
        }

        /// <summary>What the last <see cref="Restore"/> found wrong with the durable roll counter (for the log), or null.</summary>
        public string SequenceProblem
        {
            get { return sequence.Problem; }
        }

        /// <summary>
        /// Why the lookup server did not answer the last professor swipe on a closed roll (null when it did):
        /// lets the caller log a refused key (<see cref="LookupFailure.KeyRefused"/>) even when the offline cache
        /// opened the roll anyway. The message holds no key material.
        /// </summary>
        public LookupException LastProfessorCheckFailure { get; private set; }

        /// <summary>Bytes of the journal's tail that the last <see cref="Restore"/> found torn or damaged and dropped.</summary>
        public int DroppedJournalBytes { get; private set; }

        /// <summary>The offline professor cache (read-only use outside the roll).</summary>
        public ProfessorCache Professors
        {
            get { return professors; }
        }

        /// <summary>
        /// Call once at start-up: loads the professor cache and rebuilds the roll from the journal. A torn or
        /// damaged tail is dropped (and cut from the journal, so later appends follow valid records); a damaged
        /// record between intact ones is skipped and the journal rebuilt from what was restored.
        /// </summary>
        public void Restore()
        {
            professors.Load();
            ResetToClosed();
            DroppedJournalBytes = 0;
            JournalLost = false;
            byte[] data = ReadJournal();
            if (data == null)
            {
                sequence.Load(0);
                return;
            }

            int position = 0;
            int validEnd = 0;
            int appliedBytes = 0;
            bool gap = false;
            while (state != RollState.Closing && position < data.Length)
            {
                int next = RollJournal.NextRecord(data, position, data.Length);
                if (next >= 0 && Replay(data, position, next - 4))
                {
                    appliedBytes += next - position;
                    position = next;
                    validEnd = next;
                    continue;
                }

                if (state == RollState.Closed)
                {
                    // No intact Open record first: nothing says whose roll the rest belongs to.
                    break;
                }

                // A damaged or impossible record inside an open roll costs that record, not every one after it:
                // the replay goes on at the next intact record (each is CRC-checked, so a false match needs a
                // 1-in-2^32 accident). At the end of the journal this finds nothing: the torn-tail rule.
                int resume = next >= 0 ? next : RollJournal.NextIntactRecord(data, position + 1, data.Length);
                if (resume < 0)
                {
                    break;
                }

                gap = true;
                position = resume;
            }

            DroppedJournalBytes = data.Length - appliedBytes;

            // A journal is only ever created whole by an Open record (Replace), so one without a valid Open was
            // damaged after it was written: the roll it held is lost, and the caller must say so loudly.
            JournalLost = state == RollState.Closed && data.Length > 0;
            sequence.Load(state == RollState.Closed ? 0 : rollNumber);
            RestoreJournalEnd(data, validEnd, gap);
        }

        /// <summary>
        /// True when the last <see cref="Restore"/> found a journal whose Open record was damaged: the roll it held
        /// cannot be rebuilt (nothing says who opened it or when). Its bytes are kept as "damaged.JOURNALNAME".
        /// </summary>
        public bool JournalLost { get; private set; }

        private byte[] ReadJournal()
        {
            try
            {
                return journal.ReadAll();
            }
            catch (Exception)
            {
                // Unreadable as a whole: nothing to restore, and start-up goes on (the next Open replaces it).
                return null;
            }
        }

        private void RestoreJournalEnd(byte[] data, int validEnd, bool gap)
        {
            try
            {
                if (gap && state == RollState.Open)
                {
                    // Damage in the middle: rebuild the journal from what was restored, so later appends follow
                    // only intact records. (A Closing roll is handed over next, and its journal deleted.)
                    journalNeedsRewrite = true;
                    RewriteJournalIfNeeded();
                    return;
                }

                if (state == RollState.Closed)
                {
                    ResetToClosed();
                    if (JournalLost)
                    {
                        journal.SetAside(data);
                    }

                    journal.Delete();
                }
                else if (validEnd < data.Length)
                {
                    journal.Replace(data, validEnd);
                }
            }
            catch (Exception)
            {
                // Start-up must not fail on a flash fault: the roll is restored in RAM, and the next write
                // rebuilds the journal whole (an Open replaces it anyway).
                journalNeedsRewrite = state != RollState.Closed;
            }
        }

        public SwipeResult Swipe(string code)
        {
            if (code == null || code.Length > codeBuffer.Length)
            {
                throw new ArgumentException("The code must have 1 to MaximumCodeLength characters.", "code");
            }

            for (int index = 0; index < code.Length; index++)
            {
                codeBuffer[index] = code[index];
            }

            return Swipe(codeBuffer, code.Length);
        }

        /// <summary>
        /// The step function: one card code (printable ASCII, already upper-cased by the framer) in
        /// <paramref name="code"/>[0..length). Calls the network only in <see cref="RollState.Closed"/>.
        /// </summary>
        public SwipeResult Swipe(char[] code, int length)
        {
            if (code == null || length < 1 || length > options.MaximumCodeLength || length > code.Length)
            {
                throw new ArgumentException("The code must have 1 to MaximumCodeLength characters.", "code");
            }

            for (int index = 0; index < length; index++)
            {
                if (code[index] <= ' ' || code[index] >= (char)0x7F)
                {
                    throw new ArgumentException("Card codes are printable ASCII.", "code");
                }
            }

            switch (state)
            {
                case RollState.Closed:
                    return TryOpen(code, length);
                case RollState.Open:
                    return SwipeWhileOpen(code, length);
                default:
                    return SwipeResult.ClosePending;
            }
        }

        /// <summary>
        /// Call periodically: closes a roll open longer than <see cref="RollOptions.MaximumOpenMinutes"/>.
        /// Returns true when it did (the roll is then <see cref="RollState.Closing"/>).
        /// </summary>
        public bool CloseIfOverdue()
        {
            if (state != RollState.Open || !ClockIsSet())
            {
                return false;
            }

            DateTime now = clock.UtcNow;
            if (now.Ticks - openedTicks < TimeSpan.TicksPerMinute * options.MaximumOpenMinutes)
            {
                return false;
            }

            return StartClosing(now.Ticks, true);
        }

        /// <summary>
        /// The roll to hand over; valid in <see cref="RollState.Closing"/>, same content on every call. Its students
        /// are read from this roll one at a time (<see cref="ClosedRoll.StudentReader"/>), not copied, so they are
        /// valid until <see cref="CompleteClose"/>: store them before completing.
        /// </summary>
        public ClosedRoll BeginClose()
        {
            if (state != RollState.Closing)
            {
                throw new InvalidOperationException("No roll is closing.");
            }

            ClosedRoll roll = Header();
            roll.StudentReader = new SwipeListStudents(students);
            return roll;
        }

        /// <summary>
        /// A copy of the current roll (open or closing; ClosedUtc is DateTime.MinValue while open), or null when
        /// closed. Allocates: for hand-over, diagnostics and tests, not for the swipe path.
        /// </summary>
        public ClosedRoll Snapshot()
        {
            if (state == RollState.Closed)
            {
                return null;
            }

            ClosedRoll roll = Header();
            int count = students.Count;
            roll.StudentCodes = new string[count];
            roll.SwipeTimesUtc = new DateTime[count];
            for (int slot = 0; slot < count; slot++)
            {
                roll.StudentCodes[slot] = students.CodeAt(slot);
                roll.SwipeTimesUtc[slot] = new DateTime(students.TicksAt(slot));
            }

            return roll;
        }

        private ClosedRoll Header()
        {
            ClosedRoll roll = new ClosedRoll();
            roll.RollId = RollId;
            roll.TerminalId = terminalId;
            roll.ProfessorCode = professorCode;
            roll.ProfessorEmail = professorEmail;
            roll.OpenedUtc = UtcTicks.ToDateTime(openedTicks);
            roll.ClosedUtc = UtcTicks.ToDateTime(closedTicks);
            roll.ClosedAutomatically = closedAutomatically;
            return roll;
        }

        /// <summary>After the caller has stored the roll from <see cref="BeginClose"/> durably: forgets it.</summary>
        public void CompleteClose()
        {
            if (state != RollState.Closing)
            {
                throw new InvalidOperationException("No roll is closing.");
            }

            journal.Delete();
            ResetToClosed();
        }

        private SwipeResult TryOpen(char[] code, int length)
        {
            if (!ClockIsSet())
            {
                return SwipeResult.ClockNotSet;
            }

            DateTime now = clock.UtcNow;
            string candidate = new string(code, 0, length);
            string email;
            LastProfessorCheckFailure = null;
            try
            {
                email = directory.FindProfessorEmail(candidate);
            }
            catch (LookupException exception)
            {
                LastProfessorCheckFailure = exception;
                if (!professors.Contains(candidate, now))
                {
                    return exception.Failure == LookupFailure.KeyRefused ? SwipeResult.KeyRefused : SwipeResult.ServerUnreachable;
                }

                return Open(now.Ticks, candidate, null) ? SwipeResult.OpenedFromCache : SwipeResult.StorageFailed;
            }

            if (email == null)
            {
                SaveCacheChange(candidate, now, false);
                return SwipeResult.NotProfessor;
            }

            SaveCacheChange(candidate, now, true);
            return Open(now.Ticks, candidate, email) ? SwipeResult.Opened : SwipeResult.StorageFailed;
        }

        private SwipeResult SwipeWhileOpen(char[] code, int length)
        {
            if (IsProfessor(code, length))
            {
                if (!ClockIsSet())
                {
                    return SwipeResult.ClockNotSet;
                }

                return StartClosing(clock.UtcNow.Ticks, false) ? SwipeResult.Closing : SwipeResult.StorageFailed;
            }

            if (students.IndexOf(code, length) >= 0)
            {
                return SwipeResult.Duplicate;
            }

            // The cheap check documented in docs/roll.md: only the cache, never the network, for student swipes.
            if (!ClockIsSet())
            {
                return SwipeResult.ClockNotSet;
            }

            DateTime now = clock.UtcNow;
            if (professors.Contains(code, length, now))
            {
                return SwipeResult.OtherProfessor;
            }

            if (students.IsFull)
            {
                return SwipeResult.RollFull;
            }

            long ticks = NotBeforeLatestRecord(now.Ticks);
            try
            {
                RewriteJournalIfNeeded();
                journal.AppendSwipe(ticks, code, length);
            }
            catch (Exception)
            {
                // The store's exceptions are platform-specific; whichever it is, the swipe is refused and the
                // journal is rebuilt whole before the next record.
                journalNeedsRewrite = true;
                return SwipeResult.StorageFailed;
            }

            students.Add(code, length, ticks);
            lastRecordTicks = ticks;
            return SwipeResult.Accepted;
        }

        private bool Open(long nowTicks, string code, string email)
        {
            // The roll's identity ends in a number from the durable counter (RollIdentity, RollSequence), and the
            // outbox and the e-mail's Message-ID rely on it being unique: the number is written before the Open
            // is journaled, so no restart, power cut or clock step can hand it out twice.
            long number;
            try
            {
                number = sequence.Reserve(nowTicks);

                // AppendOpen replaces the whole journal: a new roll never follows an old one's leftovers.
                journal.AppendOpen(nowTicks, number, terminalId, code, email);
            }
            catch (Exception)
            {
                return false;
            }

            journalNeedsRewrite = false;
            students.Clear();
            state = RollState.Open;
            professorCode = code;
            professorEmail = email;
            openedTicks = nowTicks;
            lastRecordTicks = nowTicks;
            rollNumber = number;
            return true;
        }

        private bool StartClosing(long nowTicks, bool automatic)
        {
            nowTicks = NotBeforeLatestRecord(nowTicks);
            try
            {
                RewriteJournalIfNeeded();
                journal.AppendClose(nowTicks, automatic);
            }
            catch (Exception)
            {
                journalNeedsRewrite = true;
                return false;
            }

            state = RollState.Closing;
            closedTicks = nowTicks;
            closedAutomatically = automatic;
            return true;
        }

        private void RewriteJournalIfNeeded()
        {
            if (!journalNeedsRewrite)
            {
                return;
            }

            int size = RollJournal.OpenRecordSize(terminalId, professorCode, professorEmail);
            for (int slot = 0; slot < students.Count; slot++)
            {
                size += RollJournal.Overhead + 9 + students.CodeLengthAt(slot);
            }

            byte[] image = new byte[size];
            int position = RollJournal.EncodeOpen(image, 0, openedTicks, rollNumber, terminalId, professorCode, professorEmail);
            for (int slot = 0; slot < students.Count; slot++)
            {
                string code = students.CodeAt(slot);
                position = RollJournal.EncodeSwipe(image, position, students.TicksAt(slot), code.ToCharArray(), code.Length);
            }

            journal.Replace(image, position);
            journalNeedsRewrite = false;
        }

        /// <summary>Applies one journal record (payload up to <paramref name="payloadEnd"/>); false when it is damaged or impossible (the replay skips it).</summary>
        private bool Replay(byte[] data, int position, int payloadEnd)
        {
            byte type = data[position + 2];
            int payload = position + 3;
            if (type == RollJournal.OpenRecord)
            {
                return state == RollState.Closed && ReplayOpen(data, payload, payloadEnd);
            }

            if (state != RollState.Open || payloadEnd - payload < 9)
            {
                return false;
            }

            // A record with a valid CRC but an impossible time counts as damaged, like a torn one: the replay
            // skips it, so a roll can never be handed over with a time the outbox or the e-mail cannot hold.
            long ticks = LittleEndian.ReadInt64(data, payload);
            if (ticks > LatestValidTicks || ticks < lastRecordTicks - ReplayBackwardToleranceTicks)
            {
                return false;
            }

            ticks = NotBeforeLatestRecord(ticks);

            if (type == RollJournal.CloseRecord)
            {
                if (payloadEnd - payload != 9 || data[payload + 8] > 1)
                {
                    return false;
                }

                state = RollState.Closing;
                closedTicks = ticks;
                closedAutomatically = data[payload + 8] != 0;
                return true;
            }

            if (type != RollJournal.SwipeRecord)
            {
                return false;
            }

            int length = data[payload + 8];
            if (length < 1 || length > codeBuffer.Length || payload + 9 + length != payloadEnd)
            {
                return false;
            }

            for (int index = 0; index < length; index++)
            {
                byte value = data[payload + 9 + index];
                if (value <= (byte)' ' || value >= 0x7F)
                {
                    return false;
                }

                codeBuffer[index] = (char)value;
            }

            if (students.IndexOf(codeBuffer, length) < 0 && !students.IsFull)
            {
                students.Add(codeBuffer, length, ticks);
            }

            lastRecordTicks = ticks;
            return true;
        }

        private bool ReplayOpen(byte[] data, int payload, int payloadEnd)
        {
            if (payloadEnd - payload < 10)
            {
                return false;
            }

            byte version = data[payload];
            if (version != RollJournal.FormatVersion && version != RollJournal.FormatVersion1)
            {
                return false;
            }

            long ticks = LittleEndian.ReadInt64(data, payload + 1);
            int cursor = payload + 9;
            long number = 0;
            if (version == RollJournal.FormatVersion)
            {
                if (payloadEnd - payload < 18)
                {
                    return false;
                }

                number = LittleEndian.ReadInt64(data, cursor);
                cursor += 8;
                if (number < 1 || number > RollIdentity.MaximumSequence)
                {
                    return false;
                }
            }

            if (ticks < EarliestValidTicks || ticks > LatestValidTicks)
            {
                return false;
            }

            string terminal = RollJournal.ReadAscii(data, cursor, payloadEnd);
            if (terminal == null || !IsPrintableAscii(terminal, 1, 32))
            {
                return false;
            }

            cursor += 1 + terminal.Length;
            string professor = RollJournal.ReadAscii(data, cursor, payloadEnd);
            if (professor == null || !IsPrintableAscii(professor, 1, options.MaximumCodeLength)
                || cursor + 1 + professor.Length + 2 > payloadEnd)
            {
                return false;
            }

            cursor += 1 + professor.Length;
            int emailLength = LittleEndian.ReadUInt16(data, cursor);
            string email = null;
            if (emailLength != 0xFFFF)
            {
                if (cursor + 2 + emailLength != payloadEnd)
                {
                    return false;
                }

                email = DecodeUtf8OrNull(data, cursor + 2, emailLength);
                if (email == null)
                {
                    return false;
                }
            }
            else if (cursor + 2 != payloadEnd)
            {
                return false;
            }

            state = RollState.Open;
            terminalId = terminal;
            professorCode = professor;
            professorEmail = email;
            openedTicks = ticks;
            lastRecordTicks = ticks;
            rollNumber = number;
            students.Clear();
            return true;
        }

        private static string DecodeUtf8OrNull(byte[] data, int offset, int count)
        {
            try
            {
                string text = System.Text.Encoding.UTF8.GetString(data, offset, count);
                for (int index = 0; index < text.Length; index++)
                {
                    if (text[index] < ' ' || text[index] == (char)0xFFFD)
                    {
                        return null;
                    }
                }

                return text;
            }
            catch (Exception)
            {
                return null;
            }
        }

        private bool IsProfessor(char[] code, int length)
        {
            if (professorCode.Length != length)
            {
                return false;
            }

            for (int index = 0; index < length; index++)
            {
                if (professorCode[index] != code[index])
                {
                    return false;
                }
            }

            return true;
        }

        private void SaveCacheChange(string code, DateTime now, bool confirmed)
        {
            try
            {
                if (confirmed)
                {
                    professors.Confirm(code, now);
                }
                else
                {
                    professors.Forget(code);
                }
            }
            catch (Exception)
            {
                // The cache only helps when the server is unreachable; a flash fault here must not stop the roll.
                // The change is kept in RAM and saved with the next one.
            }
        }

        private void ResetToClosed()
        {
            state = RollState.Closed;
            students.Clear();
            terminalId = options.TerminalId;
            professorCode = null;
            professorEmail = null;
            openedTicks = 0;
            lastRecordTicks = 0;
            rollNumber = 0;
            closedTicks = 0;
            closedAutomatically = false;
            journalNeedsRewrite = false;
        }

        /// <summary>
        /// A record's time, never before the roll's latest record: a clock stepped back mid-roll (or a small step
        /// back in an older journal) does not take a swipe or the close back before what is already recorded.
        /// </summary>
        private long NotBeforeLatestRecord(long ticks)
        {
            return ticks < lastRecordTicks ? lastRecordTicks : ticks;
        }

        private bool ClockIsSet()
        {
            return IsClockSet(clock);
        }

        /// <summary>
        /// True once SNTP (or another source) has set the clock: before <see cref="FirstValidYear"/> it has not.
        /// The one test of it for the roll, the outbox's retry times and the "waiting for the time" signal.
        /// </summary>
        public static bool IsClockSet(IClock clock)
        {
            return clock.UtcNow.Year >= FirstValidYear;
        }

        private static bool IsPrintableAscii(string text, int minimumLength, int maximumLength)
        {
            if (text == null || text.Length < minimumLength || text.Length > maximumLength)
            {
                return false;
            }

            for (int index = 0; index < text.Length; index++)
            {
                if (text[index] <= ' ' || text[index] >= (char)0x7F)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
