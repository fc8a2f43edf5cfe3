using System;
using Attendance.Core.Roll;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// The close-time exchange for one roll, in a fixed number of round trips whatever the number of students
    /// (docs/protocol.md, "The board's exchange at close"):
    /// greeting; AUTENTICAR + EHPROFESSOR + NOMEPROFESSOR + CODIGOCADEIRA + every NOMEALUNO;
    /// CODIGOCURSOCADEIRA + NOMECADEIRA + INICIOCADEIRA; NOMECURSO + every MATRICULADO.
    /// Steps depend on earlier answers (MATRICULADO needs class and course), so they cannot all be one batch.
    /// </summary>
    internal class RollLookup
    {
        private readonly LookupClient _client;
        private readonly ClosedRoll _roll;

        public RollLookup(LookupClient client, ClosedRoll roll)
        {
            _client = client;
            _roll = roll;
        }

        public object Execute(LookupExchange exchange)
        {
            LookupClientSettings settings = _client.Settings;
            DateTime openedLocal = LookupTime.ToLocal(_roll.OpenedUtc, settings.UtcOffsetMinutes);
            string weekday = LookupTime.IsoWeekday(openedLocal).ToString();
            string time = LookupTime.FormatHourMinute(openedLocal);
            string[] students = _roll.StudentCodes == null ? new string[0] : _roll.StudentCodes;

            // Step 1: who, what class, and every student's name (none of these depend on each other).
            exchange.Queue1(LookupProtocol.IsProfessor, _roll.ProfessorCode);
            exchange.Queue1(LookupProtocol.ProfessorName, _roll.ProfessorCode);
            exchange.Queue3(LookupProtocol.ClassAtTime, time, weekday, _roll.ProfessorCode);
            for (int i = 0; i < students.Length; i++)
            {
                exchange.Queue1(LookupProtocol.StudentName, students[i]);
            }

            exchange.Flush();
            _client.ReadAuthentication(exchange);
            RollReport report = NewReport(settings);
            report.ProfessorEmail = LookupAnswers.ValueOrNull(exchange.ReadFields(), LookupProtocol.NotProfessor, LookupProtocol.IsProfessor);
            report.ProfessorName = LookupAnswers.NameOrNull(exchange.ReadFields(), LookupProtocol.NotProfessor, LookupProtocol.ProfessorName);
            report.ClassCode = LookupAnswers.ValueOrNull(exchange.ReadFields(), LookupProtocol.NoClassScheduled, LookupProtocol.ClassAtTime);
            ReportEntry[] entries = NewEntries(students);
            for (int i = 0; i < entries.Length; i++)
            {
                string[] answer = exchange.ReadFields();

                // One undecodable name degrades one line: the server did answer with a name (not NAOEHALUNO), so
                // the student is known and enrolment is still asked; only the name is shown as unreadable.
                entries[i].NameUnreadable = LookupAnswers.IsUnreadableName(answer);
                entries[i].StudentName = LookupAnswers.NameOrNull(answer, LookupProtocol.NotStudent, LookupProtocol.StudentName);

                // Until enrolment is known (no class scheduled, or no course), a known student counts as not enrolled.
                bool known = entries[i].StudentName != null || entries[i].NameUnreadable;
                entries[i].Status = known ? AttendanceStatus.NotEnrolled : AttendanceStatus.UnknownStudent;
            }

            report.Entries = entries;
            if (report.ProfessorEmail == null)
            {
                // The server no longer knows this card; the address confirmed when the roll opened still holds.
                report.ProfessorEmail = _roll.ProfessorEmail;
                if (report.ProfessorEmail == null)
                {
                    throw new LookupException(LookupFailure.Refused, "The lookup server does not know professor " + _roll.ProfessorCode + ": there is no address to send the roll to.");
                }
            }

            if (report.ClassCode == null)
            {
                return report;
            }

            // Step 2: everything that needs the class.
            exchange.Queue1(LookupProtocol.CourseOfClass, report.ClassCode);
            exchange.Queue1(LookupProtocol.ClassName, report.ClassCode);
            exchange.Queue3(LookupProtocol.ClassStart, report.ClassCode, weekday, time);
            exchange.Flush();
            report.CourseCode = LookupAnswers.ValueOrNull(exchange.ReadFields(), LookupProtocol.NotClass, LookupProtocol.CourseOfClass);
            report.ClassName = LookupAnswers.NameOrNull(exchange.ReadFields(), LookupProtocol.NotClass, LookupProtocol.ClassName);
            report.ClassStartMinuteOfDay = LookupAnswers.StartMinuteOfDay(exchange.ReadFields());
            MarkLate(report, openedLocal, settings);
            if (report.CourseCode == null)
            {
                return report;
            }

            // Step 3: the course's name and the enrolment of every known student.
            string year = openedLocal.Year.ToString();
            string month = openedLocal.Month.ToString();
            exchange.Queue1(LookupProtocol.CourseName, report.CourseCode);
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].Status != AttendanceStatus.UnknownStudent)
                {
                    exchange.Queue5(LookupProtocol.IsEnrolled, entries[i].StudentCode, report.ClassCode, report.CourseCode, year, month);
                }
            }

            exchange.Flush();
            report.CourseName = LookupAnswers.NameOrNull(exchange.ReadFields(), LookupProtocol.NotCourse, LookupProtocol.CourseName);
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].Status != AttendanceStatus.UnknownStudent)
                {
                    entries[i].Status = LookupAnswers.IsEnrolled(exchange.ReadFields()) ? AttendanceStatus.Enrolled : AttendanceStatus.NotEnrolled;
                }
            }

            return report;
        }

        private RollReport NewReport(LookupClientSettings settings)
        {
            RollReport report = new RollReport();
            report.RollId = _roll.RollId;
            report.TerminalId = _roll.TerminalId;
            report.ProfessorCode = _roll.ProfessorCode;
            report.UtcOffsetMinutes = settings.UtcOffsetMinutes;
            report.OpenedUtc = _roll.OpenedUtc;
            report.ClosedUtc = _roll.ClosedUtc;
            report.ClosedAutomatically = _roll.ClosedAutomatically;
            report.StudentsPossiblyMissing = _roll.StudentsPossiblyMissing;
            return report;
        }

        private ReportEntry[] NewEntries(string[] students)
        {
            ReportEntry[] entries = new ReportEntry[students.Length];
            for (int i = 0; i < students.Length; i++)
            {
                ReportEntry entry = new ReportEntry();
                entry.StudentCode = students[i];
                entry.SwipeUtc = _roll.SwipeTimesUtc[i];
                entries[i] = entry;
            }

            return entries;
        }

        /// <summary>A swipe is late when it comes more than the grace period after the slot's start on the opening day.</summary>
        private static void MarkLate(RollReport report, DateTime openedLocal, LookupClientSettings settings)
        {
            if (report.ClassStartMinuteOfDay < 0)
            {
                return;
            }

            DateTime startLocal = openedLocal.Date.AddMinutes(report.ClassStartMinuteOfDay);
            DateTime latestOnTimeUtc = startLocal.AddMinutes(settings.LateGraceMinutes - settings.UtcOffsetMinutes);
            for (int i = 0; i < report.Entries.Length; i++)
            {
                report.Entries[i].Late = report.Entries[i].SwipeUtc > latestOnTimeUtc;
            }
        }
    }
}
