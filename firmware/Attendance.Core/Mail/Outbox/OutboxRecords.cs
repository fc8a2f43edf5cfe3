using System;
using System.Collections;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Security;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// The outbox's three records per roll, as text (readable when a person inspects the flash):
    /// the closed roll (".roll"), the looked-up report (".report") and the delivery state (".state").
    /// Times are stored as UTC ticks. Each line carries its own CRC (see <see cref="RecordWriter"/>); the Read
    /// methods throw <see cref="RecordFormatException"/> unless a record is exactly as written, the Parse methods
    /// return what is intact (every value range-checked) for salvage.
    /// </summary>
    public static class OutboxRecords
    {
        /// <summary>More students than any room holds: a count beyond this is damage, not a roll.</summary>
        public const int MaximumEntries = 5000;

        /// <summary>Far more failures than years of capped retries make: beyond this the state is damaged.</summary>
        public const int MaximumFailures = 1000000;

        /// <summary>Ticks of 2200-01-01T00:00:00Z, the latest time accepted from a record.</summary>
        public const long LatestTicks = 693937152000000000;

        /// <summary>Key of a student line of a ".roll": "s=CODE|TICKS".</summary>
        public const string StudentKey = "s";

        /// <summary>Key of a student line of a ".report": "e=CODE|NAME|TICKS|STATUS|LATE|UNREADABLE".</summary>
        public const string EntryKey = "e";
        public static void WriteRoll(IDurableStore store, string name, ClosedRoll roll)
        {
            RecordWriter writer = new RecordWriter(store, name);
            writer.Line("id", roll.RollId);
            writer.Line("terminal", roll.TerminalId);
            writer.Line("professor", roll.ProfessorCode);
            writer.Line("email", roll.ProfessorEmail);
            writer.Line("opened", roll.OpenedUtc.Ticks.ToString());
            writer.Line("closed", roll.ClosedUtc.Ticks.ToString());
            writer.Line("auto", roll.ClosedAutomatically ? "1" : "0");
            if (roll.StudentsPossiblyMissing != 0)
            {
                writer.Line("missing", roll.StudentsPossiblyMissing.ToString());
            }

            RollStudentReader students = roll.OpenStudents();
            while (students.Next())
            {
                writer.Line(StudentKey, RecordWriter.Join(new string[] { students.Code, students.SwipeUtc.Ticks.ToString() }));
            }

            writer.Finish();
        }

        /// <summary>The stored roll, exactly as written; throws <see cref="RecordFormatException"/> when it is not.</summary>
        public static ClosedRoll ReadRoll(byte[] data)
        {
            RecordReader reader = new RecordReader(data);
            ClosedRoll roll = ParseRoll(reader, true);

            // The writer always writes the id; only salvage (ParseRoll) may fill in a missing one.
            RequireIntact(reader, roll != null && roll.RollId != null ? roll : null);
            return roll;
        }

        /// <summary>
        /// Everything intact in a stored roll, for salvage: values out of range are rejected line by line (see
        /// <see cref="RecordReader.Intact"/> afterwards). Null when nothing identifies the roll (no professor or
        /// no opening time: the lookup could not find its class). A missing id is left null for the caller to fill.
        /// </summary>
        public static ClosedRoll ParseRoll(RecordReader reader)
        {
            return ParseRoll(reader, true);
        }

        /// <summary>
        /// As <see cref="ParseRoll(RecordReader)"/>; with <paramref name="keepStudents"/> false every student line
        /// is checked and counted but not kept, and the roll reads its students from the same record when asked
        /// (<see cref="ClosedRoll.StudentReader"/>): checking a roll on flash costs no heap per student.
        /// </summary>
        public static ClosedRoll ParseRoll(RecordReader reader, bool keepStudents)
        {
            ClosedRoll roll = new ClosedRoll();
            ArrayList codes = new ArrayList();
            ArrayList times = new ArrayList();
            int count = 0;
            bool opened = false;
            bool closed = false;
            while (reader.Next())
            {
                string key = reader.Key;
                string value = reader.Value;
                try
                {
                    if (key == "id") { roll.RollId = Text(value); }
                    else if (key == "terminal") { roll.TerminalId = value; }
                    else if (key == "professor") { roll.ProfessorCode = Text(value); }
                    else if (key == "email") { roll.ProfessorEmail = value; }
                    else if (key == "opened") { roll.OpenedUtc = Ticks(value); opened = true; }
                    else if (key == "closed") { roll.ClosedUtc = Ticks(value); closed = true; }
                    else if (key == "auto") { roll.ClosedAutomatically = Flag(value); }
                    else if (key == "missing") { roll.StudentsPossiblyMissing = (int)RecordReader.ParseInRange(value, -1, MaximumEntries); }
                    else if (key == StudentKey)
                    {
                        if (count >= MaximumEntries)
                        {
                            throw new RecordFormatException("more than " + MaximumEntries.ToString() + " students");
                        }

                        DateTime time;
                        string code = ParseStudent(value, out time);
                        count++;
                        if (keepStudents)
                        {
                            codes.Add(code);
                            times.Add(time);
                        }
                    }
                    else
                    {
                        throw new RecordFormatException("is not a roll field");
                    }
                }
                catch (RecordFormatException exception)
                {
                    reader.Reject(exception.Message);
                }
            }

            if (roll.ProfessorCode == null || !opened)
            {
                return null;
            }

            if (!closed)
            {
                roll.ClosedUtc = roll.OpenedUtc;
            }

            if (!keepStudents)
            {
                roll.StudentReader = new StoredRollStudents(reader, count);
                return roll;
            }

            roll.StudentCodes = new string[codes.Count];
            roll.SwipeTimesUtc = new DateTime[times.Count];
            for (int i = 0; i < codes.Count; i++)
            {
                roll.StudentCodes[i] = (string)codes[i];
                roll.SwipeTimesUtc[i] = (DateTime)times[i];
            }

            return roll;
        }

        /// <summary>The code of a ".roll" student line's value, and its swipe time; throws <see cref="RecordFormatException"/>.</summary>
        public static string ParseStudent(string value, out DateTime swipeUtc)
        {
            string[] fields = Fields(value, 2);
            swipeUtc = Ticks(fields[1]);
            return Text(fields[0]);
        }

        /// <summary>The value of a ".report" student line.</summary>
        public static string EntryValue(ReportEntry entry)
        {
            return RecordWriter.Join(new string[]
            {
                entry.StudentCode, entry.StudentName, entry.SwipeUtc.Ticks.ToString(), ((int)entry.Status).ToString(),
                entry.Late ? "1" : "0", entry.NameUnreadable ? "1" : "0",
            });
        }

        /// <summary>
        /// Fills <paramref name="entry"/> from a ".report" student line's value, every field range-checked; throws
        /// <see cref="RecordFormatException"/>. Six fields; five in reports written before "name unreadable" was
        /// kept (read as readable).
        /// </summary>
        public static void ParseEntry(string value, ReportEntry entry)
        {
            string[] fields = Fields(value, 5, 6);
            entry.StudentCode = Text(fields[0]);
            entry.StudentName = fields[1];
            entry.SwipeUtc = Ticks(fields[2]);
            entry.Status = (AttendanceStatus)(int)RecordReader.ParseInRange(fields[3], (int)AttendanceStatus.Enrolled,
                (int)AttendanceStatus.UnknownStudent);
            entry.Late = Flag(fields[4]);
            entry.NameUnreadable = fields.Length > 5 && Flag(fields[5]);
        }

        public static void WriteReport(IDurableStore store, string name, RollReport report)
        {
            RecordWriter writer = new RecordWriter(store, name);
            writer.Line("id", report.RollId);
            writer.Line("terminal", report.TerminalId);
            writer.Line("professor", report.ProfessorCode);
            writer.Line("professorName", report.ProfessorName);
            writer.Line("email", report.ProfessorEmail);
            writer.Line("class", report.ClassCode);
            writer.Line("className", report.ClassName);
            writer.Line("course", report.CourseCode);
            writer.Line("courseName", report.CourseName);
            writer.Line("start", report.ClassStartMinuteOfDay.ToString());
            writer.Line("offset", report.UtcOffsetMinutes.ToString());
            writer.Line("opened", report.OpenedUtc.Ticks.ToString());
            writer.Line("closed", report.ClosedUtc.Ticks.ToString());
            writer.Line("auto", report.ClosedAutomatically ? "1" : "0");
            if (report.StudentsPossiblyMissing != 0)
            {
                writer.Line("missing", report.StudentsPossiblyMissing.ToString());
            }

            if (report.LateAfterKnown)
            {
                // 0 ticks: the class start was unknown, nobody is late.
                writer.Line("lateAfter", report.LateAfterUtc == DateTime.MinValue ? "0" : report.LateAfterUtc.Ticks.ToString());
            }

            if (report.VerificationCode != null)
            {
                writer.Line("verification", report.VerificationCode);
            }

            ReportEntryReader entries = report.OpenEntries();
            while (entries.Next())
            {
                writer.Line(EntryKey, EntryValue(entries.Current));
            }

            writer.Finish();
        }

        /// <summary>The stored report, exactly as written; throws <see cref="RecordFormatException"/> when it is not.</summary>
        public static RollReport ReadReport(byte[] data)
        {
            RecordReader reader = new RecordReader(data);
            RollReport report = ParseReport(reader);
            RequireIntact(reader, report);
            return report;
        }

        /// <summary>A stored report with every value range-checked; null when the roll's identity or addressee is missing.</summary>
        public static RollReport ParseReport(RecordReader reader)
        {
            return ParseReport(reader, true);
        }

        /// <summary>
        /// As <see cref="ParseReport(RecordReader)"/>; with <paramref name="keepEntries"/> false every student line
        /// is checked and counted but not kept, and the report reads its lines from the same record when asked
        /// (<see cref="RollReport.StoredEntries"/>): the e-mail is rendered from flash, one student at a time.
        /// </summary>
        public static RollReport ParseReport(RecordReader reader, bool keepEntries)
        {
            RollReport report = new RollReport();
            ArrayList entries = new ArrayList();
            ReportEntry scratch = new ReportEntry();
            int count = 0;
            bool opened = false;
            while (reader.Next())
            {
                string key = reader.Key;
                string value = reader.Value;
                try
                {
                    if (key == "id") { report.RollId = Text(value); }
                    else if (key == "terminal") { report.TerminalId = value; }
                    else if (key == "professor") { report.ProfessorCode = value; }
                    else if (key == "professorName") { report.ProfessorName = value; }
                    else if (key == "email") { report.ProfessorEmail = value; }
                    else if (key == "class") { report.ClassCode = value; }
                    else if (key == "className") { report.ClassName = value; }
                    else if (key == "course") { report.CourseCode = value; }
                    else if (key == "courseName") { report.CourseName = value; }
                    else if (key == "start") { report.ClassStartMinuteOfDay = (int)RecordReader.ParseInRange(value, -1, 1439); }
                    else if (key == "offset") { report.UtcOffsetMinutes = (int)RecordReader.ParseInRange(value, -1440, 1440); }
                    else if (key == "opened") { report.OpenedUtc = Ticks(value); opened = true; }
                    else if (key == "closed") { report.ClosedUtc = Ticks(value); }
                    else if (key == "auto") { report.ClosedAutomatically = Flag(value); }
                    else if (key == "missing") { report.StudentsPossiblyMissing = (int)RecordReader.ParseInRange(value, -1, MaximumEntries); }
                    else if (key == "lateAfter") { report.LateAfterUtc = Ticks(value); report.LateAfterKnown = true; }
                    else if (key == "verification") { report.VerificationCode = Code(value); }
                    else if (key == EntryKey)
                    {
                        if (count >= MaximumEntries)
                        {
                            throw new RecordFormatException("more than " + MaximumEntries.ToString() + " students");
                        }

                        ReportEntry entry = keepEntries ? new ReportEntry() : scratch;
                        ParseEntry(value, entry);
                        count++;
                        if (keepEntries)
                        {
                            entries.Add(entry);
                        }
                    }
                    else
                    {
                        throw new RecordFormatException("is not a report field");
                    }
                }
                catch (RecordFormatException exception)
                {
                    reader.Reject(exception.Message);
                }
            }

            if (report.RollId == null || report.ProfessorEmail == null || !opened)
            {
                return null;
            }

            if (!keepEntries)
            {
                report.StoredEntries = new StoredReportEntries(reader, count);
                return report;
            }

            report.Entries = new ReportEntry[entries.Count];
            entries.CopyTo(report.Entries);
            return report;
        }

        public static void WriteState(IDurableStore store, string name, OutboxEntry entry)
        {
            RecordWriter writer = new RecordWriter(store, name);
            writer.Line("id", entry.RollId);
            writer.Line("status", ((int)entry.Status).ToString());
            writer.Line("failures", entry.Failures.ToString());
            writer.Line("next", entry.NextAttemptUtc.Ticks.ToString());
            writer.Line("code", entry.LastReplyCode.ToString());
            writer.Line("error", entry.LastError);
            writer.Line("settings", entry.FailedUnderSettings);
            writer.Line("retried", entry.RetriedAfterSettingsChange ? "1" : "0");
            writer.Line("repeats", entry.IdenticalFailures.ToString());
            writer.Line("signature", entry.FailureSignature);
            writer.Line("upload", ((int)entry.Upload).ToString());
            writer.Line("mailed", entry.MailAccepted ? "1" : "0");
            writer.Finish();
        }

        /// <summary>The stored state, exactly as written; throws <see cref="RecordFormatException"/> when it is not.</summary>
        public static OutboxEntry ReadState(byte[] data)
        {
            RecordReader reader = new RecordReader(data);
            OutboxEntry entry = ParseState(reader);
            RequireIntact(reader, entry);
            return entry;
        }

        /// <summary>A stored state with every value range-checked; null when its id or status is missing.</summary>
        public static OutboxEntry ParseState(RecordReader reader)
        {
            OutboxEntry entry = new OutboxEntry();
            bool status = false;
            while (reader.Next())
            {
                string key = reader.Key;
                string value = reader.Value;
                try
                {
                    if (key == "id") { entry.RollId = Text(value); }
                    else if (key == "status")
                    {
                        entry.Status = (OutboxEntryStatus)(int)RecordReader.ParseInRange(value, (int)OutboxEntryStatus.Pending,
                            (int)OutboxEntryStatus.Failed);
                        status = true;
                    }
                    else if (key == "failures") { entry.Failures = (int)RecordReader.ParseInRange(value, 0, MaximumFailures); }
                    else if (key == "next") { entry.NextAttemptUtc = Ticks(value); }
                    else if (key == "code") { entry.LastReplyCode = (int)RecordReader.ParseInRange(value, 0, 999); }
                    else if (key == "error") { entry.LastError = value; }
                    else if (key == "settings") { entry.FailedUnderSettings = value; }
                    else if (key == "retried") { entry.RetriedAfterSettingsChange = Flag(value); }
                    else if (key == "repeats") { entry.IdenticalFailures = (int)RecordReader.ParseInRange(value, 0, MaximumFailures); }
                    else if (key == "signature") { entry.FailureSignature = value; }
                    else if (key == "upload")
                    {
                        entry.Upload = (UploadOutcome)(int)RecordReader.ParseInRange(value, (int)UploadOutcome.Pending, (int)UploadOutcome.NotRequired);
                    }
                    else if (key == "mailed") { entry.MailAccepted = Flag(value); }
                    else
                    {
                        throw new RecordFormatException("is not a state field");
                    }
                }
                catch (RecordFormatException exception)
                {
                    reader.Reject(exception.Message);
                }
            }

            if (entry.Status == OutboxEntryStatus.Sent)
            {
                // Older firmware wrote "sent" at the 250 and kept no "mailed" line.
                entry.MailAccepted = true;
            }

            return entry.RollId == null || !status ? null : entry;
        }

        private static void RequireIntact(RecordReader reader, object parsed)
        {
            if (!reader.Intact || parsed == null)
            {
                throw new RecordFormatException("Damaged record: " + (reader.Problem != null ? reader.Problem : "required fields are missing"));
            }
        }

        private static string Text(string value)
        {
            if (value == null || value.Length == 0)
            {
                throw new RecordFormatException("is empty");
            }

            return value;
        }

        /// <summary>A verification code exactly as the terminal writes it, "XXXX-XXXX-XXXX-XXXX".</summary>
        private static string Code(string value)
        {
            string normalised = VerificationCode.Normalise(value);
            if (normalised == null || VerificationCode.Group(normalised) != value)
            {
                throw new RecordFormatException("is not a verification code");
            }

            return value;
        }

        private static bool Flag(string value)
        {
            if (value == "1")
            {
                return true;
            }

            if (value == "0")
            {
                return false;
            }

            throw new RecordFormatException("is not 0 or 1");
        }

        private static string[] Fields(string value, int count)
        {
            return Fields(value, count, count);
        }

        private static string[] Fields(string value, int fewest, int most)
        {
            string[] fields = value == null ? null : RecordReader.Split(value);
            if (fields == null || fields.Length < fewest || fields.Length > most)
            {
                throw new RecordFormatException("does not have " + (fewest == most ? fewest.ToString() : fewest.ToString() + " to " + most.ToString())
                    + " fields");
            }

            return fields;
        }

        /// <summary>
        /// Stored UTC ticks: 0 (never set) up to the year 2200. Anything else cannot have been written by a
        /// terminal (even one whose clock was never set counts from 1601 or 1970), and beyond DateTime.MaxValue
        /// the DateTime constructor would throw.
        /// </summary>
        private static DateTime Ticks(string value)
        {
            return UtcTicks.ToDateTime(RecordReader.ParseInRange(value, 0, LatestTicks));
        }
    }
}
