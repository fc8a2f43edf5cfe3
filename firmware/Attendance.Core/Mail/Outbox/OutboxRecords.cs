using System;
using System.Collections;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// The outbox's three records per roll, as text (readable when a person inspects the flash):
    /// the closed roll (".roll"), the looked-up report (".report") and the delivery state (".state").
    /// Times are stored as UTC ticks. Readers throw <see cref="RecordFormatException"/> on damaged records.
    /// </summary>
    public static class OutboxRecords
    {
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
            int count = roll.StudentCodes == null ? 0 : roll.StudentCodes.Length;
            for (int i = 0; i < count; i++)
            {
                writer.Line("s", RecordWriter.Join(new string[] { roll.StudentCodes[i], roll.SwipeTimesUtc[i].Ticks.ToString() }));
            }

            writer.Finish();
        }

        public static ClosedRoll ReadRoll(byte[] data)
        {
            RequireComplete(data);
            ClosedRoll roll = new ClosedRoll();
            ArrayList codes = new ArrayList();
            ArrayList times = new ArrayList();
            RecordReader reader = new RecordReader(data);
            while (reader.Next())
            {
                string key = reader.Key;
                string value = reader.Value;
                if (key == "id") { roll.RollId = value; }
                else if (key == "terminal") { roll.TerminalId = value; }
                else if (key == "professor") { roll.ProfessorCode = value; }
                else if (key == "email") { roll.ProfessorEmail = value; }
                else if (key == "opened") { roll.OpenedUtc = Ticks(value); }
                else if (key == "closed") { roll.ClosedUtc = Ticks(value); }
                else if (key == "auto") { roll.ClosedAutomatically = value == "1"; }
                else if (key == "s")
                {
                    string[] fields = Fields(value, 2);
                    codes.Add(fields[0]);
                    times.Add(Ticks(fields[1]));
                }
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
            int count = report.Entries == null ? 0 : report.Entries.Length;
            for (int i = 0; i < count; i++)
            {
                ReportEntry entry = report.Entries[i];
                writer.Line("e", RecordWriter.Join(new string[]
                {
                    entry.StudentCode, entry.StudentName, entry.SwipeUtc.Ticks.ToString(), ((int)entry.Status).ToString(),
                    entry.Late ? "1" : "0",
                }));
            }

            writer.Finish();
        }

        public static RollReport ReadReport(byte[] data)
        {
            RequireComplete(data);
            RollReport report = new RollReport();
            ArrayList entries = new ArrayList();
            RecordReader reader = new RecordReader(data);
            while (reader.Next())
            {
                string key = reader.Key;
                string value = reader.Value;
                if (key == "id") { report.RollId = value; }
                else if (key == "terminal") { report.TerminalId = value; }
                else if (key == "professor") { report.ProfessorCode = value; }
                else if (key == "professorName") { report.ProfessorName = value; }
                else if (key == "email") { report.ProfessorEmail = value; }
                else if (key == "class") { report.ClassCode = value; }
                else if (key == "className") { report.ClassName = value; }
                else if (key == "course") { report.CourseCode = value; }
                else if (key == "courseName") { report.CourseName = value; }
                else if (key == "start") { report.ClassStartMinuteOfDay = (int)RecordReader.ParseLong(value); }
                else if (key == "offset") { report.UtcOffsetMinutes = (int)RecordReader.ParseLong(value); }
                else if (key == "opened") { report.OpenedUtc = Ticks(value); }
                else if (key == "closed") { report.ClosedUtc = Ticks(value); }
                else if (key == "auto") { report.ClosedAutomatically = value == "1"; }
                else if (key == "e")
                {
                    string[] fields = Fields(value, 5);
                    ReportEntry entry = new ReportEntry();
                    entry.StudentCode = fields[0];
                    entry.StudentName = fields[1];
                    entry.SwipeUtc = Ticks(fields[2]);
                    entry.Status = (AttendanceStatus)(int)RecordReader.ParseLong(fields[3]);
                    entry.Late = fields[4] == "1";
                    entries.Add(entry);
                }
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
            writer.Finish();
        }

        public static OutboxEntry ReadState(byte[] data)
        {
            RequireComplete(data);
            OutboxEntry entry = new OutboxEntry();
            RecordReader reader = new RecordReader(data);
            while (reader.Next())
            {
                string key = reader.Key;
                string value = reader.Value;
                if (key == "id") { entry.RollId = value; }
                else if (key == "status") { entry.Status = (OutboxEntryStatus)(int)RecordReader.ParseLong(value); }
                else if (key == "failures") { entry.Failures = (int)RecordReader.ParseLong(value); }
                else if (key == "next") { entry.NextAttemptUtc = Ticks(value); }
                else if (key == "code") { entry.LastReplyCode = (int)RecordReader.ParseLong(value); }
                else if (key == "error") { entry.LastError = value; }
            }

            return entry;
        }

        private static void RequireComplete(byte[] data)
        {
            if (!RecordReader.IsComplete(data))
            {
                throw new RecordFormatException("The record is incomplete (cut while being written).");
            }
        }

        private static string[] Fields(string value, int count)
        {
            if (value == null)
            {
                throw new RecordFormatException("Missing value.");
            }

            string[] fields = RecordReader.Split(value);
            if (fields.Length != count)
            {
                throw new RecordFormatException("Expected " + count.ToString() + " fields, found " + fields.Length.ToString());
            }

            return fields;
        }

        private static DateTime Ticks(string value)
        {
            if (value == null)
            {
                throw new RecordFormatException("Missing time.");
            }

            return UtcTicks.ToDateTime(RecordReader.ParseLong(value));
        }
    }
}
